import type { RespArg } from '../resp/index.js';
import { defineCommand } from './command-definition.js';
import {
  type RedisKey,
  type RedisValue,
  type ScoredMember,
  toBoolean,
  toNullableStringArray,
  toNumber,
  toNumberOrNull,
  toRecord,
  toScoredMembers,
  toStringArray,
  toStringOrNull,
} from './reply-transforms.js';
import { zaddArgs } from './variant-commands.js';

/** Expiry and condition options of SET. */
export interface SetOptions {
  /** Expire after this many seconds. */
  EX?: number;
  /** Expire after this many milliseconds. */
  PX?: number;
  /** Expire at this unix time (seconds). */
  EXAT?: number;
  /** Expire at this unix time (milliseconds). */
  PXAT?: number;
  /** Keep the existing TTL. */
  KEEPTTL?: boolean;
  /** Only set if the key does not exist / already exists. */
  condition?: 'NX' | 'XX';
  /** Return the old value (SET ... GET). */
  GET?: boolean;
}

const asInteger = (reply: unknown) => toNumber(reply as never);

function setArgs(key: RedisKey, value: RedisValue, options?: SetOptions): RespArg[] {
  const args: RespArg[] = ['SET', key, value];
  if (options) {
    if (options.EX !== undefined) args.push('EX', options.EX);
    if (options.PX !== undefined) args.push('PX', options.PX);
    if (options.EXAT !== undefined) args.push('EXAT', options.EXAT);
    if (options.PXAT !== undefined) args.push('PXAT', options.PXAT);
    if (options.KEEPTTL) args.push('KEEPTTL');
    if (options.condition) args.push(options.condition);
    if (options.GET) args.push('GET');
  }
  return args;
}

function fieldValueArgs(
  name: string,
  key: RedisKey,
  entries: Record<string, RedisValue> | RedisValue[],
): RespArg[] {
  const args: RespArg[] = [name, key];
  if (Array.isArray(entries)) args.push(...entries);
  else for (const field of Object.keys(entries)) args.push(field, entries[field]);
  return args;
}

/**
 * Typed methods for the everyday data commands (strings, keys, hashes, lists, sets, sorted sets,
 * counters, expiry). Every other command is available through `call()`.
 */
