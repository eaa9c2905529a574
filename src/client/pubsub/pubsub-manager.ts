import type { Connection, SubscriptionKind } from '../../connection/index.js';
import { pushKind } from '../../connection/index.js';
import { RedirectError, ReplyError, type RespValue, replyText } from '../../resp/index.js';
import {
  followRoute,
  isTransientRefusal,
  judgePinned,
  pinnedBudget,
  pinnedExhausted,
  type StatefulConnections,
} from '../../topology/index.js';
import { ConnectionSubscriber } from './connection-subscriber.js';
import type { SubscriptionEntry } from './subscription.js';
import type { BufferPubSubMessage, PubSubMessage } from './types.js';

/** What the manager reports to the client. */
export interface PubSubEvents {
  /**
   * Subscriptions were restored on a connection that came back (`ms`: from the drop to the confirmation),
   * or moved to another connection by a reroute (`ms`: from the reroute to the confirmation).
   */
  resubscribed(info: { count: number; ms: number; error?: Error }): void;
  error(error: Error): void;
}

const routeKey = (kind: SubscriptionKind, name: string) => `${kind}\0${name}`;

/** Attempts to re-home a channel whose carrier lost it, and the pause unit between them (ms). */
const REHOME_ATTEMPTS = 8;
const REHOME_DELAY_MS = 250;

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
  private readonly listeners = new Map<string, Set<SubscriptionEntry>>();
  private readonly confirmations = new Map<string, Promise<void>>();
  private readonly routes = new Map<string, ConnectionSubscriber>();
  private readonly carriers = new Map<Connection, ConnectionSubscriber>();
  private readonly dedicated = new Map<Connection, Connection>();
  private readonly droppedAt = new Map<ConnectionSubscriber, number>();
  private closed = false;

  constructor(provider: StatefulConnections, events: PubSubEvents) {
    this.provider = provider;
    this.events = events;
    provider.on('reroute', () => {
      if (this.closed || this.routes.size === 0) return;
      const started = performance.now();
      this.rerouteAll().then(
        (count) => {
          if (count > 0) this.events.resubscribed({ count, ms: Math.round(performance.now() - started) });
        },
        (error: Error) => this.events.error(error),
      );
    });
  }

  /** Registers `subscription` and resolves once the server confirmed all its names. */
  async add(subscription: SubscriptionEntry): Promise<void> {
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
  async release(subscription: SubscriptionEntry): Promise<void> {
    const { kind } = subscription;
    const sends: Promise<void>[] = [];
    for (const name of subscription.names) {
      const key = routeKey(kind, name);
      const set = this.listeners.get(key);
      if (set === undefined || !set.delete(subscription) || set.size > 0) continue;
      this.listeners.delete(key);
      const carrier = this.routes.get(key);
      this.routes.delete(key);
      if (carrier !== undefined) sends.push(carrier.unsubscribe(kind, [name]).catch(unsubscribeRedirected));
    }
    await Promise.all(sends);
  }

  /** Closes the dedicated connections (the shared ones belong to the topology). */
  async close(): Promise<void> {
    this.closed = true;
    for (const subscriber of this.carriers.values()) subscriber.detach();
    this.carriers.clear();
    const closing = [...this.dedicated.values()].map((connection) =>
      connection.quit().catch(() => undefined),
    );
    this.dedicated.clear();
    await Promise.all(closing);
  }

  disconnect(): void {
    this.closed = true;
    for (const subscriber of this.carriers.values()) subscriber.detach();
    this.carriers.clear();
    for (const connection of this.dedicated.values()) connection.disconnect();
    this.dedicated.clear();
  }

  /**
   * Subscribes `name` on the connection of its node, through the one loop (topology/router.ts): after a
   * MOVED (a sharded channel's slot moved) on the new owner, after a transient refusal once paused. The
   * servers keep serving a sharded channel on the migrating node until the slot moves (no ASK).
   */
  private route(kind: SubscriptionKind, name: string): Promise<void> {
    const key = routeKey(kind, name);
    return followRoute<void>(
      {
        send: async () => {
          const carrier = await this.carrierFor(kind, name);
          if (!this.listeners.has(key)) return; // unsubscribed while the carrier was being found
          const current = this.routes.get(key);
          if (current !== undefined && current !== carrier) return; // a reroute already moved it
          this.routes.set(key, carrier);
          // A Buffer subscription needs its payloads decoded as bytes, not UTF-8 text, on this carrier.
          if (!carrier.connection.pubsubBuffers && this.wantsBuffers(key))
            carrier.connection.pubsubBuffers = true;
          try {
            await carrier.subscribe(kind, [name]);
          } catch (error) {
            if (error instanceof ReplyError) {
              carrier.desired[kind].delete(name);
              if (this.routes.get(key) === carrier) this.routes.delete(key);
            }
            throw error;
          }
        },
        // The server refused (ACL, arguments): final; no subscription listens to this name any more.
        judge: (error, budget) =>
          error instanceof ReplyError ? judgePinned(this.provider, error, budget) : { kind: 'fail' },
        exhausted: (last) =>
          pinnedExhausted(this.provider, kind === 'shard' ? 'SSUBSCRIBE' : 'SUBSCRIBE', last),
      },
      pinnedBudget(this.provider),
    );
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
        this.deliver('channel', text(frame[1]), undefined, frame[2]);
        return;
      case 'pmessage':
        this.deliver('pattern', text(frame[1]), text(frame[2]), frame[3]);
        return;
      case 'smessage':
        this.deliver('shard', text(frame[1]), undefined, frame[2]);
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

  /**
   * Hands a message to every subscription on `name`: as text, or with the payload's bytes for a Buffer
   * subscription. For a pattern, `name` is the pattern and `channel` the channel that matched.
   */
  private deliver(
    kind: SubscriptionKind,
    name: string,
    channel: string | undefined,
    payload: RespValue | undefined,
  ): void {
    const set = this.listeners.get(routeKey(kind, name));
    if (set === undefined) return;
    let asText: PubSubMessage | undefined;
    let asBytes: BufferPubSubMessage | undefined;
    for (const subscription of set) {
      if (subscription.buffers) {
        asBytes ??= withNames(kind, name, channel, { message: bytes(payload) }) as BufferPubSubMessage;
        subscription.deliver(asBytes);
      } else {
        asText ??= withNames(kind, name, channel, { message: text(payload) }) as PubSubMessage;
        subscription.deliver(asText);
      }
    }
  }

  private wantsBuffers(key: string): boolean {
    for (const subscription of this.listeners.get(key) ?? []) if (subscription.buffers) return true;
    return false;
  }

  private moveAway(kind: SubscriptionKind, name: string, from: ConnectionSubscriber): void {
    const key = routeKey(kind, name);
    if (this.routes.get(key) !== from || !from.desired[kind].has(name)) return;
    from.desired[kind].delete(name);
    this.routes.delete(key);
    void this.rehome(kind, name);
  }

  /**
   * Routes `name` again after its carrier lost it, retrying transient failures (a failover in progress, a
   * node not reachable yet) with a growing pause; when that does not help, its subscriptions fail.
   */
  private async rehome(kind: SubscriptionKind, name: string): Promise<void> {
    const key = routeKey(kind, name);
    for (let attempt = 1; ; attempt++) {
      try {
        await this.route(kind, name);
        return;
      } catch (error) {
        const refused =
          error instanceof ReplyError && !(error instanceof RedirectError) && !isTransientRefusal(error);
        if (refused || this.closed || attempt >= REHOME_ATTEMPTS) {
          this.failName(kind, name, error instanceof Error ? error : new Error(String(error)));
          return;
        }
      }
      await new Promise((resolve) => setTimeout(resolve, REHOME_DELAY_MS * attempt));
      if (!this.listeners.has(key) || this.routes.has(key)) return;
    }
  }

  /** Moves every name whose carrier changed; resolves with how many moved. */
  private async rerouteAll(): Promise<number> {
    let moved = 0;
    const moves: Promise<void>[] = [];
    for (const [key, from] of [...this.routes]) {
      const separator = key.indexOf('\0');
      const kind = key.slice(0, separator) as SubscriptionKind;
      const name = key.slice(separator + 1);
      moves.push(
        (async () => {
          const to = await this.carrierFor(kind, name).catch(() => undefined);
          if (to === from || this.routes.get(key) !== from) return;
          await from.unsubscribe(kind, [name]).catch(() => undefined);
          if (this.routes.get(key) !== from) return;
          this.routes.delete(key);
          moved++;
          await this.rehome(kind, name);
        })(),
      );
    }
    await Promise.all(moves);
    this.dropIdleCarriers();
    return moved;
  }

  /** Forgets carriers left without names whose connection is gone, and closes dedicated ones left idle. */
  private dropIdleCarriers(): void {
    for (const [connection, subscriber] of this.carriers) {
      if (subscriber.size > 0) continue;
      const shared = [...this.dedicated].find(([, own]) => own === connection)?.[0];
      if (shared !== undefined) {
        // A RESP2 subscriber connection: useless once its node's shared connection was replaced.
        if (shared.state !== 'closed' && shared.state !== 'closing') continue;
        this.dedicated.delete(shared);
        connection.quit().catch(() => undefined);
      } else if (connection.state !== 'closed') {
        continue;
      }
      subscriber.detach();
      this.carriers.delete(connection);
      this.droppedAt.delete(subscriber);
    }
    for (const [shared, own] of this.dedicated) {
      if (this.carriers.has(own) || (shared.state !== 'closed' && shared.state !== 'closing')) continue;
      this.dedicated.delete(shared);
      own.quit().catch(() => undefined);
    }
  }

  private failName(kind: SubscriptionKind, name: string, error: Error): void {
    const set = this.listeners.get(routeKey(kind, name));
    if (set === undefined) return;
    for (const subscription of [...set]) subscription.fail(error);
  }
}

function withNames(
  kind: SubscriptionKind,
  name: string,
  channel: string | undefined,
  message: { message: string | Buffer },
): PubSubMessage | BufferPubSubMessage {
  if (kind === 'pattern')
    return { kind, pattern: name, channel: channel ?? '', ...message } as BufferPubSubMessage;
  return { kind, channel: name, ...message } as BufferPubSubMessage;
}

function bytes(value: RespValue | undefined): Buffer {
  if (Buffer.isBuffer(value)) return value;
  return Buffer.from(value === null || value === undefined ? '' : String(value));
}

/** Channel names and counts of pub/sub replies; a missing one reads as ''. */
function text(value: RespValue | undefined): string {
  return replyText(value) ?? '';
}

/**
 * A node redirects SUNSUBSCRIBE while the channel's slot migrates (Redis 7.4): nothing here listens to the
 * name any more (its messages are dropped), and the server ends the slot's shard subscriptions when the
 * slot moves; any other failure is the caller's.
 */
function unsubscribeRedirected(error: unknown): void {
  if (!(error instanceof RedirectError)) throw error;
}
