/**
 * Run-time command table: lookup by the arguments of a command (container + subcommand resolved),
 * key extraction, and the retry rule. The data is src/commands/generated/command-table.ts, generated
 * from the command specifications by scripts/generate-command-table.ts.
 */
import type { RespArg } from '../resp/index.js';
import { CommandInfo } from './command-info.js';
import { COMMANDS } from './generated/command-table.js';
import { extractKeyIndexes, type KeyExtractionOptions } from './key-extraction.js';

interface Entry {
  readonly info: CommandInfo;
  /** Subcommands by short name (upper and lower case), for containers. */
  subcommands: Map<string, CommandInfo> | undefined;
}

/** Top-level commands by name, each under its upper-case and its lower-case spelling. */
const TOP_LEVEL = new Map<string, Entry>();
/** Every command and subcommand by upper-case full name (`CLUSTER SLOTS`). */
const BY_FULL_NAME = new Map<string, CommandInfo>();
const ALL: CommandInfo[] = [];
/** No command or subcommand name is longer: longer arguments are not looked up at all. */
let maxNameLength = 0;

function addSpellings<T>(map: Map<string, T>, upper: string, value: T): void {
  map.set(upper, value);
  map.set(upper.toLowerCase(), value);
  if (upper.length > maxNameLength) maxNameLength = upper.length;
}

for (const raw of COMMANDS) {
  const info = new CommandInfo(raw);
  ALL.push(info);
  BY_FULL_NAME.set(info.name, info);
  if (info.container === undefined) {
    addSpellings(TOP_LEVEL, info.name, { info, subcommands: undefined });
    continue;
  }
  // Containers sort before their subcommands; the generator checks that every container exists.
  const parent = TOP_LEVEL.get(info.container)!;
  parent.subcommands ??= new Map();
  addSpellings(parent.subcommands, info.name.slice(info.container.length + 1), info);
}

function nameOf(arg: RespArg): string | undefined {
  if (typeof arg === 'string') return arg;
  if (Buffer.isBuffer(arg) && arg.length <= maxNameLength) return arg.toString('latin1');
  return undefined; // numbers are never command names
}

function find<T>(map: Map<string, T>, arg: RespArg): T | undefined {
  const name = nameOf(arg);
  if (name === undefined) return undefined;
  const exact = map.get(name);
  if (exact !== undefined || name.length > maxNameLength) return exact;
  return map.get(name.toUpperCase()); // mixed case: the only case that allocates
}

/**
 * The command described by `args` (name first, then its arguments), resolving containers:
 * `['cluster', 'slots']` → `CLUSTER SLOTS`. A container given alone (`['CLUSTER']`) returns the
 * container; an unknown command or subcommand returns undefined.
 */
export function lookupCommand(args: readonly RespArg[]): CommandInfo | undefined {
  if (args.length === 0) return undefined;
  const entry = find(TOP_LEVEL, args[0]);
  if (entry === undefined) return undefined;
  if (entry.subcommands === undefined || args.length < 2) return entry.info;
  return find(entry.subcommands, args[1]);
}

/** A command by full name, any case: `'GET'`, `'cluster slots'`. */
export function getCommand(name: string): CommandInfo | undefined {
  return BY_FULL_NAME.get(name) ?? BY_FULL_NAME.get(name.toUpperCase().replace(/\s+/g, ' ').trim());
}

/** Every command and subcommand in the table, sorted by full name. */
export function allCommands(): readonly CommandInfo[] {
  return ALL;
}

/** The keys of a command given as its full argument list; [] for keyless or unknown commands. */
export function extractKeys(args: readonly RespArg[], options?: KeyExtractionOptions): RespArg[] {
  const info = lookupCommand(args);
  if (info === undefined) return [];
  const indexes = extractKeyIndexes(info, args, options);
  const keys: RespArg[] = new Array(indexes.length);
  for (let i = 0; i < indexes.length; i++) keys[i] = args[indexes[i]];
  return keys;
}

/**
 * True when the command may be sent again after the connection dropped before its reply came:
 * it only reads (READONLY), does not block, and is not a pub/sub command.
 */
export function isRetryableOnReconnect(info: CommandInfo): boolean {
  return info.isReadOnly && !info.isBlocking && !info.isPubSub;
}

export type { KeyExtractionOptions };
export { extractKeyIndexes };
