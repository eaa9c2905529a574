import type { RespArg, RespValue } from '../resp/index.js';

/**
 * Pub/sub on the wire. The (un)subscribe commands are not answered by one reply: the server confirms each
 * channel with its own frame (`[kind, channel, count]`), a push frame in RESP3 and a plain array in RESP2.
 * Messages (`message`, `pmessage`, `smessage`) arrive the same way, unasked. A Connection uses these
 * helpers to resolve a subscribe-family command with its confirmations instead of pairing it FIFO with a
 * reply it will never get, and to tell confirmations from messages.
 */

/** A subscribe-family command and the kind of confirmation frame that answers it. */
export type ConfirmKind =
  | 'subscribe'
  | 'unsubscribe'
  | 'psubscribe'
  | 'punsubscribe'
  | 'ssubscribe'
  | 'sunsubscribe';

/** What a subscription is on: a channel, a pattern or a sharded channel. */
export type SubscriptionKind = 'channel' | 'pattern' | 'shard';

const CONFIRM_KINDS: ReadonlySet<string> = new Set<ConfirmKind>([
  'subscribe',
  'unsubscribe',
  'psubscribe',
  'punsubscribe',
  'ssubscribe',
  'sunsubscribe',
]);

const MESSAGE_KINDS: ReadonlySet<string> = new Set(['message', 'pmessage', 'smessage']);

/** The subscription kind a confirmation kind is about. */
export function subscriptionKindOf(kind: ConfirmKind): SubscriptionKind {
  if (kind === 'psubscribe' || kind === 'punsubscribe') return 'pattern';
  if (kind === 'ssubscribe' || kind === 'sunsubscribe') return 'shard';
  return 'channel';
}

/** How a command in flight expects its confirmations. */
export interface PushConfirmation {
  kind: ConfirmKind;
  /** Frames still expected; -1 when unknown until the first arrives (an argument-less unsubscribe). */
  remaining: number;
  frames: RespValue[][];
}

/**
 * For a subscribe-family command, how it is confirmed; undefined for every other command.
 * Cheap enough for the hot path: one length test rejects nearly every command name.
 */
export function pushConfirmationFor(args: readonly RespArg[]): PushConfirmation | undefined {
  const name = args[0];
  if (typeof name !== 'string' || name.length < 9 || name.length > 12) return undefined;
  const kind = name.toLowerCase();
  if (!CONFIRM_KINDS.has(kind)) return undefined;
  const channels = args.length - 1;
  return { kind: kind as ConfirmKind, remaining: channels > 0 ? channels : -1, frames: [] };
}

/** The kind (first element) of a push frame, as a string. */
export function pushKind(frame: readonly RespValue[]): string | undefined {
  const first = frame[0];
  if (typeof first === 'string') return first;
  if (Buffer.isBuffer(first)) return first.toString();
  return undefined;
}

export function isConfirmKind(kind: string | undefined): kind is ConfirmKind {
  return kind !== undefined && CONFIRM_KINDS.has(kind);
}

/** Whether a RESP2 reply received while subscribed is a pub/sub frame rather than a command's reply. */
export function isResp2PubSubFrame(value: RespValue): value is RespValue[] {
  if (!Array.isArray(value) || value.length < 3) return false;
  const kind = pushKind(value);
  return kind !== undefined && (MESSAGE_KINDS.has(kind) || CONFIRM_KINDS.has(kind));
}

/**
 * The subscriptions the server has confirmed on one socket, kept from the confirmation frames; cleared
 * when the socket closes (a new socket starts with none).
 */
export class ServerSubscriptions {
  readonly channel = new Set<string>();
  readonly pattern = new Set<string>();
  readonly shard = new Set<string>();

  get size(): number {
    return this.channel.size + this.pattern.size + this.shard.size;
  }

  /** Applies a confirmation frame `[kind, name, count]`. */
  apply(kind: ConfirmKind, name: RespValue): void {
    if (name === null || name === undefined) return;
    const text = Buffer.isBuffer(name) ? name.toString() : String(name);
    const set = this[subscriptionKindOf(kind)];
    if (kind.includes('unsub')) set.delete(text);
    else set.add(text);
  }

  clear(): void {
    this.channel.clear();
    this.pattern.clear();
    this.shard.clear();
  }
}
