/**
 * Finds the argument positions of a command's keys, following the key-spec algorithm the server
 * uses (begin_search index/keyword, then find_keys range/keynum), plus command-specific parsing for
 * the commands whose specs are incomplete (SORT ... STORE, MIGRATE ... KEYS).
 *
 * Malformed arguments never throw: a spec that cannot be applied (numkeys not a number, too few
 * arguments) contributes no keys, and positions past the end of the arguments are skipped. The server
 * rejects such commands anyway; routing only needs to pick a node for them.
 */
import type { RespArg } from '../resp/index.js';
import type { CommandInfo, KeySpec } from './command-info.js';
import { KEY_SPEC_FLAGS } from './generated/command-table.js';

export interface KeyExtractionOptions {
  /**
   * Also return the arguments of key specs flagged NOT_KEY: the shard channels of SPUBLISH,
   * SSUBSCRIBE and SUNSUBSCRIBE, which are hashed to a slot like keys. Cluster routing wants this on;
   * default off (keys only, like COMMAND GETKEYS).
   */
  readonly includeNotKeys?: boolean;
}

const CHAR_0 = 0x30;
const CHAR_9 = 0x39;
/** Longer numbers are beyond any argument count (and beyond 2^53). */
const MAX_COUNT_DIGITS = 15;

/** ASCII case-insensitive comparison of an argument with an upper-case keyword, without allocating. */
export function argEqualsKeyword(arg: RespArg | undefined, keyword: string): boolean {
  if (typeof arg === 'string') {
    if (arg.length !== keyword.length) return false;
    for (let i = 0; i < arg.length; i++) {
      let c = arg.charCodeAt(i);
      if (c >= 0x61 && c <= 0x7a) c -= 0x20;
      if (c !== keyword.charCodeAt(i)) return false;
    }
    return true;
  }
  if (Buffer.isBuffer(arg)) {
    if (arg.length !== keyword.length) return false;
    for (let i = 0; i < arg.length; i++) {
      let c = arg[i];
      if (c >= 0x61 && c <= 0x7a) c -= 0x20;
      if (c !== keyword.charCodeAt(i)) return false;
    }
    return true;
  }
  return false; // numbers are never keywords
}

function digitsToCount(length: number, codeAt: (i: number) => number): number {
  if (length === 0 || length > MAX_COUNT_DIGITS) return -1;
  if (codeAt(0) === CHAR_0) return length === 1 ? 0 : -1; // like the server: no leading zeros
  let value = 0;
  for (let i = 0; i < length; i++) {
    const c = codeAt(i);
    if (c < CHAR_0 || c > CHAR_9) return -1; // also rejects '-': a negative count is invalid
    value = value * 10 + (c - CHAR_0);
  }
  return value;
}

/** Parses a non-negative integer argument (numkeys); -1 when it is not one. */
export function parseCount(arg: RespArg | undefined): number {
  if (typeof arg === 'number') return Number.isSafeInteger(arg) && arg >= 0 ? arg : -1;
  if (typeof arg === 'bigint') return arg >= 0n && arg <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(arg) : -1;
  if (typeof arg === 'string') return digitsToCount(arg.length, (i) => arg.charCodeAt(i));
  if (Buffer.isBuffer(arg)) return digitsToCount(arg.length, (i) => arg[i]);
  return -1;
}

function argIsEmpty(arg: RespArg | undefined): boolean {
  return (typeof arg === 'string' || Buffer.isBuffer(arg)) && arg.length === 0;
}

/** Index of the first key of a spec, or -1 when the search finds nothing. */
function beginIndex(spec: KeySpec, args: readonly RespArg[]): number {
  const begin = spec.beginSearch;
  if (begin.type === 'index') return begin.pos;
  if (begin.type === 'unknown') return -1;
  const argc = args.length;
  const { keyword, startFrom } = begin;
  if (startFrom > 0) {
    // Forward, up to the second-to-last argument (a keyword in last place has no key after it).
    for (let i = startFrom; i < argc - 1; i++) {
      if (argEqualsKeyword(args[i], keyword)) return i + 1;
    }
  } else if (startFrom < 0) {
    // Backward from argc + startFrom, never reaching the command name.
    for (let i = argc + startFrom; i > 0; i--) {
      if (argEqualsKeyword(args[i], keyword)) return i + 1;
    }
  }
  return -1;
}

