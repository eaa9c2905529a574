import type { Connection, SubscriptionKind } from '../../connection/index.js';
import type { RespValue } from '../../resp/index.js';

const COMMANDS: Record<SubscriptionKind, { on: string; off: string }> = {
  channel: { on: 'SUBSCRIBE', off: 'UNSUBSCRIBE' },
  pattern: { on: 'PSUBSCRIBE', off: 'PUNSUBSCRIBE' },
  shard: { on: 'SSUBSCRIBE', off: 'SUNSUBSCRIBE' },
};

const KINDS: readonly SubscriptionKind[] = ['channel', 'pattern', 'shard'];

/** What a ConnectionSubscriber reports to its owner. */
export interface SubscriberEvents {
  /** A frame no command was waiting for: a message, or an unsubscribe the server decided on its own. */
  frame(frame: RespValue[], subscriber: ConnectionSubscriber): void;
  /** The subscriptions were sent again after the connection came back. */
  restored(subscriber: ConnectionSubscriber, count: number, error: Error | undefined): void;
}

/**
 * The subscriptions one connection should carry. It sends (un)subscribe commands and, every time the
 * connection becomes ready again after a reconnect, subscribes to everything it should carry (the server
 * forgets subscriptions with the socket). Sharded channels go one per command (a cluster rejects a
 * SSUBSCRIBE whose channels hash to different slots).
 */
export class ConnectionSubscriber {
  readonly connection: Connection;
  readonly desired: Record<SubscriptionKind, Set<string>> = {
    channel: new Set(),
    pattern: new Set(),
    shard: new Set(),
  };
  private readonly events: SubscriberEvents;
  private readonly onPush = (frame: RespValue[]) => this.events.frame(frame, this);
  private readonly onReady = () => this.restore();

  constructor(connection: Connection, events: SubscriberEvents) {
    this.connection = connection;
    this.events = events;
    connection.on('push', this.onPush);
    connection.on('ready', this.onReady);
  }

  get size(): number {
    return this.desired.channel.size + this.desired.pattern.size + this.desired.shard.size;
  }

  subscribe(kind: SubscriptionKind, names: readonly string[]): Promise<void> {
    for (const name of names) this.desired[kind].add(name);
    return this.send(COMMANDS[kind].on, kind, names);
  }

  unsubscribe(kind: SubscriptionKind, names: readonly string[]): Promise<void> {
    for (const name of names) this.desired[kind].delete(name);
    // After a disconnect the server holds nothing: the restore will simply not include these names.
    if (this.connection.state !== 'ready') return Promise.resolve();
    return this.send(COMMANDS[kind].off, kind, names);
  }

  /** Stops listening to the connection (it is not closed: it may be shared). */
  detach(): void {
    this.connection.off('push', this.onPush);
    this.connection.off('ready', this.onReady);
  }

  private async send(command: string, kind: SubscriptionKind, names: readonly string[]): Promise<void> {
    if (names.length === 0) return;
    if (kind !== 'shard') {
      await this.connection.send([command, ...names], { retryable: true });
      return;
    }
    await Promise.all(names.map((name) => this.connection.send([command, name], { retryable: true })));
  }

  private restore(): void {
    const sent: Promise<void>[] = [];
    let count = 0;
    for (const kind of KINDS) {
      const names = [...this.desired[kind]];
      count += names.length;
      sent.push(this.send(COMMANDS[kind].on, kind, names));
    }
    if (count === 0) return;
    Promise.all(sent).then(
      () => this.events.restored(this, count, undefined),
      (error: Error) => this.events.restored(this, count, error),
    );
  }
}
