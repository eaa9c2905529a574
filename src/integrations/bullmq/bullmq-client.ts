/**
 * BullMQ 6's `IRedisClient` over a slotbridge client. BullMQ's types are imported as types only: this
 * module loads nothing of BullMQ at run time.
 */
import { EventEmitter } from 'node:events';
import { Readable } from 'node:stream';
import type { IRedisClient } from 'bullmq';
import {
  defineScript,
  type RedisClient,
  type RespArg,
  type RespValue,
  type Script,
} from '../../client/index.js';
import { BullMQBatch } from './batch.js';
import {
  bullmqError,
  flatScores,
  poppedMember,
  scoreText,
  streamEntries,
  strings,
  text,
  toArg,
  toRecord,
} from './replies.js';

/** Options BullMQ passes to `duplicate()`: the connection name of a worker's blocking connection. */
export interface BullMQDuplicateOptions {
  connectionName?: string;
  [option: string]: unknown;
}

type Listener = (...args: unknown[]) => void;

/**
 * Wraps a slotbridge client as BullMQ's `IRedisClient`, to pass as the `connection` of a Queue, Worker,
 * QueueEvents, FlowProducer or JobScheduler. It works on every topology the client reaches (single
 * server, cluster, sentinel, through address mapping): in a cluster give BullMQ a hash-tagged `prefix`
 * (`{bull}`), as for any Redis Cluster client, so each queue's keys share a slot.
 *
 * BullMQ duplicates the connection for its blocking reads (a Worker's BZPOPMIN, QueueEvents' XREAD):
 * each duplicate is an independent slotbridge client with the same configuration, owned and closed by
 * BullMQ. The client passed in stays yours: BullMQ never closes a shared connection; quit it after
 * closing the queues.
 *
 * ```ts
 * import { Queue, Worker } from 'bullmq';
 * import { createClient } from 'slotbridge';
 * import { createBullMQClient } from 'slotbridge/bullmq';
 *
 * const connection = createBullMQClient(createClient(process.env.REDIS_URL));
 * const queue = new Queue('mail', { connection, prefix: '{bull}' });
 * const worker = new Worker('mail', async (job) => send(job.data), { connection, prefix: '{bull}' });
 * ```
 */
export function createBullMQClient(client: RedisClient): IRedisClient {
  return new SlotbridgeBullMQClient(client, new Map());
}

/** Connection states in the vocabulary BullMQ's RedisConnection waits on. */
type Status = 'wait' | 'connecting' | 'ready' | 'end';

class SlotbridgeBullMQClient extends EventEmitter implements IRedisClient {
  status: Status = 'wait';
  readonly isCluster: boolean;
  private client: RedisClient;
  private connecting: Promise<void> | undefined;
  private readonly forwardError = (error: Error) => {
    if (this.listenerCount('error') > 0) this.emit('error', error);
  };
  private readonly forwardReconnecting = (info: unknown) => {
    this.emit('close');
    this.emit('reconnecting', info);
  };

  constructor(
    client: RedisClient,
    /** Scripts by BullMQ's command name; copied into duplicates so they need no second definition. */
    private readonly scripts: Map<string, Script>,
  ) {
    super();
    this.client = client;
    this.isCluster = client.kind === 'cluster';
    this.attach(client);
    for (const name of scripts.keys()) this.exposeScript(name);
  }

  /** What BullMQ reads of the options: no ioredis keyPrefix, retries left to the client. */
  get options(): Record<string, unknown> {
    return { ...this.client.config, maxRetriesPerRequest: null };
  }

  set options(_value: Record<string, unknown>) {
    // BullMQ's connection code may assign options; the slotbridge configuration is fixed at creation.
  }

  async connect(): Promise<void> {
    if (this.status === 'ready') return;
    // BullMQ reconnects a connection it ended (cluster recovery, a worker's stuck-read watchdog): a closed
    // slotbridge client cannot be reopened, so a fresh one with the same configuration takes its place.
    if (this.status === 'end') this.replaceClient();
    if (this.connecting === undefined) {
      this.status = 'connecting';
      const client = this.client;
      this.connecting = client.connect().then(
        () => {
          this.connecting = undefined;
          if (this.client !== client || this.status === 'end') return;
          this.status = 'ready';
          this.emit('ready');
        },
        (error: unknown) => {
          this.connecting = undefined;
          if (this.client === client && this.status === 'connecting') this.status = 'wait';
          throw error;
        },
      );
    }
    return this.connecting;
  }

  disconnect(reconnect = false): void {
    if (this.status !== 'end') {
      this.status = 'end';
      this.client.disconnect();
      this.emit('close');
      this.emit('end');
    }
    if (reconnect) this.connect().catch(this.forwardError);
  }