function appendSpecKeys(spec: KeySpec, args: readonly RespArg[], out: number[]): void {
  let first = beginIndex(spec, args);
  if (first < 0) return;
  const argc = args.length;
  const find = spec.findKeys;
  let last: number;
  let step: number;
  if (find.type === 'range') {
    step = find.step;
    if (find.lastKey >= 0) last = first + find.lastKey;
    else if (find.limit === 0) last = argc + find.lastKey;
    else last = first + Math.trunc((argc - first) / find.limit) + find.lastKey;
  } else if (find.type === 'keynum') {
    step = find.step;
    if (find.keyNumIndex >= argc - first) return;
    const numKeys = parseCount(args[first + find.keyNumIndex]);
    if (numKeys < 0) return;
    first += find.firstKey;
    last = first + (numKeys - 1) * step;
  } else {
    return;
  }
  // Past the end: the arguments are too few; keep what exists (the server reports the error).
  if (last > argc - 1) last = argc - 1;
  for (let i = first; i <= last; i += step) out.push(i);
}

/** SORT key [BY pattern] [LIMIT offset count] [GET pattern ...] [ASC|DESC] [ALPHA] [STORE destination] */
function sortKeyIndexes(args: readonly RespArg[]): number[] {
  if (args.length < 2) return [];
  const out = [1];
  let store = -1;
  for (let i = 2; i < args.length; i++) {
    const arg = args[i];
    const left = args.length - 1 - i;
    if (argEqualsKeyword(arg, 'LIMIT') && left >= 2) i += 2;
    else if ((argEqualsKeyword(arg, 'GET') || argEqualsKeyword(arg, 'BY')) && left >= 1) i += 1;
    else if (argEqualsKeyword(arg, 'STORE') && left >= 1) {
      store = i + 1; // the last STORE wins, as in the server
      i += 1;
    }
  }
  if (store > 0) out.push(store);
  return out;
}

/** MIGRATE host port key|"" db timeout [COPY] [REPLACE] [AUTH pw | AUTH2 user pw] [KEYS key ...] */
function migrateKeyIndexes(args: readonly RespArg[]): number[] {
  for (let i = 6; i < args.length; i++) {
    const arg = args[i];
    if (argEqualsKeyword(arg, 'KEYS')) {
      if (!argIsEmpty(args[3])) return []; // the server refuses KEYS with a non-empty key argument
      const out: number[] = [];
      for (let k = i + 1; k < args.length; k++) out.push(k);
      return out;
    }
    if (argEqualsKeyword(arg, 'AUTH')) i += 1;
    else if (argEqualsKeyword(arg, 'AUTH2')) i += 2;
  }
  return args.length > 3 ? [3] : [];
}

/** Parsers for the commands whose key specs cannot find every key. */
const SPECIAL_EXTRACTORS: ReadonlyMap<string, (args: readonly RespArg[]) => number[]> = new Map([
  ['SORT', sortKeyIndexes],
  ['MIGRATE', migrateKeyIndexes],
]);

/**
 * Positions in `args` (the full command: name, subcommand, arguments) of the keys of the command
 * described by `info`, in key-spec order. [] for keyless commands.
 */
export function extractKeyIndexes(
  info: CommandInfo,
  args: readonly RespArg[],
  options?: KeyExtractionOptions,
): number[] {
  const specs = info.keySpecs;
  if (specs.length === 0) return [];
  if (info.hasIncompleteKeySpecs) {
    const special = SPECIAL_EXTRACTORS.get(info.name);
    if (special !== undefined) return special(args);
  }
  const includeNotKeys = options?.includeNotKeys === true;
  const out: number[] = [];
  for (let s = 0; s < specs.length; s++) {
    const spec = specs[s];
    if (!includeNotKeys && (spec.flags & KEY_SPEC_FLAGS.NOT_KEY) !== 0) continue;
    appendSpecKeys(spec, args, out);
  }
  return out;
}
