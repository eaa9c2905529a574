import { EventEmitter } from 'node:events';
import {
  type AsyncCommandMethods,
  type BufferCommandMethods,
  type CommandDefinition,
  encodeCall,
  installCommands,
} from '../commands/command-definition.js';
import { type ClientCommands, clientCommands } from '../commands/command-set.js';
import type { SendOptions } from '../connection/index.js';
import type { RespArg, RespValue } from '../resp/index.js';
import type { Topology } from '../topology/index.js';
import { sendOptionsFor } from './command-policy.js';
import type { NormalizedConfig } from './config.js';
import { Pipeline } from './pipeline.js';

/** Per-call options of {@link RedisClient.sendCommand}. */
export interface CommandOptions {
  /** Timeout in ms for this command (0: none), overriding `commandTimeout`. */
  timeout?: number;
  /** Return bulk strings of this reply as Buffers. */
  returnBuffers?: boolean;
  /** Allow re-sending after a connection drop even if the command is not read-only. */
  retryable?: boolean;
  /** Reject (UnsupportedCommandError) instead of sending when the server is older than this version. */
  since?: string;
}

/**
 * A view of a client whose typed methods resolve bulk strings as Buffers (binary-safe values):
 * `string` in a reply type becomes `Buffer`; literal replies such as 'OK', numbers and map keys stay.
 * It shares the client's connections; see {@link RedisClient.withBuffers}.
 */
export type BufferClient = BufferCommandMethods<ClientCommands> &
  Pick<RedisClient, 'call' | 'sendCommand' | 'withBuffers'>;

const FORWARDED_EVENTS = ['connect', 'ready', 'reconnecting', 'end'] as const;

/**
 * A Redis client for any topology. Create it with {@link createClient}; the same methods work on a single
 * server, a cluster or a sentinel-managed primary.
 *
 * Events: `connect`, `ready`, `reconnecting`, `end`, and `error` (only emitted to listeners; failures
 * also reject the commands they affect, so an unhandled `error` event never crashes the process).
 */
export class RedisClient extends EventEmitter {
  /** The validated configuration (password included: do not log it). */
  readonly config: NormalizedConfig;
  private readonly topology: Topology;
  /** True on a {@link withBuffers} view. */
  private readonly buffers: boolean = false;

  constructor(config: NormalizedConfig, topology: Topology) {
    super();
    this.config = config;
    this.topology = topology;
    for (const event of FORWARDED_EVENTS) topology.on(event, (payload: unknown) => this.emit(event, payload));
    topology.on('error', (error: Error) => {
      if (this.listenerCount('error') > 0) this.emit('error', error);
    });
  }

  /** `standalone`, `unix`, `cluster` or `sentinel`. */
  get kind(): string {
    return this.topology.kind;
  }

  /**
   * Connects and resolves once commands can be served. Optional: commands issued before are queued
   * (bounded by `maxOfflineQueue`) and the client connects on first use.
   */
  async connect(): Promise<this> {
    await this.topology.connect();
    return this;
  }

  /**
   * Sends any command, by name and arguments, and resolves with the raw reply
   * (RESP3 maps as Map, sets as arrays). Server errors reject with a ReplyError.
   *
   * ```ts
   * await client.call('HSET', 'user:1', 'name', 'Ada');
   * ```
   */
  call(command: string, ...args: RespArg[]): Promise<RespValue> {
    return this.sendCommand([command, ...args], this.buffers ? { returnBuffers: true } : undefined);
  }

  /** Sends a command given as an argument array, with per-call options. */
  sendCommand(args: readonly RespArg[], options?: CommandOptions): Promise<RespValue> {
    return this.topology.dispatch(args, this.sendOptions(args, options));
  }

  /**
   * The server version reported by the handshake (HELLO, or INFO when RESP2 was configured), once connected;
   * undefined before, or when the server did not tell. Typed commands newer than it are rejected unsent.
   */
  get serverVersion(): string | undefined {
    return this.topology.serverVersion;
  }

  /**
   * A view of this client whose typed methods return bulk strings as Buffers (binary-safe), typed so:
   * ```ts
   * const bytes: Buffer | null = await client.withBuffers().get('image:1');
   * ```
   * The view shares this client's connections and state; `call()` on it returns Buffers too.
   */
  withBuffers(): BufferClient {
    if (this.buffers) return this as unknown as BufferClient;
    const view = Object.create(this) as RedisClient;
    Object.defineProperty(view, 'buffers', { value: true });
    return view as unknown as BufferClient;
  }

  /** Starts a pipeline: commands queued on it are sent together by `exec()`. */
  pipeline(): Pipeline {
    return new Pipeline(this);
  }

  /** Graceful close: commands already sent get their replies, then the connections close. */
  quit(): Promise<void> {
    return this.topology.quit();
  }

  /** Immediate close: every pending command rejects with a ConnectionError. */
  disconnect(): void {
    this.topology.disconnect();
  }

  /** @internal Runs a typed command definition. */
  runCommand(definition: CommandDefinition, args: unknown[]): Promise<unknown> {
    const buffers = this.buffers;
    let wire: RespArg[];
    try {
      wire = encodeCall(definition, args);
    } catch (error) {
      return Promise.reject(error);
    }
    const options: CommandOptions = {};
    if (definition.since !== undefined) options.since = definition.since;
    if (buffers) options.returnBuffers = true;
    const sent = this.sendCommand(wire, options);
    const transform = definition.transform;
    return transform === undefined ? sent : sent.then((reply) => transform(reply, buffers));
  }

  private sendOptions(args: readonly RespArg[], options: CommandOptions | undefined): SendOptions {
    return sendOptionsFor(args, this.config.retryOnReconnect ?? 'readonly', options);
  }
}

export interface RedisClient extends AsyncCommandMethods<ClientCommands> {}

installCommands<RedisClient>(RedisClient.prototype, clientCommands, function (definition, args) {
  return this.runCommand(definition, args);
});
