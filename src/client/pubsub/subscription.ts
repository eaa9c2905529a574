import { BoundedBuffer } from './bounded-buffer.js';
import type { BufferPubSubMessage, PubSubMessage, SubscriptionKind } from './types.js';

/** What a subscription needs from the client: remove itself, report drops and listener failures. */
export interface SubscriptionOwner {
  release(subscription: SubscriptionEntry): Promise<void>;
  reportDrop(subscription: SubscriptionEntry, message: AnyMessage): void;
  reportListenerError(error: unknown): void;
}

/** A text message, or a Buffer one on a `withBuffers()` view. */
export type AnyMessage = PubSubMessage | BufferPubSubMessage;

/** What the pub/sub manager and the client see of a subscription, whatever its message type. */
export interface SubscriptionEntry {
  readonly kind: SubscriptionKind;
  readonly names: readonly string[];
  /** Messages are delivered with a Buffer payload. */
  readonly buffers: boolean;
  readonly dropped: number;
  deliver(message: AnyMessage): void;
  fail(error: Error): void;
}

interface Waiter<M> {
  resolve: (result: IteratorResult<M>) => void;
  reject: (error: Error) => void;
}

/**
 * A live subscription to one or more channels, patterns or sharded channels. Either it has a listener
 * (each message is handed to it as it arrives), or it is an async iterable whose messages wait in a
 * bounded buffer until read:
 *
 * ```ts
 * for await (const { channel, message } of client.subscribe('news')) { ... } // break → unsubscribes
 * ```
 */
// Not `implements SubscriptionEntry`: that contract is internal (its members are stripped from the .d.ts);
// the pub/sub manager's parameter types check it where subscriptions are handed over.
export class Subscription<M extends AnyMessage = PubSubMessage> implements AsyncIterable<M> {
  readonly kind: SubscriptionKind;
  /** The channels, patterns or sharded channels subscribed to. */
  readonly names: readonly string[];
  /** Messages carry their payload as a Buffer (a subscription made through `withBuffers()`). */
  readonly buffers: boolean;
  /** Resolves when the server confirmed every name; rejects (and the subscription closes) if it refused. */
  readonly ready: Promise<void>;
  /** Messages dropped because the buffer was full (iterator subscriptions only). */
  dropped = 0;
  private readonly listener: ((message: M) => void) | undefined;
  private readonly buffer: BoundedBuffer<M> | undefined;
  private readonly owner: SubscriptionOwner;
  private waiter: Waiter<M> | undefined;
  private closed = false;
  private failure: Error | undefined;
  /** The client's `prefixChannels`: messages get their names back without the prefix. */
  private readonly rename: ((message: M) => M) | undefined;

  /** @internal Created by the client's subscribe methods. */
  constructor(
    owner: SubscriptionOwner,
    kind: SubscriptionKind,
    names: readonly string[],
    listener: ((message: M) => void) | undefined,
    maxBuffered: number,
    confirm: (subscription: Subscription<M>) => Promise<void>,
    buffers = false,
    rename?: (message: M) => M,
  ) {
    this.rename = rename;
    this.owner = owner;
    this.kind = kind;
    this.names = names;
    this.buffers = buffers;
    this.listener = listener;
    this.buffer = listener === undefined ? new BoundedBuffer(maxBuffered) : undefined;
    this.ready = confirm(this).catch((error: Error) => {
      this.fail(error);
      throw error;
    });
    // An iterator surfaces the failure from next(); do not also report it as unhandled.
    if (listener === undefined) this.ready.catch(() => undefined);
  }

  /** Whether unsubscribe() was called (or the subscription failed). */
  get isClosed(): boolean {
    return this.closed;
  }

  /** Stops receiving; resolves once the server confirmed (when no other subscription shares the names). */
  async unsubscribe(): Promise<void> {
    if (this.closed) return;
    this.end();
    await this.owner.release(this);
  }

  /** @internal Delivers a message. */
  deliver(message: M): void {
    if (this.closed) return;
    if (this.rename !== undefined) message = this.rename(message);
    if (this.listener !== undefined) {
      try {
        this.listener(message);
      } catch (error) {
        this.owner.reportListenerError(error);
      }
      return;
    }
    const waiter = this.waiter;
    if (waiter !== undefined) {
      this.waiter = undefined;
      waiter.resolve({ value: message, done: false });
      return;
    }
    if (this.buffer?.push(message)) {
      this.dropped++;
      this.owner.reportDrop(this, message);
    }
  }

  /** @internal Ends the subscription with an error (iterators reject with it). */
  fail(error: Error): void {
    if (this.closed) return;
    this.failure = error;
    this.end();
    this.owner.release(this).catch(() => undefined);
  }

  private end(): void {
    this.closed = true;
    const waiter = this.waiter;
    this.waiter = undefined;
    if (waiter === undefined) return;
    if (this.failure !== undefined) waiter.reject(this.failure);
    else waiter.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterator<M> {
    return {
      next: () => this.next(),
      return: async () => {
        await this.unsubscribe();
        return { value: undefined, done: true };
      },
    };
  }

  private next(): Promise<IteratorResult<M>> {
    const buffered = this.buffer?.shift();
    if (buffered !== undefined) return Promise.resolve({ value: buffered, done: false });
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    if (this.listener !== undefined) {
      return Promise.reject(new TypeError('A subscription with a listener cannot also be iterated.'));
    }
    if (this.waiter !== undefined) {
      return Promise.reject(new TypeError('A subscription supports one reader at a time.'));
    }
    return new Promise((resolve, reject) => {
      this.waiter = { resolve, reject };
    });
  }
}
