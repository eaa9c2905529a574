/**
 * One timer for the earliest command deadline of a connection. While armed it holds a reference on the
 * event-loop stall monitor, so a timeout can say how long the process itself was blocked.
 */
import { eventLoopStalls } from './event-loop-stall.js';

export class DeadlineTimer {
  private timer: NodeJS.Timeout | undefined;
  private armedFor = Number.POSITIVE_INFINITY;
  private watchingLoop = false;
  /** The last firing found an expired command and yielded once to pending I/O before deciding. */
  private deferred = false;
  private readonly fireBound = () => {
    this.timer = undefined;
    this.armedFor = Number.POSITIVE_INFINITY;
    this.onDue();
  };

  /** `onDue` scans the commands; it calls {@link deferOnce} or {@link rearm}. */
  constructor(private readonly onDue: () => void) {}

  /** Fires at `deadline` unless an earlier one is already armed. */
  arm(deadline: number): void {
    if (deadline >= this.armedFor) return;
    clearTimeout(this.timer);
    this.armedFor = deadline;
    this.timer = setTimeout(this.fireBound, Math.max(0, Math.ceil(deadline - performance.now())));
    this.timer.unref();
    if (!this.watchingLoop) {
      this.watchingLoop = true;
      eventLoopStalls.acquire();
    }
  }

  /**
   * A command expired: true the first time, after re-arming for the next loop iteration, false the
   * second. After the loop was blocked, timers run before pending socket reads; a 0 ms timer fires after
   * the next poll phase has read the sockets, which may hold the very reply, so a busy process is not
   * reported as a slow server.
   */
  deferOnce(): boolean {
    if (this.deferred) {
      this.deferred = false;
      return false;
    }
    this.deferred = true;
    this.armedFor = performance.now();
    this.timer = setTimeout(this.fireBound, 0);
    this.timer.unref();
    return true;
  }

  /** Nothing expired: wait for `next` (+Infinity: no deadline left, stop watching the loop). */
  rearm(next: number): void {
    this.deferred = false;
    if (next !== Number.POSITIVE_INFINITY) this.arm(next);
    else this.stop();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.armedFor = Number.POSITIVE_INFINITY;
    if (!this.watchingLoop) return;
    this.watchingLoop = false;
    eventLoopStalls.release();
  }
}
