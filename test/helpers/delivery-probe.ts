/**
 * Measures pub/sub delivery across a fault: publishes a numbered message every few ms (one at a time, so a
 * failover does not pile them up), records when each arrives, and reports the longest silence, the messages
 * acknowledged by the server but never delivered (Redis pub/sub keeps nothing for an absent subscriber),
 * and the publishes that failed.
 */
import type { PubSubMessage } from '../../src/client/index.js';

export interface DeliveryReport {
  published: number;
  failedPublishes: number;
  received: number;
  /** Acknowledged by the server, never delivered. */
  lost: number;
  /** Longest time between two consecutive deliveries, in ms. */
  maxGapMs: number;
}

export class DeliveryProbe {
  private seq = 0;
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly acked = new Set<number>();
  private failed = 0;
  private readonly arrivals: Array<{ seq: number; at: number }> = [];
  private readonly waiters: Array<{ after: number; resolve: () => void }> = [];

  constructor(
    private readonly publish: (message: string) => Promise<unknown>,
    private readonly intervalMs = 10,
  ) {}

  /** The listener to subscribe with. */
  readonly receive = (message: PubSubMessage): void => {
    const seq = Number(message.message);
    if (!Number.isInteger(seq)) return;
    this.arrivals.push({ seq, at: performance.now() });
    for (const waiter of [...this.waiters]) {
      if (seq > waiter.after) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  };

  start(): void {
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        const seq = ++this.seq;
        await this.publish(String(seq)).then(
          () => this.acked.add(seq),
          () => {
            this.failed++;
          },
        );
        await new Promise((resolve) => setTimeout(resolve, this.intervalMs));
      }
    })();
  }

  /** Resolves once a message published after this call was delivered; rejects after `timeoutMs`. */
  fresh(timeoutMs = 10_000): Promise<void> {
    const after = this.seq;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`no message published after #${after} arrived within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.push({
        after,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  async stop(): Promise<DeliveryReport> {
    this.running = false;
    await this.loop;
    let maxGapMs = 0;
    for (let i = 1; i < this.arrivals.length; i++) {
      maxGapMs = Math.max(maxGapMs, this.arrivals[i].at - this.arrivals[i - 1].at);
    }
    const delivered = new Set(this.arrivals.map((arrival) => arrival.seq));
    let lost = 0;
    for (const seq of this.acked) if (!delivered.has(seq)) lost++;
    return {
      published: this.seq,
      failedPublishes: this.failed,
      received: delivered.size,
      lost,
      maxGapMs: Math.round(maxGapMs),
    };
  }
}
