import type { Connection, SubscriptionKind } from '../../connection/index.js';
import { pushKind } from '../../connection/index.js';
import { ReplyError, type RespValue } from '../../resp/index.js';
import type { StatefulConnections } from '../../topology/index.js';
import { ConnectionSubscriber } from './connection-subscriber.js';
import type { Subscription } from './subscription.js';
import type { PubSubMessage } from './types.js';

/** What the manager reports to the client. */
export interface PubSubEvents {
  /** Subscriptions were restored on a connection that came back (`ms`: from the drop to the confirmation). */
  resubscribed(info: { count: number; ms: number; error?: Error }): void;
  error(error: Error): void;
}

const routeKey = (kind: SubscriptionKind, name: string) => `${kind}\0${name}`;

/**
 * Client-wide pub/sub: which Subscriptions listen to which names, and which connection carries each name.
 * On RESP3 the topology's shared command connection carries subscriptions (push frames keep them apart
 * from replies); on RESP2 a dedicated connection per node is opened (a subscribed RESP2 connection accepts
 * no other command). The carrier for a sharded channel is the node owning its slot; when the topology
 * says it changed (`reroute` event) or the server unsubscribes us on its own, names move to the new carrier.
 */
export class PubSubManager {
  private readonly provider: StatefulConnections;
  private readonly events: PubSubEvents;
  private readonly listeners = new Map<string, Set<Subscription>>();
  private readonly confirmations = new Map<string, Promise<void>>();
  private readonly routes = new Map<string, ConnectionSubscriber>();
  private readonly carriers = new Map<Connection, ConnectionSubscriber>();
  private readonly dedicated = new Map<Connection, Connection>();
  private readonly droppedAt = new Map<ConnectionSubscriber, number>();

  constructor(provider: StatefulConnections, events: PubSubEvents) {
    this.provider = provider;
    this.events = events;
    provider.on('reroute', () => {
      this.rerouteAll().catch((error: Error) => this.events.error(error));
    });
  }

  /** Registers `subscription` and resolves once the server confirmed all its names. */
  async add(subscription: Subscription): Promise<void> {
    const { kind } = subscription;
    const waits: Promise<void>[] = [];
    for (const name of subscription.names) {
      const key = routeKey(kind, name);
      let set = this.listeners.get(key);
      if (set === undefined) {
        set = new Set();
        this.listeners.set(key, set);
        const confirmed = this.route(kind, name);
        this.confirmations.set(key, confirmed);
        confirmed.then(
          () => {
            if (this.confirmations.get(key) === confirmed) this.confirmations.delete(key);
          },
          () => {
            if (this.confirmations.get(key) === confirmed) this.confirmations.delete(key);
          },
        );
      }
      set.add(subscription);
      const pending = this.confirmations.get(key);
      if (pending !== undefined) waits.push(pending);
    }
    await Promise.all(waits);
  }

  /** Removes `subscription`; names no other subscription listens to are unsubscribed. */
  async release(subscription: Subscription): Promise<void> {
    const { kind } = subscription;
    const sends: Promise<void>[] = [];
    for (const name of subscription.names) {
      const key = routeKey(kind, name);
      const set = this.listeners.get(key);
      if (set === undefined || !set.delete(subscription) || set.size > 0) continue;
      this.listeners.delete(key);
      const carrier = this.routes.get(key);
      this.routes.delete(key);
      if (carrier !== undefined) sends.push(carrier.unsubscribe(kind, [name]));
    }
    await Promise.all(sends);
  }

  /** Closes the dedicated connections (the shared ones belong to the topology). */
  async close(): Promise<void> {
    for (const subscriber of this.carriers.values()) subscriber.detach();
    this.carriers.clear();
    const closing = [...this.dedicated.values()].map((connection) =>
      connection.quit().catch(() => undefined),
    );
    this.dedicated.clear();
    await Promise.all(closing);
  }

  disconnect(): void {
    for (const subscriber of this.carriers.values()) subscriber.detach();
    this.carriers.clear();
    for (const connection of this.dedicated.values()) connection.disconnect();
    this.dedicated.clear();
  }

  private async route(kind: SubscriptionKind, name: string): Promise<void> {
    const carrier = await this.carrierFor(kind, name);
    const key = routeKey(kind, name);
    if (!this.listeners.has(key)) return; // unsubscribed while the carrier was being found
    this.routes.set(key, carrier);
    try {
      await carrier.subscribe(kind, [name]);
    } catch (error) {
      // The server refused (ACL, arguments): no subscription listens to this name any more.
      if (error instanceof ReplyError) {
        carrier.desired[kind].delete(name);
        this.routes.delete(key);
      }
      throw error;
    }
  }