  async quit(): Promise<string> {
    if (this.status !== 'end') {
      this.status = 'end';
      try {
        await this.client.quit();
      } catch {
        this.client.disconnect();
      }
      this.emit('close');
      this.emit('end');
    }
    return 'OK';
  }

  duplicate(options?: BullMQDuplicateOptions): IRedisClient {
    const name = options?.connectionName;
    const copy = this.client.duplicate(name === undefined ? undefined : { clientName: name });
    return new SlotbridgeBullMQClient(copy, new Map(this.scripts));
  }

  // EventEmitter's methods, typed as IRedisClient declares them.
  override on(event: string, listener: Listener): this {
    return super.on(event, listener);
  }
  override once(event: string, listener: Listener): this {
    return super.once(event, listener);
  }
  override off(event: string, listener: Listener): this {
    return super.off(event, listener);
  }
  override removeListener(event: string, listener: Listener): this {
    return super.removeListener(event, listener);
  }

  defineCommand(name: string, definition: { numberOfKeys: number; lua: string; readOnly?: boolean }): void {
    this.scripts.set(name, defineScript(definition.lua, { numberOfKeys: definition.numberOfKeys }));
    this.exposeScript(name);
  }

  runCommand(name: string, args: unknown[]): Promise<unknown> {
    const script = this.script(name);
    const list: unknown[] = args.length === 1 && Array.isArray(args[0]) ? args[0] : args;
    return script.run(this.client, list.map(toArg)).catch(rethrow);
  }

  multi(): BullMQBatch {
    return new BullMQBatch(this.client, 'multi', (name) => this.script(name));
  }

  pipeline(): BullMQBatch {
    return new BullMQBatch(this.client, 'pipeline', (name) => this.script(name));
  }

