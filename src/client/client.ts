import { EventEmitter } from 'node:events';
import {
  type AsyncCommandMethods,
  type CommandDefinition,
  installCommands,
} from '../commands/command-definition.js';
import { type CoreCommands, coreCommands } from '../commands/core-commands.js';
import type { SendOptions } from '../connection/index.js';
import type { RespArg, RespValue } from '../resp/index.js';
import type { Topology } from '../topology/index.js';
import { sendOptionsFor } from './command-policy.js';
import type { NormalizedConfig } from './config.js';
import { Pipeline } from './pipeline.js';
import { type ScanOptions, scanKeyspace } from './scan.js';

/** Per-call options of {@link RedisClient.sendCommand}. */
export interface CommandOptions {
  /** Timeout in ms for this command (0: none), overriding `commandTimeout`. */
  timeout?: number;
  /** Return bulk strings of this reply as Buffers. */
  returnBuffers?: boolean;
  /** Allow re-sending after a connection drop even if the command is not read-only. */
  retryable?: boolean;
}

const FORWARDED_EVENTS = ['connect', 'ready', 'reconnecting', 'end', 'topology'] as const;

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
    return this.sendCommand([command, ...args]);
  }

  /** Sends a command given as an argument array, with per-call options. */
  sendCommand(args: readonly RespArg[], options?: CommandOptions): Promise<RespValue> {
    return this.topology.dispatch(args, this.sendOptions(args, options));
  }

  /** Starts a pipeline: commands queued on it are sent together by `exec()`. */
  pipeline(): Pipeline {
    return new Pipeline(this);
  }

  /**
   * Every key of the database, as an async iterator over repeated SCAN calls; on a cluster it walks
   * every primary, one after another, and follows a shard to its new primary after a failover.
   *
   * A key present during the whole walk is yielded at least once. Repeats are possible: SCAN may return
   * a key twice while the server resizes its table, and after a failover the walk of that shard restarts
   * on the promoted node (its keys already yielded come again). Deduplicate in a Set if that matters.
   *
   * ```ts
   * for await (const key of client.scanIterator({ match: 'session:*', count: 500 })) await client.del(key);
   * ```
   */
  scanIterator(options: ScanOptions = {}): AsyncGenerator<string, void, undefined> {
    return scanKeyspace(this.topology, options, (args) => this.sendOptions(args, undefined));
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
    const sent = this.sendCommand(definition.encode(...args));
    return definition.transform === undefined ? sent : sent.then(definition.transform);
  }

  private sendOptions(args: readonly RespArg[], options: CommandOptions | undefined): SendOptions {
    return sendOptionsFor(args, this.config.retryOnReconnect ?? 'readonly', options);
  }
}

export interface RedisClient extends AsyncCommandMethods<CoreCommands> {}

installCommands<RedisClient>(RedisClient.prototype, coreCommands, function (definition, args) {
  return this.runCommand(definition, args);
});
