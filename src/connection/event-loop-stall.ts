/**
 * How long the event loop was blocked, so that a timeout caused by a busy process (a long synchronous
 * computation, a huge JSON.parse, a GC pause) is not blamed on the server. A timer that should fire every
 * {@link TICK_MS} measures its own lateness; the sum of the lateness is the time the loop could not run.
 * It runs only while some connection has a command with a deadline pending (reference counted), so an
 * idle client pays nothing.
 */
const TICK_MS = 20;
/** Lateness below this is scheduling noise, not a blocked loop. */
const NOISE_MS = 5;

class EventLoopStallMonitor {
  private users = 0;
  private timer: NodeJS.Timeout | undefined;
  private last = 0;
  private blockedTotal = 0;
  private longest = 0;

  /** Starts measuring (or keeps measuring) for one more user. */
  acquire(): void {
    this.users++;
    if (this.timer !== undefined) return;
    this.last = performance.now();
    this.timer = setInterval(() => this.tick(), TICK_MS);
    this.timer.unref();
  }

  release(): void {
    if (this.users === 0) return;
    this.users--;
    if (this.users > 0) return;
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Ms the loop was blocked since the process started measuring, including a stall still in progress. */
  total(): number {
    if (this.timer === undefined) return this.blockedTotal;
    const current = performance.now() - this.last - TICK_MS;
    return this.blockedTotal + (current > NOISE_MS ? current : 0);
  }

  /** Longest single stall seen since start, ms. */
  get longestStall(): number {
    return this.longest;
  }

  get active(): boolean {
    return this.timer !== undefined;
  }

  private tick(): void {
    const now = performance.now();
    const late = now - this.last - TICK_MS;
    this.last = now;
    if (late <= NOISE_MS) return;
    this.blockedTotal += late;
    if (late > this.longest) this.longest = late;
  }
}

/** One monitor per process: the event loop is shared by every connection. */
export const eventLoopStalls = new EventLoopStallMonitor();
