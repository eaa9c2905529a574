/**
 * `keyPrefix`: every key argument of a command, as the command table's key specs locate them, gets the
 * prefix before the command is routed (so in a cluster the slot is that of the prefixed key); replies
 * that name keys (KEYS, SCAN, BLPOP's key, BLMPOP, XREAD's streams ...) come back without it.
 */
import type { CommandInfo } from '../commands/command-info.js';
import { lookupCommand } from '../commands/command-table.js';
import { argEqualsKeyword, extractKeyIndexes } from '../commands/key-extraction.js';
import { ConfigError } from '../errors.js';
import type { RespArg, RespValue } from '../resp/index.js';
import { describe } from './config-checks.js';
import type { ScanOptions } from './scan.js';

/** Where in a reply the key names are, for the commands whose replies name keys. */
export type ReplyKeys = 'list' | 'first' | 'scan' | 'streams' | 'single';

const REPLY_KEYS: ReadonlyMap<string, ReplyKeys> = new Map<string, ReplyKeys>([
  ['KEYS', 'list'],
  ['CLUSTER GETKEYSINSLOT', 'list'],
  ['SCAN', 'scan'],
  ['RANDOMKEY', 'single'],
  ['BLPOP', 'first'],
  ['BRPOP', 'first'],
  ['BZPOPMIN', 'first'],
  ['BZPOPMAX', 'first'],
  ['LMPOP', 'first'],
  ['BLMPOP', 'first'],
  ['ZMPOP', 'first'],
  ['BZMPOP', 'first'],
  ['XREAD', 'streams'],
  ['XREADGROUP', 'streams'],
]);

/** Characters with a meaning in a glob pattern (KEYS, SCAN MATCH): a prefix containing them is escaped. */
const GLOB_SPECIAL = /[*?[\]\\]/g;

/**
 * Applies one client's key prefix. Stateless after construction; shared by the client, its pipelines,
 * transactions and isolated connections.
 */
export class KeyPrefix {
  readonly prefix: string;
  /** Channels are prefixed too (the `prefixChannels` option). */
  readonly channels: boolean;
  private readonly bytes: Buffer;
  private readonly globPrefix: string;

  constructor(prefix: string, channels = false) {
    this.prefix = prefix;
    this.channels = channels;
    this.bytes = Buffer.from(prefix);
    this.globPrefix = prefix.replace(GLOB_SPECIAL, '\\$&');
  }

  /**
   * The command with its keys prefixed, or `args` itself when it has none (the caller's array is never
   * changed). Also prefixes the pattern of KEYS and SCAN MATCH, and gives SCAN without MATCH one, so
   * that only this prefix's keys are listed.
   */
  apply(args: readonly RespArg[]): readonly RespArg[] {
    const info = lookupCommand(args);
    return info === undefined ? args : this.applyTo(info, args);
  }

  /**
   * Sends `args` through `send` with its keys prefixed, and strips the prefix from the key names of the
   * reply. One command-table lookup for both.
   */
  run(args: readonly RespArg[], send: (wire: readonly RespArg[]) => Promise<RespValue>): Promise<RespValue> {
    const info = lookupCommand(args);
    if (info === undefined) return send(args);
    const sent = send(this.applyTo(info, args));
    const kind = REPLY_KEYS.get(info.name);
    return kind === undefined ? sent : sent.then((reply) => this.strip(kind, reply));
  }

  private applyTo(info: CommandInfo, args: readonly RespArg[]): readonly RespArg[] {
    if (info.name === 'KEYS') return args.length === 2 ? ['KEYS', this.pattern(args[1])] : args;
    if (info.name === 'SCAN') return this.scanArgs(args);
    if (this.channels && (info.name === 'PUBLISH' || info.name === 'SPUBLISH') && args.length > 1) {
      const out = args.slice();
      out[1] = this.key(args[1]);
      return out;
    }
    const indexes = extractKeyIndexes(info, args);
    if (indexes.length === 0) return args;
    const out = args.slice();
    for (let i = 0; i < indexes.length; i++) out[indexes[i]] = this.key(args[indexes[i]]);
    return out;
  }

  /** The kind of key names in the reply of the command `args`, or undefined when it names none. */
  replyKeys(args: readonly RespArg[]): ReplyKeys | undefined {
    const info = lookupCommand(args);
    return info === undefined ? undefined : REPLY_KEYS.get(info.name);
  }

