import { formatAddress } from '../../address/index.js';
import type { Connection } from '../../connection/index.js';
import type { RespValue } from '../../resp/index.js';
import { replyText as asText } from '../../resp/index.js';
import type { SentinelClient } from './sentinel-client.js';

/**
 * Sentinel events the topology follows. `+switch-master` comes from every sentinel, but the one leading the
 * failover publishes it only once the replicas are reconfigured (up to failover-timeout later). That leader
 * also says early what it does: `+selected-slave` (the replica it will promote, just before it sends it
 * SLAVEOF NO ONE), `+promoted-slave` (the replica reported itself master), and the aborts.
 */
export const WATCHED_CHANNELS = [
  '+switch-master',
  '+selected-slave',
  '+promoted-slave',
  '-failover-abort-not-elected',
  '-failover-abort-no-good-slave',
  '-failover-abort-slave-timeout',
  '+failover-end-for-timeout',
  '+slave',
  '+sdown',
  '-sdown',
  '+sentinel',
] as const;

export type SentinelEventHandler = (channel: string, payload: string, from: string) => void;

/**
 * A RESP3 subscriber connection on one sentinel, subscribed to {@link WATCHED_CHANNELS}. When it drops,
 * it resubscribes on the next sentinel in the list (after `retryDelay`), and calls `onSubscribed` so the
 * topology can check whether it missed a switch meanwhile. A sentinel that stops answering but keeps its
 * socket open (stopped, overloaded, a half-open link) is caught by a PING every `pingInterval` ms (RESP3
 * allows commands in subscribed mode) that must be answered within `pingInterval` ms: then the watcher
 * moves on to the next sentinel.
 */
export class SentinelWatcher {
  private connection: Connection | undefined;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private pingTimer: NodeJS.Timeout | undefined;
  private cursor = 0;
  /** Index in the list of the sentinel subscribed to: the one to skip when it stops answering. */
  private subscribedIndex = 0;

  constructor(
    private readonly client: SentinelClient,
    private readonly onEvent: SentinelEventHandler,
    private readonly onSubscribed: (from: string) => void,
    private readonly retryDelay = 250,
    private readonly pingInterval = 1_000,
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
    clearInterval(this.pingTimer);
    this.pingTimer = undefined;
    this.connection?.disconnect();
    this.connection = undefined;
  }

  private async subscribe(): Promise<void> {
    const entries = this.client.list.ordered();
    if (entries.length === 0) return;
    // Start from the sentinel that answers queries; move on along the list on each failure.
    const index = this.cursor % entries.length;
    const entry = entries[index];
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
      this.subscribedIndex = index;
      this.subscribedTo = label;
      this.startPinging(connection);
      this.onSubscribed(label);
    } catch {
      connection?.disconnect();
    }
  }

  /** PING on the subscription; no answer in time: drop it and subscribe on the next sentinel. */
  private startPinging(connection: Connection): void {
    clearInterval(this.pingTimer);
    let waiting = false;
    this.pingTimer = setInterval(() => {
      if (waiting || connection !== this.connection) return;
      waiting = true;
      connection.send(['PING'], { timeout: this.pingInterval }).then(
        () => {
          waiting = false;
        },
        () => {
          waiting = false;
          if (connection !== this.connection || this.stopped) return;
          this.cursor = this.subscribedIndex + 1;
          connection.disconnect();
        },
      );
    }, this.pingInterval);
    this.pingTimer.unref();
  }

  private onEnd(connection: Connection | undefined): void {
    if (connection !== this.connection) return;
    clearInterval(this.pingTimer);
    this.pingTimer = undefined;
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
