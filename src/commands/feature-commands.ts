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

/** The keys and arguments of a script or function call, as one options object. */
export interface ScriptCallOptions {
  keys?: readonly RedisKey[];
  arguments?: readonly RedisValue[];
}

/** `(keys?, args?)` or `(options?)`: both forms of EVAL / EVALSHA / FCALL / FCALL_RO. */
type ScriptCallRest =
  | [keys?: readonly RedisKey[], args?: readonly RedisValue[]]
  | [options: ScriptCallOptions];

function keysAndArgs(head: RespArg[], rest: ScriptCallRest): RespArg[] {
  const first = rest[0];
  let keys: readonly RedisKey[] = [];
  let args: readonly RedisValue[] = [];
  if (first !== undefined && !Array.isArray(first)) {
    const options = first as ScriptCallOptions;
    keys = options.keys ?? [];
    args = options.arguments ?? [];
  } else {
    keys = (first as readonly RedisKey[] | undefined) ?? [];
    args = (rest[1] as readonly RedisValue[] | undefined) ?? [];
  }
  head.push(keys.length, ...keys, ...args);
  return head;
}

/**
 * Typed methods for pub/sub publishing, scripts and functions, and stream acknowledgement: the commands
 * the stateful helpers (subscriptions, defineScript, stream consumers) build on. Replies of scripts and
 * functions are whatever the script returns, as decoded: raw RespValue, protocol-dependent (a Lua table
 * holding a map comes as a Map on RESP3 and a flat array on RESP2; a Lua float as a double on RESP3 only
 * when the script uses redis.setresp(3)).
 *
 * Script and function calls take keys and arguments either positionally, `eval(script, keys, args)`, or as
 * one options object, `eval(script, { keys, arguments })`.
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
  /** EVAL script with keys and arguments → the script's reply, raw. */
  eval: defineCommand((script: string, ...rest: ScriptCallRest) => keysAndArgs(['EVAL', script], rest)),
  /** EVALSHA sha1 with keys and arguments (rejects with code NOSCRIPT when the server does not have it). */
  evalsha: defineCommand((sha: string, ...rest: ScriptCallRest) => keysAndArgs(['EVALSHA', sha], rest)),
  /** FUNCTION LOAD [REPLACE] code (Redis >= 7) → the library name. */
  functionLoad: defineCommand(
    (code: string, options?: { replace?: boolean }) =>
      options?.replace ? ['FUNCTION', 'LOAD', 'REPLACE', code] : ['FUNCTION', 'LOAD', code],
    toStringOrNull,
  ),
  /** FUNCTION DELETE library. */
  functionDelete: defineCommand((library: string) => ['FUNCTION', 'DELETE', library], toStringOrNull),
  /** FCALL function with keys and arguments (Redis >= 7) → the function's reply, raw. */
  fcall: defineCommand((fn: string, ...rest: ScriptCallRest) => keysAndArgs(['FCALL', fn], rest)),
  /** FCALL_RO: a read-only function call (may run on replicas). */
  fcallRo: defineCommand((fn: string, ...rest: ScriptCallRest) => keysAndArgs(['FCALL_RO', fn], rest)),
};

export type FeatureCommands = typeof featureCommands;