  hgetall(key: string): Promise<Record<string, string>> {
    return this.send(['HGETALL', key]).then(toRecord);
  }
  hget(key: string, field: string): Promise<string | null> {
    return this.send(['HGET', key, field]) as Promise<string | null>;
  }
  hmget(key: string, ...fields: string[]): Promise<(string | null)[]> {
    return this.send(['HMGET', key, ...fields]) as Promise<(string | null)[]>;
  }
  hset(key: string, data: Record<string, string | number> | string, ...rest: unknown[]): Promise<number> {
    const args: RespArg[] = ['HSET', key];
    if (typeof data === 'object') for (const field in data) args.push(field, toArg(data[field]));
    else args.push(data, ...rest.map(toArg));
    return this.send(args) as Promise<number>;
  }
  hdel(key: string, ...fields: string[]): Promise<number> {
    return this.send(['HDEL', key, ...fields]) as Promise<number>;
  }
  hexists(key: string, field: string): Promise<number> {
    return this.send(['HEXISTS', key, field]).then(Number);
  }
  get(key: string): Promise<string | null> {
    return this.send(['GET', key]) as Promise<string | null>;
  }
  set(key: string, value: string | number, options?: { PX?: number; EX?: number }): Promise<string | null> {
    const args: RespArg[] = ['SET', key, value];
    if (options?.PX != null) args.push('PX', options.PX);
    else if (options?.EX != null) args.push('EX', options.EX);
    return this.send(args) as Promise<string | null>;
  }
  del(...keys: string[]): Promise<number> {
    if (keys.length === 0) return Promise.resolve(0);
    return this.send(['DEL', ...keys]) as Promise<number>;
  }
  zrange(key: string, start: number, end: number, options?: { WITHSCORES?: boolean }): Promise<string[]> {
    if (options?.WITHSCORES) return this.send(['ZRANGE', key, start, end, 'WITHSCORES']).then(flatScores);
    return this.send(['ZRANGE', key, start, end]).then(strings);
  }
  zrevrange(key: string, start: number, end: number, options?: { WITHSCORES?: boolean }): Promise<string[]> {
    if (options?.WITHSCORES) {
      return this.send(['ZRANGE', key, start, end, 'REV', 'WITHSCORES']).then(flatScores);
    }
    return this.send(['ZRANGE', key, start, end, 'REV']).then(strings);
  }
  zcard(key: string): Promise<number> {
    return this.send(['ZCARD', key]) as Promise<number>;
  }
  zscore(key: string, member: string): Promise<string | null> {
    return this.send(['ZSCORE', key, member]).then((score) => (score === null ? null : scoreText(score)));
  }
  lrange(key: string, start: number, end: number): Promise<string[]> {
    return this.send(['LRANGE', key, start, end]).then(strings);
  }
  llen(key: string): Promise<number> {
    return this.send(['LLEN', key]) as Promise<number>;
  }
  ltrim(key: string, start: number, end: number): Promise<string> {
    return this.send(['LTRIM', key, start, end]).then(text);
  }
  lpos(key: string, value: string): Promise<number | null> {
    return this.send(['LPOS', key, value]) as Promise<number | null>;
  }
  smembers(key: string): Promise<string[]> {
    return this.send(['SMEMBERS', key]).then(strings);
  }
  xadd(
    key: string,
    id: string,
    fields: Record<string, string | number>,
    options?: { MAXLEN?: number; approximate?: boolean },
  ): Promise<string> {
    const args: RespArg[] = ['XADD', key];
    if (options?.MAXLEN != null) {
      args.push('MAXLEN');
      if (options.approximate !== false) args.push('~');
      args.push(options.MAXLEN);
    }
    args.push(id);
    for (const field in fields) args.push(field, toArg(fields[field]));
    return this.send(args).then(text);
  }
  xread(
    streams: { key: string; id: string }[],
    options?: { BLOCK?: number; COUNT?: number },
  ): Promise<unknown> {
    const args: RespArg[] = ['XREAD'];
    if (options?.COUNT != null) args.push('COUNT', options.COUNT);
    if (options?.BLOCK != null) args.push('BLOCK', options.BLOCK);
    args.push('STREAMS');
    for (const stream of streams) args.push(stream.key);
    for (const stream of streams) args.push(stream.id);
    return this.send(args).then(streamEntries);
  }
  xtrim(
    key: string,
    strategy: 'MAXLEN',
    threshold: number,
    options?: { approximate?: boolean },
  ): Promise<number> {
    const args: RespArg[] = ['XTRIM', key, strategy];
    if (options?.approximate) args.push('~');
    args.push(threshold);
    return this.send(args) as Promise<number>;
  }
  bzpopmin(key: string, timeout: number): Promise<[key: string, member: string, score: string] | null> {
    return this.send(['BZPOPMIN', key, timeout]).then(poppedMember);
  }
  /** A cluster answers INFO per node (a Map); BullMQ reads the server version from one node's text. */
  info(): Promise<string> {
    return this.send(['INFO']).then((reply) =>
      text(reply instanceof Map ? (reply.values().next().value ?? '') : reply),
    );
  }
  clientSetName(name: string): Promise<unknown> {
    return this.send(['CLIENT', 'SETNAME', name]);
  }
  clientList(): Promise<string> {
    return this.send(['CLIENT', 'LIST']).then(text);
  }
  clientInfo(): Promise<string> {
    return this.send(['CLIENT', 'INFO']).then(text);
  }
  scan(cursor: string | number, options: { MATCH?: string; COUNT?: number }): Promise<[string, string[]]> {
    const args: RespArg[] = ['SCAN', cursor];
    if (options?.MATCH) args.push('MATCH', options.MATCH);
    if (options?.COUNT) args.push('COUNT', options.COUNT);
    return this.send(args).then((reply) => {
      const [next, keys] = reply as [RespValue, RespValue];
      return [text(next), strings(keys)];
    });
  }
  scanStream(options: { match: string; count?: number }): Readable {
    const count = options.count ?? 100;
    const keys = this.client.scanIterator({ match: options.match, count });
    return Readable.from(batches(keys, count), { objectMode: true });
  }

  /** Sends a command, rewording connection failures the way BullMQ recognises them. */
  private send(args: RespArg[]): Promise<RespValue> {
    return this.client.sendCommand(args).catch(rethrow);
  }

  private script(name: string): Script {
    const script = this.scripts.get(name);
    if (script === undefined)
      throw new Error(`BullMQ script "${name}" was not defined with defineCommand().`);
    return script;
  }

  /** BullMQ checks `client[name]` to know whether a script is already defined, as on ioredis. */
  private exposeScript(name: string): void {
    Object.defineProperty(this, name, {
      configurable: true,
      value: (...args: unknown[]) => this.runCommand(name, args),
    });
  }

  private attach(client: RedisClient): void {
    client.on('error', this.forwardError);
    client.on('reconnecting', this.forwardReconnecting);
  }

  private replaceClient(): void {
    const old = this.client;
    old.off('error', this.forwardError);
    old.off('reconnecting', this.forwardReconnecting);
    this.client = old.duplicate();
    this.attach(this.client);
    this.status = 'wait';
  }
}

function rethrow(error: unknown): never {
  throw bullmqError(error);
}

async function* batches(keys: AsyncIterable<string>, size: number): AsyncGenerator<string[]> {
  let batch: string[] = [];
  for await (const key of keys) {
    batch.push(key);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