export const coreCommands = {
  /** PING [message] → "PONG" or the message. */
  ping: defineCommand(
    (message?: string) => (message === undefined ? ['PING'] : ['PING', message]),
    toStringOrNull,
  ),
  /** ECHO message. */
  echo: defineCommand((message: RedisValue) => ['ECHO', message], toStringOrNull),
  /** DBSIZE → number of keys in the selected database. */
  dbsize: defineCommand(() => ['DBSIZE'], asInteger),
  /** FLUSHDB [ASYNC|SYNC]. */
  flushdb: defineCommand(
    (mode?: 'ASYNC' | 'SYNC') => (mode ? ['FLUSHDB', mode] : ['FLUSHDB']),
    toStringOrNull,
  ),
  /** INFO [section] → the raw INFO text. */
  info: defineCommand((section?: string) => (section ? ['INFO', section] : ['INFO']), toStringOrNull),

  // strings
  /** GET key → the value or null. */
  get: defineCommand((key: RedisKey) => ['GET', key], toStringOrNull),
  /** SET key value [options] → "OK", or null when NX/XX prevented it; with GET the old value. */
  set: defineCommand(setArgs, toStringOrNull),
  /** MGET key [key ...] → values (null for missing keys). */
  mget: defineCommand((...keys: RedisKey[]) => ['MGET', ...keys], toNullableStringArray),
  /** MSET from an object or [key, value, key, value ...]. */
  mset: defineCommand((entries: Record<string, RedisValue> | RedisValue[]) => {
    const args: RespArg[] = ['MSET'];
    if (Array.isArray(entries)) args.push(...entries);
    else for (const key of Object.keys(entries)) args.push(key, entries[key]);
    return args;
  }, toStringOrNull),
  /** APPEND key value → new length. */
  append: defineCommand((key: RedisKey, value: RedisValue) => ['APPEND', key, value], asInteger),
  /** STRLEN key. */
  strlen: defineCommand((key: RedisKey) => ['STRLEN', key], asInteger),
  /** GETDEL key → the value, deleting the key. */
  getdel: defineCommand((key: RedisKey) => ['GETDEL', key], toStringOrNull),
  /** GETRANGE key start end. */
  getrange: defineCommand(
    (key: RedisKey, start: number, end: number) => ['GETRANGE', key, start, end],
    toStringOrNull,
  ),
  /** SETRANGE key offset value → new length. */
  setrange: defineCommand(
    (key: RedisKey, offset: number, value: RedisValue) => ['SETRANGE', key, offset, value],
    asInteger,
  ),

  // counters
  /** INCR key → the new value. */
  incr: defineCommand((key: RedisKey) => ['INCR', key], asInteger),
  /** INCRBY key increment. */
  incrby: defineCommand((key: RedisKey, increment: number) => ['INCRBY', key, increment], asInteger),
  /** INCRBYFLOAT key increment → the new value as the server's exact decimal text. */
  incrbyfloat: defineCommand(
    (key: RedisKey, increment: number) => ['INCRBYFLOAT', key, increment],
    toStringOrNull,
  ),
  /** DECR key. */
  decr: defineCommand((key: RedisKey) => ['DECR', key], asInteger),
  /** DECRBY key decrement. */
  decrby: defineCommand((key: RedisKey, decrement: number) => ['DECRBY', key, decrement], asInteger),

  // keys and expiry
  /** DEL key [key ...] → number removed. */
  del: defineCommand((...keys: RedisKey[]) => ['DEL', ...keys], asInteger),
  /** UNLINK key [key ...] → number removed (freed in the background). */
  unlink: defineCommand((...keys: RedisKey[]) => ['UNLINK', ...keys], asInteger),
  /** EXISTS key [key ...] → how many exist. */
  exists: defineCommand((...keys: RedisKey[]) => ['EXISTS', ...keys], asInteger),
  /** TYPE key → "string", "list", ... or "none". */
  type: defineCommand((key: RedisKey) => ['TYPE', key], toStringOrNull),
  /** RENAME key newkey. */
  rename: defineCommand((key: RedisKey, newKey: RedisKey) => ['RENAME', key, newKey], toStringOrNull),
  /** EXPIRE key seconds [NX|XX|GT|LT] → true if the timeout was set. */
  expire: defineCommand(
    (key: RedisKey, seconds: number, condition?: 'NX' | 'XX' | 'GT' | 'LT') =>
      condition ? ['EXPIRE', key, seconds, condition] : ['EXPIRE', key, seconds],
    toBoolean,
  ),
  /** PEXPIRE key milliseconds [NX|XX|GT|LT]. */
  pexpire: defineCommand(
    (key: RedisKey, milliseconds: number, condition?: 'NX' | 'XX' | 'GT' | 'LT') =>
      condition ? ['PEXPIRE', key, milliseconds, condition] : ['PEXPIRE', key, milliseconds],
    toBoolean,
  ),
  /** EXPIREAT key unix-seconds. */
  expireat: defineCommand((key: RedisKey, unixSeconds: number) => ['EXPIREAT', key, unixSeconds], toBoolean),
  /** TTL key → seconds, -1 without expiry, -2 when missing. */
  ttl: defineCommand((key: RedisKey) => ['TTL', key], asInteger),
  /** PTTL key → milliseconds, -1 without expiry, -2 when missing. */
  pttl: defineCommand((key: RedisKey) => ['PTTL', key], asInteger),
  /** PERSIST key → true if a timeout was removed. */
  persist: defineCommand((key: RedisKey) => ['PERSIST', key], toBoolean),

  // hashes
  /** HSET key from an object or [field, value ...] → number of new fields. */
  hset: defineCommand(
    (key: RedisKey, entries: Record<string, RedisValue> | RedisValue[]) =>
      fieldValueArgs('HSET', key, entries),
    asInteger,
  ),
  /** HGET key field. */
  hget: defineCommand((key: RedisKey, field: RedisKey) => ['HGET', key, field], toStringOrNull),
  /** HMGET key field [field ...]. */
  hmget: defineCommand(
    (key: RedisKey, ...fields: RedisKey[]) => ['HMGET', key, ...fields],
    toNullableStringArray,
  ),
  /** HGETALL key → { field: value } ({} when missing). */
  hgetall: defineCommand((key: RedisKey) => ['HGETALL', key], toRecord),
  /** HDEL key field [field ...]. */
  hdel: defineCommand((key: RedisKey, ...fields: RedisKey[]) => ['HDEL', key, ...fields], asInteger),
  /** HEXISTS key field. */
  hexists: defineCommand((key: RedisKey, field: RedisKey) => ['HEXISTS', key, field], toBoolean),
  /** HINCRBY key field increment. */
  hincrby: defineCommand(
    (key: RedisKey, field: RedisKey, increment: number) => ['HINCRBY', key, field, increment],
    asInteger,
  ),
  /** HKEYS key. */
  hkeys: defineCommand((key: RedisKey) => ['HKEYS', key], toStringArray),
  /** HVALS key. */
  hvals: defineCommand((key: RedisKey) => ['HVALS', key], toStringArray),
  /** HLEN key. */
  hlen: defineCommand((key: RedisKey) => ['HLEN', key], asInteger),

  // lists
  /** LPUSH key element [element ...] → new length. */
  lpush: defineCommand((key: RedisKey, ...elements: RedisValue[]) => ['LPUSH', key, ...elements], asInteger),
  /** RPUSH key element [element ...] → new length. */
  rpush: defineCommand((key: RedisKey, ...elements: RedisValue[]) => ['RPUSH', key, ...elements], asInteger),
  /** LPOP key → the element or null. */
  lpop: defineCommand((key: RedisKey) => ['LPOP', key], toStringOrNull),
  /** RPOP key → the element or null. */
  rpop: defineCommand((key: RedisKey) => ['RPOP', key], toStringOrNull),
  /** LRANGE key start stop. */
  lrange: defineCommand(
    (key: RedisKey, start: number, stop: number) => ['LRANGE', key, start, stop],
    toStringArray,
  ),
  /** LLEN key. */
  llen: defineCommand((key: RedisKey) => ['LLEN', key], asInteger),
  /** LINDEX key index. */
  lindex: defineCommand((key: RedisKey, index: number) => ['LINDEX', key, index], toStringOrNull),
  /** LTRIM key start stop. */
  ltrim: defineCommand(
    (key: RedisKey, start: number, stop: number) => ['LTRIM', key, start, stop],
    toStringOrNull,
  ),
  /** LREM key count element → number removed. */
  lrem: defineCommand(
    (key: RedisKey, count: number, element: RedisValue) => ['LREM', key, count, element],
    asInteger,
  ),

  // sets
  /** SADD key member [member ...] → number added. */
  sadd: defineCommand((key: RedisKey, ...members: RedisValue[]) => ['SADD', key, ...members], asInteger),
  /** SREM key member [member ...] → number removed. */
  srem: defineCommand((key: RedisKey, ...members: RedisValue[]) => ['SREM', key, ...members], asInteger),
  /** SMEMBERS key → members (unordered). */
  smembers: defineCommand((key: RedisKey) => ['SMEMBERS', key], toStringArray),
  /** SISMEMBER key member. */
  sismember: defineCommand((key: RedisKey, member: RedisValue) => ['SISMEMBER', key, member], toBoolean),
  /** SCARD key. */
  scard: defineCommand((key: RedisKey) => ['SCARD', key], asInteger),

  // sorted sets
  /**
   * ZADD key with `{ score, member }` entries → number added (changed, with CH). Either
   * `zadd(key, ...entries)` or, with options, `zadd(key, entries, { condition, comparison, CH })`.
   * INCR is `zaddIncr`.
   */
  zadd: defineCommand(zaddArgs, asInteger),
  /** ZSCORE key member → the score or null. */
  zscore: defineCommand((key: RedisKey, member: RedisValue) => ['ZSCORE', key, member], toNumberOrNull),
  /** ZINCRBY key increment member → the new score. */
  zincrby: defineCommand(
    (key: RedisKey, increment: number, member: RedisValue) => ['ZINCRBY', key, increment, member],
    toNumber,
  ),
  /**
   * ZPOPMIN key [count] → the popped `{ member, score }` entries, lowest scores first (always an array, empty
   * when the key is missing; the same on RESP2 and RESP3).
   */
  zpopmin: defineCommand(
    (key: RedisKey, count?: number): RespArg[] =>
      count === undefined ? ['ZPOPMIN', key] : ['ZPOPMIN', key, count],
    (reply, buffers): ScoredMember[] => toScoredMembers(reply, buffers),
  ),
  /** ZPOPMAX key [count] → the popped `{ member, score }` entries, highest scores first (always an array). */
  zpopmax: defineCommand(
    (key: RedisKey, count?: number): RespArg[] =>
      count === undefined ? ['ZPOPMAX', key] : ['ZPOPMAX', key, count],
    (reply, buffers): ScoredMember[] => toScoredMembers(reply, buffers),
  ),
  /** ZRANK key member → rank or null. */
  zrank: defineCommand((key: RedisKey, member: RedisValue) => ['ZRANK', key, member], toNumberOrNull),
  /** ZREM key member [member ...]. */
  zrem: defineCommand((key: RedisKey, ...members: RedisValue[]) => ['ZREM', key, ...members], asInteger),
  /** ZCARD key. */
  zcard: defineCommand((key: RedisKey) => ['ZCARD', key], asInteger),
};

/** The table type, for deriving client and pipeline method types. */
export type CoreCommands = typeof coreCommands;