  /** `reply` with the prefix removed from the key names that `kind` locates. */
  strip(kind: ReplyKeys, reply: RespValue): RespValue {
    if (reply === null || reply instanceof Error) return reply;
    switch (kind) {
      case 'single':
        return this.unprefixed(reply);
      case 'list':
        return Array.isArray(reply) ? reply.map((key) => this.unprefixed(key)) : reply;
      case 'first':
        if (!Array.isArray(reply) || reply.length === 0) return reply;
        return [this.unprefixed(reply[0]), ...reply.slice(1)];
      case 'scan':
        if (!Array.isArray(reply) || reply.length !== 2 || !Array.isArray(reply[1])) return reply;
        return [reply[0], reply[1].map((key) => this.unprefixed(key))];
      case 'streams':
        // RESP3: a map stream → entries; RESP2: [[stream, entries], ...].
        if (reply instanceof Map) {
          const out = new Map<RespValue, RespValue>();
          for (const [stream, entries] of reply) out.set(this.unprefixed(stream), entries);
          return out;
        }
        if (!Array.isArray(reply)) return reply;
        return reply.map((pair) =>
          Array.isArray(pair) && pair.length === 2 ? [this.unprefixed(pair[0]), pair[1]] : pair,
        );
    }
  }

  /** One key with the prefix. */
  key(key: RespArg): RespArg {
    if (typeof key === 'string') return this.prefix + key;
    if (Buffer.isBuffer(key)) return Buffer.concat([this.bytes, key]);
    return this.prefix + String(key);
  }

  /** A glob pattern restricted to this prefix's keys (the prefix's own glob characters escaped). */
  pattern(pattern: RespArg): RespArg {
    if (Buffer.isBuffer(pattern)) return Buffer.concat([Buffer.from(this.globPrefix), pattern]);
    return this.globPrefix + String(pattern);
  }

  /** A key name from a reply without the prefix; names without it (RANDOMKEY's) stay as they are. */
  unprefixed(name: RespValue): RespValue {
    if (typeof name === 'string') return name.startsWith(this.prefix) ? name.slice(this.prefix.length) : name;
    if (Buffer.isBuffer(name)) {
      const bytes = this.bytes;
      if (name.length < bytes.length || bytes.compare(name, 0, bytes.length) !== 0) return name;
      return name.subarray(bytes.length);
    }
    return name;
  }

  /** scanIterator() options restricted to this prefix's keys. */
  scanOptions(options: ScanOptions): ScanOptions {
    return { ...options, match: this.pattern(options.match ?? '*') as string };
  }

  /** The keys of a scanIterator() walk without the prefix. */
  async *unprefixKeys(
    keys: AsyncGenerator<string, void, undefined>,
  ): AsyncGenerator<string, void, undefined> {
    for await (const key of keys) yield key.startsWith(this.prefix) ? key.slice(this.prefix.length) : key;
  }

  /** Subscription names with the prefix (patterns with the prefix's glob characters escaped). */
  subscriptionNames(kind: 'channel' | 'pattern' | 'shard', names: readonly string[]): string[] {
    return names.map((name) => String(kind === 'pattern' ? this.pattern(name) : this.key(name)));
  }

  /** A received message with the prefix removed from its channel and pattern (a new object). */
  unprefixMessage<M extends { channel: string; pattern?: string }>(message: M): M {
    const out = { ...message, channel: this.unprefixed(message.channel) as string };
    const pattern = message.pattern;
    if (pattern?.startsWith(this.globPrefix)) out.pattern = pattern.slice(this.globPrefix.length);
    return out;
  }

  private scanArgs(args: readonly RespArg[]): readonly RespArg[] {
    const out = args.slice();
    // SCAN cursor [MATCH pattern] [COUNT count] [TYPE type]: options come in pairs after the cursor.
    for (let i = 2; i < out.length - 1; i += 2) {
      if (argEqualsKeyword(out[i], 'MATCH')) {
        out[i + 1] = this.pattern(out[i + 1]);
        return out;
      }
    }
    out.push('MATCH', `${this.globPrefix}*`);
    return out;
  }
}

/** Validates the `keyPrefix` option: a non-empty string. */
export function requireKeyPrefix(value: unknown): string {
  if (typeof value !== 'string' || value === '') {
    throw new ConfigError('keyPrefix', `must be a non-empty string, got ${describe(value)}.`);
  }
  return value;
}

/** Validates `prefixChannels`: a boolean, and only beside a `keyPrefix`. */
export function requirePrefixChannels(record: Record<string, unknown>): boolean {
  const value = record.prefixChannels;
  if (typeof value !== 'boolean') {
    throw new ConfigError('prefixChannels', `must be true or false, got ${describe(value)}.`);
  }
  if (value && record.keyPrefix === undefined) {
    throw new ConfigError('prefixChannels', 'needs keyPrefix: it prefixes channels with that same prefix.');
  }
  return value;
}
