import type { SubscriptionKind } from '../../connection/index.js';

export type { SubscriptionKind };

/** One pub/sub message. */
export interface PubSubMessage {
  /** `channel` (SUBSCRIBE), `pattern` (PSUBSCRIBE) or `shard` (SSUBSCRIBE). */
  kind: SubscriptionKind;
  /** The channel the message was published to. */
  channel: string;
  /** For pattern subscriptions, the pattern that matched. */
  pattern?: string;
  /** The payload (UTF-8 text). */
  message: string;
}

/**
 * One pub/sub message received through a `withBuffers()` view: the payload is the bytes as published
 * (binary-safe); channel and pattern names stay text.
 */
export interface BufferPubSubMessage {
  kind: SubscriptionKind;
  channel: string;
  pattern?: string;
  /** The payload, as published. */
  message: Buffer;
}

/** Called for each message of a callback subscription made through a `withBuffers()` view. */
export type BufferMessageListener = (message: BufferPubSubMessage) => void;

/** Called for each message of a callback subscription. Exceptions it throws go to the client's `error` event. */
export type MessageListener = (message: PubSubMessage) => void;

/** Options of subscribe(), psubscribe() and ssubscribe(). */
export interface SubscribeOptions {
  /**
   * Async-iterator subscriptions only: messages held while the consumer is slower than the publishers
   * (default 1024). When full, the oldest message is dropped, `subscription.dropped` grows and the client
   * emits `dropped` ({ kind, channel, dropped }). Memory stays bounded whatever the publishers do.
   */
  maxBuffered?: number;
}
