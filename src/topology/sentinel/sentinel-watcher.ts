import { formatAddress } from '../../address/index.js';
import type { Connection } from '../../connection/index.js';
import type { RespValue } from '../../resp/index.js';
import type { SentinelClient } from './sentinel-client.js';
import { asText } from './sentinel-replies.js';

/**
 * Sentinel events the topology follows. `+switch-master` comes from every sentinel, but the one leading the
 * failover publishes it only once the replicas are reconfigured (up to failover-timeout later);
 * `+promoted-slave` is that leader's early notice that the new master is in place.
 */
export const WATCHED_CHANNELS = [
  '+switch-master',
  '+promoted-slave',
  '+slave',
  '+sdown',
  '-sdown',
  '+sentinel',
] as const;

export type SentinelEventHandler = (channel: string, payload: string, from: string) => void;

/**
 * A RESP3 subscriber connection on one sentinel, subscribed to {@link WATCHED_CHANNELS}. When it drops,
 * it resubscribes on the next sentinel in the list (after `retryDelay`), and calls `onSubscribed` so the
 * topology can check whether it missed a switch meanwhile.
 */
export class SentinelWatcher {
  private connection: Connection | undefined;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private cursor = 0;

  constructor(
    private readonly client: SentinelClient,
    private readonly onEvent: SentinelEventHandler,
    private readonly onSubscribed: (from: string) => void,
    private readonly retryDelay = 250,
  ) {}

  /** `host:port` of the sentinel the subscription lives on, when subscribed. */
  subscribedTo: string | undefined;

  start(): void {
    if (this.connection !== undefined || this.timer !== undefined || this.stopped) return;
    void this.subscribe();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.connection?.disconnect();
    this.connection = undefined;
  }

  private async subscribe(): Promise<void> {
    const entries = this.client.list.ordered();
    if (entries.length === 0) return;
    // Start from the sentinel that answers queries; move on along the list on each failure.
    const entry = entries[this.cursor % entries.length];
    this.cursor++;
    if (entry === undefined) return;
    const label = formatAddress(entry.address);
    let connection: Connection | undefined;
    try {
      const target = await this.client.sentinelTarget(entry.address, entry.configured);
      if (this.stopped) return;
      connection = this.client.openSentinel(target, {
        protocol: 3,
        commandTimeout: 0,
        onPush: (push) => this.onPush(push, label),
      });
      this.connection = connection;
      connection.on('error', () => {});
      connection.on('end', () => this.onEnd(connection));
      await connection.connect();
      if (connection.protocol !== 3) {
        // A RESP2-only sentinel: messages would not be told apart from replies. Data-side detection remains.
        this.connection = undefined;
        connection.disconnect();
        return;
      }
      await connection.send(['SUBSCRIBE', ...WATCHED_CHANNELS], { timeout: 5_000 });
      this.cursor = 0;
      this.subscribedTo = label;
      this.onSubscribed(label);
    } catch {
      connection?.disconnect();
    }
  }

  private onEnd(connection: Connection | undefined): void {
    if (connection !== this.connection) return;
    this.connection = undefined;
    this.subscribedTo = undefined;
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (!this.stopped) void this.subscribe();
    }, this.retryDelay);
    this.timer.unref();
  }

  private onPush(push: RespValue[], from: string): void {
    if (asText(push[0]) !== 'message') return;
    const channel = asText(push[1]);
    const payload = asText(push[2]);
    if (channel !== undefined && payload !== undefined) this.onEvent(channel, payload, from);
  }
}
