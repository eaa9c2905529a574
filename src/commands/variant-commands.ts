import type { RespArg, RespValue } from '../resp/index.js';
import { defineCommand } from './command-definition.js';
import { commandDocsCommands } from './command-docs.js';
import {
  type RedisKey,
  type RedisValue,
  toNullableStringArray,
  toNumber,
  toNumberOrNull,
} from './reply-transforms.js';

/**
 * Forms of everyday commands whose reply changes with an option (LPOP with a count, ZADD INCR, ZRANK
 * WITHSCORE): one method per reply shape, so each is typed exactly and looks the same on RESP2 and RESP3.
 */

/** A sorted-set entry as ZADD takes it. */
export interface ScoreMember {
  score: number;
  member: RedisValue;
}

/** ZADD's options (each optional, in one object). INCR is `zaddIncr`. */
export interface ZaddConditions {
  /** NX: only add new members; XX: only update existing ones. */
  condition?: 'NX' | 'XX';
  /** GT / LT: only update when the new score is greater / less than the current one. */
  comparison?: 'GT' | 'LT';
  /** CH: count changed members (added or updated), not only added ones. */
  CH?: boolean;
}

/** A member's rank with its score (ZRANK / ZREVRANK ... WITHSCORE, Redis >= 7.2). */
export interface RankWithScore {
  rank: number;
  score: number;
}

function zaddHead(key: RedisKey, options: ZaddConditions | undefined): RespArg[] {
  const args: RespArg[] = ['ZADD', key];
  if (options?.condition !== undefined) args.push(options.condition);
  if (options?.comparison !== undefined) args.push(options.comparison);
  if (options?.CH) args.push('CH');
  return args;
}

/**
 * ZADD key [options] entries: `zadd(key, ...entries)` or `zadd(key, entries, options)` (the options object
 * needs the entries as one array, since a rest parameter must come last).
 */
export function zaddArgs(
  key: RedisKey,
  ...rest: ScoreMember[] | [entries: readonly ScoreMember[], options?: ZaddConditions]
): RespArg[] {
  let entries: readonly ScoreMember[];
  let options: ZaddConditions | undefined;
  if (Array.isArray(rest[0])) {
    entries = rest[0] as readonly ScoreMember[];
    options = rest[1] as ZaddConditions | undefined;
  } else {
    entries = rest as ScoreMember[];
  }
  const args = zaddHead(key, options);
  for (const entry of entries) args.push(entry.score, entry.member);
  return args;
}

function toRankWithScore(reply: RespValue): RankWithScore | null {
  if (!Array.isArray(reply)) return null;
  return { rank: toNumber(reply[0] as RespValue), score: toNumber(reply[1] as RespValue) };
}

function toPopped(reply: RespValue, buffers: boolean): string[] | null {
  return reply === null ? null : (toNullableStringArray(reply, buffers) as string[]);
}

export const variantCommands = {
  ...commandDocsCommands,
  /**
   * LPOP key count → up to `count` elements from the head, or null when the key does not exist (Redis >= 6.2).
   * `lpop(key)` pops one element.
   */
  lpopCount: defineCommand((key: RedisKey, count: number) => ['LPOP', key, count], toPopped, '6.2.0'),
  /** RPOP key count → up to `count` elements from the tail, or null when the key does not exist (Redis >= 6.2). */
  rpopCount: defineCommand((key: RedisKey, count: number) => ['RPOP', key, count], toPopped, '6.2.0'),
  /**
   * ZADD key [NX|XX] [GT|LT] INCR increment member → the member's new score, or null when NX/XX/GT/LT
   * stopped the update (ZINCRBY with conditions).
   */
  zaddIncr: defineCommand(
    (key: RedisKey, increment: number, member: RedisValue, options?: Omit<ZaddConditions, 'CH'>) => {
      const args = zaddHead(key, options);
      args.push('INCR', increment, member);
      return args;
    },
    toNumberOrNull,
    '3.0.2',
  ),
  /** ZRANK key member WITHSCORE → `{ rank, score }`, or null when the member is absent (Redis >= 7.2). */
  zrankWithScore: defineCommand(
    (key: RedisKey, member: RedisValue) => ['ZRANK', key, member, 'WITHSCORE'],
    toRankWithScore,
    '7.2.0',
  ),
  /** ZREVRANK key member WITHSCORE → `{ rank, score }` (rank from the highest score), or null (Redis >= 7.2). */
  zrevrankWithScore: defineCommand(
    (key: RedisKey, member: RedisValue) => ['ZREVRANK', key, member, 'WITHSCORE'],
    toRankWithScore,
    '7.2.0',
  ),
  /** ZREVRANK key member → rank from the highest score, or null. */
  zrevrank: defineCommand((key: RedisKey, member: RedisValue) => ['ZREVRANK', key, member], toNumberOrNull),
};

export type VariantCommands = typeof variantCommands;
