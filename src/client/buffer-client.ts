/** The type of a client's `withBuffers()` view (client.ts holds the class it is made from). */
import type { BufferCommandMethods } from '../commands/command-definition.js';
import type { ClientCommands } from '../commands/command-set.js';
import type { RedisClient } from './client.js';
import type { Subscription } from './pubsub/subscription.js';
import type { BufferMessageListener, BufferPubSubMessage, SubscribeOptions } from './pubsub/types.js';

/**
 * A view of a client whose typed methods resolve bulk strings as Buffers (binary-safe values):
 * `string` in a reply type becomes `Buffer`; literal replies such as 'OK', numbers and map keys stay.
 * It shares the client's connections; see {@link RedisClient.withBuffers}.
 */
export type BufferClient = BufferCommandMethods<ClientCommands> &
  Pick<RedisClient, 'call' | 'sendCommand' | 'withBuffers' | 'server' | 'servers'> &
  BufferSubscribeMethods;

/** subscribe / psubscribe / ssubscribe on a `withBuffers()` view: message payloads arrive as Buffers. */
export interface BufferSubscribeMethods {
  subscribe(
    channels: string | readonly string[],
    listener: BufferMessageListener,
  ): Promise<Subscription<BufferPubSubMessage>>;
  subscribe(
    channels: string | readonly string[],
    options?: SubscribeOptions,
  ): Subscription<BufferPubSubMessage>;
  psubscribe(
    patterns: string | readonly string[],
    listener: BufferMessageListener,
  ): Promise<Subscription<BufferPubSubMessage>>;
  psubscribe(
    patterns: string | readonly string[],
    options?: SubscribeOptions,
  ): Subscription<BufferPubSubMessage>;
  ssubscribe(
    channels: string | readonly string[],
    listener: BufferMessageListener,
  ): Promise<Subscription<BufferPubSubMessage>>;
  ssubscribe(
    channels: string | readonly string[],
    options?: SubscribeOptions,
  ): Subscription<BufferPubSubMessage>;
}
