/** BullMQ's `IRedisTransaction` (its pipelines and MULTI blocks) over a slotbridge pipeline or transaction. */
import type { IRedisTransaction } from 'bullmq';
import {
  type RedisClient,
  ReplyError,
  type RespArg,
  type RespValue,
  type Script,
} from '../../client/index.js';
import { bullmqError, strings, toArg, toRecord } from './replies.js';

interface Entry {
  args: RespArg[];
  shape: (reply: RespValue) => unknown;
  /** Set for a script run: a pipelined EVALSHA the server did not know is run again on its own. */
  script?: Script;
  scriptArgs?: RespArg[];
}

const same = (reply: RespValue): unknown => reply;

/** [cursor, [items…]] of HSCAN and SSCAN, flat as ioredis gives it. */
function cursorPage(reply: RespValue): [string, string[]] {
  if (!Array.isArray(reply)) return ['0', []];
  return [String(reply[0]), strings(reply[1] as RespValue)];
}

/**
 * Queued commands sent by `exec()`: as a slotbridge pipeline (`pipeline()`: split by node in a cluster,
 * not atomic) or as MULTI/EXEC on the node of its keys (`multi()`: BullMQ's flows, whose keys share a
 * hash tag in a cluster). Scripts in a transaction go as EVAL with their source: a NOSCRIPT inside
 * MULTI could not be recovered, and a promoted replica has none of its former primary's cached scripts.
 */
export class BullMQBatch implements IRedisTransaction {
  private readonly entries: Entry[] = [];

  constructor(
    private readonly client: RedisClient,
    private readonly mode: 'pipeline' | 'multi',
    private readonly scriptNamed: (name: string) => Script,
  ) {}

  hgetall(key: string): this {
    return this.push(['HGETALL', key], toRecord);
  }
  hset(key: string, data: Record<string, string | number>): this {
    const args: RespArg[] = ['HSET', key];
    for (const field in data) args.push(field, toArg(data[field]));
    return this.push(args, same);
  }
  hscan(key: string, cursor: string | number, options?: { COUNT?: number }): this {
    const args: RespArg[] = ['HSCAN', key, cursor];
    if (options?.COUNT != null) args.push('COUNT', options.COUNT);
    return this.push(args, cursorPage);
  }
  smembers(key: string): this {
    return this.push(['SMEMBERS', key], strings);
  }
  sscan(key: string, cursor: string | number, options?: { COUNT?: number }): this {
    const args: RespArg[] = ['SSCAN', key, cursor];
    if (options?.COUNT != null) args.push('COUNT', options.COUNT);
    return this.push(args, cursorPage);
  }
  zrange(key: string, start: number, end: number): this {
    return this.push(['ZRANGE', key, start, end], strings);
  }
  lrange(key: string, start: number, end: number): this {
    return this.push(['LRANGE', key, start, end], strings);
  }
  llen(key: string): this {
    return this.push(['LLEN', key], same);
  }
  del(...keys: string[]): this {
    if (keys.length === 0) return this;
    return this.push(['DEL', ...keys], same);
  }
  runCommand(name: string, args: unknown[]): this {
    const script = this.scriptNamed(name);
    const list: unknown[] = args.length === 1 && Array.isArray(args[0]) ? args[0] : args;
    const scriptArgs = list.map(toArg);
    const head: RespArg[] =
      this.mode === 'multi'
        ? ['EVAL', script.lua, script.numberOfKeys]
        : ['EVALSHA', script.sha, script.numberOfKeys];
    this.entries.push({ args: [...head, ...scriptArgs], shape: same, script, scriptArgs });
    return this;
  }

  /** Sends everything; resolves with one [error, result] pair per command, or null when WATCH aborted. */
  async exec(): Promise<[Error | null, unknown][] | null> {
    const entries = this.entries.splice(0);
    if (entries.length === 0) return [];
    let replies: (RespValue | Error)[] | null;
    try {
      replies = this.mode === 'multi' ? await this.transaction(entries) : await this.pipelined(entries);
    } catch (error) {
      throw bullmqError(error);
    }
    if (replies === null) return null;
    return replies.map((reply, i): [Error | null, unknown] =>
      reply instanceof Error ? [bullmqError(reply) as Error, null] : [null, entries[i].shape(reply)],
    );
  }

  private push(args: RespArg[], shape: (reply: RespValue) => unknown): this {
    this.entries.push({ args, shape });
    return this;
  }

  private async pipelined(entries: Entry[]): Promise<(RespValue | Error)[]> {
    const pipeline = this.client.pipeline();
    for (const entry of entries) pipeline.call(...(entry.args as [string, ...RespArg[]]));
    const replies = (await pipeline.exec()) as (RespValue | Error)[];
    // NOSCRIPT: the script did not run; run it again on its own (EVALSHA, then EVAL once).
    for (let i = 0; i < replies.length; i++) {
      const reply = replies[i];
      const { script, scriptArgs } = entries[i];
      if (reply instanceof ReplyError && reply.code === 'NOSCRIPT' && script !== undefined) {
        replies[i] = await script
          .run(this.client, scriptArgs ?? [])
          .catch((error: unknown) => error as Error);
      }
    }
    return replies;
  }

  private async transaction(entries: Entry[]): Promise<(RespValue | Error)[] | null> {
    const multi = this.client.multi();
    for (const entry of entries) multi.call(...(entry.args as [string, ...RespArg[]]));
    return (await multi.exec()) as (RespValue | Error)[] | null;
  }
}