  private async carrierFor(kind: SubscriptionKind, name: string): Promise<ConnectionSubscriber> {
    const shared = await this.provider.sharedConnection(kind === 'shard' ? name : undefined);
    let connection = shared;
    if (shared.protocol !== 3) {
      let own = this.dedicated.get(shared);
      if (own === undefined) {
        own = this.provider.openConnectionLike(shared);
        own.on('error', () => undefined);
        this.dedicated.set(shared, own);
      }
      connection = own;
    }
    let subscriber = this.carriers.get(connection);
    if (subscriber === undefined) {
      subscriber = new ConnectionSubscriber(connection, {
        frame: (frame, from) => this.onFrame(frame, from),
        restored: (from, count, error) => this.onRestored(from, count, error),
      });
      connection.on('reconnecting', () => {
        if (!this.droppedAt.has(subscriber as ConnectionSubscriber)) {
          this.droppedAt.set(subscriber as ConnectionSubscriber, performance.now());
        }
      });
      this.carriers.set(connection, subscriber);
    }
    return subscriber;
  }

  private onRestored(subscriber: ConnectionSubscriber, count: number, error: Error | undefined): void {
    const since = this.droppedAt.get(subscriber);
    this.droppedAt.delete(subscriber);
    const ms = since === undefined ? 0 : Math.round(performance.now() - since);
    this.events.resubscribed(error === undefined ? { count, ms } : { count, ms, error });
  }

  private onFrame(frame: RespValue[], subscriber: ConnectionSubscriber): void {
    switch (pushKind(frame)) {
      case 'message':
        this.deliver('channel', text(frame[1]), {
          kind: 'channel',
          channel: text(frame[1]),
          message: text(frame[2]),
        });
        return;
      case 'pmessage':
        this.deliver('pattern', text(frame[1]), {
          kind: 'pattern',
          pattern: text(frame[1]),
          channel: text(frame[2]),
          message: text(frame[3]),
        });
        return;
      case 'smessage':
        this.deliver('shard', text(frame[1]), {
          kind: 'shard',
          channel: text(frame[1]),
          message: text(frame[2]),
        });
        return;
      case 'sunsubscribe':
        // The server dropped a sharded channel on its own: its slot moved. Subscribe on the new owner.
        this.moveAway('shard', text(frame[1]), subscriber);
        return;
      case 'unsubscribe':
        this.moveAway('channel', text(frame[1]), subscriber);
        return;
      case 'punsubscribe':
        this.moveAway('pattern', text(frame[1]), subscriber);
        return;
      default:
        return;
    }
  }

  private deliver(kind: SubscriptionKind, name: string, message: PubSubMessage): void {
    const set = this.listeners.get(routeKey(kind, name));
    if (set === undefined) return;
    for (const subscription of set) subscription.deliver(message);
  }

  private moveAway(kind: SubscriptionKind, name: string, from: ConnectionSubscriber): void {
    const key = routeKey(kind, name);
    if (this.routes.get(key) !== from || !from.desired[kind].has(name)) return;
    from.desired[kind].delete(name);
    this.routes.delete(key);
    this.route(kind, name).catch((error: Error) => this.failName(kind, name, error));
  }

  private async rerouteAll(): Promise<void> {
    const moves: Promise<void>[] = [];
    for (const [key, from] of this.routes) {
      const separator = key.indexOf('\0');
      const kind = key.slice(0, separator) as SubscriptionKind;
      const name = key.slice(separator + 1);
      moves.push(
        this.carrierFor(kind, name).then(async (to) => {
          if (to === from || this.routes.get(key) !== from) return;
          await from.unsubscribe(kind, [name]).catch(() => undefined);
          this.routes.delete(key);
          await this.route(kind, name);
        }),
      );
    }
    await Promise.all(moves);
  }

  private failName(kind: SubscriptionKind, name: string, error: Error): void {
    const set = this.listeners.get(routeKey(kind, name));
    if (set === undefined) return;
    for (const subscription of [...set]) subscription.fail(error);
  }
}

function text(value: RespValue | undefined): string {
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString();
  return value === null || value === undefined ? '' : String(value);
}
