import type { RespArg, RespValue } from '../resp/index.js';
import { defineCommand } from './command-definition.js';
import { type RedisKey, type RedisValue, toNumber, toStringOrNull } from './reply-transforms.js';

const asInteger = (reply: unknown) => toNumber(reply as never);

/** A popped list element and the list it came from. */
export interface PoppedElement {
  key: string;
  element: string;
}

/** A popped sorted-set member and the set it came from. */
export interface PoppedMember {
  key: string;
  member: string;
  score: number;
}

function toPoppedElement(reply: RespValue): PoppedElement | null {
  if (!Array.isArray(reply)) return null;
  return { key: String(reply[0]), element: String(reply[1]) };
}

function toPoppedMember(reply: RespValue): PoppedMember | null {
  if (!Array.isArray(reply)) return null;
  return { key: String(reply[0]), member: String(reply[1]), score: toNumber(reply[2] as RespValue) };
}

const keyList = (keys: RedisKey | readonly RedisKey[]): RedisKey[] =>
  Array.isArray(keys) ? [...keys] : [keys as RedisKey];

function keysAndArgs(head: RespArg[], keys: readonly RedisKey[], args: readonly RedisValue[]): RespArg[] {
  head.push(keys.length, ...keys, ...args);
  return head;
}

/**
 * Typed methods for pub/sub publishing, scripts and functions, and stream acknowledgement: the commands
 * the stateful helpers (subscriptions, defineScript, stream consumers) build on. Replies of scripts and
 * functions are whatever the script returns (raw RespValue).
 */
export const featureCommands = {
  /** BLPOP keys timeout(seconds, 0 = forever) → the popped element, or null on timeout. Runs on a dedicated connection. */
  blpop: defineCommand(
    (keys: RedisKey | readonly RedisKey[], timeout: number) => ['BLPOP', ...keyList(keys), timeout],
    toPoppedElement,
  ),
  /** BRPOP keys timeout(seconds) → the popped element, or null on timeout. */
  brpop: defineCommand(
    (keys: RedisKey | readonly RedisKey[], timeout: number) => ['BRPOP', ...keyList(keys), timeout],
    toPoppedElement,
  ),
  /** BLMOVE source destination LEFT|RIGHT LEFT|RIGHT timeout(seconds) → the moved element, or null. */
  blmove: defineCommand(
    (
      source: RedisKey,
      destination: RedisKey,
      from: 'LEFT' | 'RIGHT',
      to: 'LEFT' | 'RIGHT',
      timeout: number,
    ) => ['BLMOVE', source, destination, from, to, timeout],
    toStringOrNull,
  ),
  /** BZPOPMIN keys timeout(seconds) → the popped member with its score, or null on timeout. */
  bzpopmin: defineCommand(
    (keys: RedisKey | readonly RedisKey[], timeout: number) => ['BZPOPMIN', ...keyList(keys), timeout],
    toPoppedMember,
  ),
  /** BZPOPMAX keys timeout(seconds) → the popped member with its score, or null on timeout. */
  bzpopmax: defineCommand(
    (keys: RedisKey | readonly RedisKey[], timeout: number) => ['BZPOPMAX', ...keyList(keys), timeout],
    toPoppedMember,
  ),
  /** PUBLISH channel message → number of clients that received it. */
  publish: defineCommand(
    (channel: RedisKey, message: RedisValue) => ['PUBLISH', channel, message],
    asInteger,
  ),
  /** SPUBLISH shardchannel message (Redis >= 7) → number of clients that received it. */
  spublish: defineCommand(
    (channel: RedisKey, message: RedisValue) => ['SPUBLISH', channel, message],
    asInteger,
  ),
  /** SCRIPT LOAD script → its SHA1. */
  scriptLoad: defineCommand((script: string) => ['SCRIPT', 'LOAD', script], toStringOrNull),
  /** EVAL script with keys and arguments. */
  eval: defineCommand((script: string, keys: readonly RedisKey[] = [], args: readonly RedisValue[] = []) =>
    keysAndArgs(['EVAL', script], keys, args),
  ),
  /** EVALSHA sha1 with keys and arguments (rejects with code NOSCRIPT when the server does not have it). */
  evalsha: defineCommand((sha: string, keys: readonly RedisKey[] = [], args: readonly RedisValue[] = []) =>
    keysAndArgs(['EVALSHA', sha], keys, args),
  ),
  /** FUNCTION LOAD [REPLACE] code (Redis >= 7) → the library name. */
  functionLoad: defineCommand(
    (code: string, options?: { replace?: boolean }) =>
      options?.replace ? ['FUNCTION', 'LOAD', 'REPLACE', code] : ['FUNCTION', 'LOAD', code],
    toStringOrNull,
  ),
  /** FUNCTION DELETE library. */
  functionDelete: defineCommand((library: string) => ['FUNCTION', 'DELETE', library], toStringOrNull),
  /** FCALL function with keys and arguments (Redis >= 7). */
  fcall: defineCommand((fn: string, keys: readonly RedisKey[] = [], args: readonly RedisValue[] = []) =>
    keysAndArgs(['FCALL', fn], keys, args),
  ),
  /** FCALL_RO: a read-only function call (may run on replicas). */
  fcallRo: defineCommand((fn: string, keys: readonly RedisKey[] = [], args: readonly RedisValue[] = []) =>
    keysAndArgs(['FCALL_RO', fn], keys, args),
  ),
};

export type FeatureCommands = typeof featureCommands;
