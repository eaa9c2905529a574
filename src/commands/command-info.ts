/**
 * Typed view of one row of the generated command table: flags as booleans, key specs as
 * discriminated unions, cluster routing tips as string unions.
 */
import {
  COMMAND_FLAGS,
  COMMAND_TIPS,
  type CommandFlagName,
  KEY_SPEC_FLAGS,
  type KeySpecFlagName,
  type RawBeginSearch,
  type RawCommand,
  type RawFindKeys,
  type RawKeySpec,
  type RequestPolicy,
  type ResponsePolicy,
} from './generated/command-table.js';

export type { CommandFlagName, KeySpecFlagName, RequestPolicy, ResponsePolicy };

/** Where the search for a key spec's keys starts. Indexes count the command name (and subcommand) too. */
export type BeginSearch =
  | { readonly type: 'index'; readonly pos: number }
  | { readonly type: 'keyword'; readonly keyword: string; readonly startFrom: number }
  | { readonly type: 'unknown' };

/** How the keys are found from where the search began. */
export type FindKeys =
  | { readonly type: 'range'; readonly lastKey: number; readonly step: number; readonly limit: number }
  | {
      readonly type: 'keynum';
      readonly keyNumIndex: number;
      readonly firstKey: number;
      readonly step: number;
    }
  | { readonly type: 'unknown' };

const UNKNOWN = { type: 'unknown' } as const;

function toBeginSearch(raw: RawBeginSearch): BeginSearch {
  if (raw[0] === 0) return { type: 'index', pos: raw[1] };
  if (raw[0] === 1) return { type: 'keyword', keyword: raw[1], startFrom: raw[2] };
  return UNKNOWN;
}

function toFindKeys(raw: RawFindKeys): FindKeys {
  if (raw[0] === 0) return { type: 'range', lastKey: raw[1], step: raw[2], limit: raw[3] };
  if (raw[0] === 1) return { type: 'keynum', keyNumIndex: raw[1], firstKey: raw[2], step: raw[3] };
  return UNKNOWN;
}

/** One key spec of a command (`key_specs` in the command JSON). */
export class KeySpec {
  /** Bitmask of {@link KEY_SPEC_FLAGS}. */
  readonly flags: number;
  readonly beginSearch: BeginSearch;
  readonly findKeys: FindKeys;

  constructor(raw: RawKeySpec) {
    this.flags = raw[0];
    this.beginSearch = toBeginSearch(raw[1]);
    this.findKeys = toFindKeys(raw[2]);
  }

  has(flag: KeySpecFlagName): boolean {
    return (this.flags & KEY_SPEC_FLAGS[flag]) !== 0;
  }

  /** The spec cannot find all its keys by itself (unknown search, or flagged INCOMPLETE). */
  get isIncomplete(): boolean {
    return (
      this.beginSearch.type === 'unknown' ||
      this.findKeys.type === 'unknown' ||
      (this.flags & KEY_SPEC_FLAGS.INCOMPLETE) !== 0
    );
  }
}

const COMMAND_FLAG_NAMES = Object.keys(COMMAND_FLAGS) as CommandFlagName[];

/** Static facts about one command or subcommand, from the command specifications. */
export class CommandInfo {
  /** Upper-case name; subcommands carry their container: `CLUSTER SLOTS`. */
  readonly name: string;
  /** `CLUSTER` for `CLUSTER SLOTS`; undefined for top-level commands. */
  readonly container: string | undefined;
  /** Server arity: the argument count including the name; negative means "at least -arity". */
  readonly arity: number;
  /** Bitmask of {@link COMMAND_FLAGS}. */
  readonly flags: number;
  /** Server version that introduced the command. */
  readonly since: string;
  readonly keySpecs: readonly KeySpec[];
  /** Cluster fan-out hint; undefined: route by key (or to any node when keyless). */
  readonly requestPolicy: RequestPolicy | undefined;
  /** Cluster reply-merging hint for fanned-out commands. */
  readonly responsePolicy: ResponsePolicy | undefined;
  readonly nondeterministicOutput: boolean;
  readonly nondeterministicOutputOrder: boolean;
  /** Some key spec is INCOMPLETE or unknown: key extraction needs command-specific parsing. */
  readonly hasIncompleteKeySpecs: boolean;
  /** Its one key is the first argument (GET, SET, HSET, ...): routing it needs no walk of the key specs. */
  readonly singleKeyFirst: boolean;

  readonly isReadOnly: boolean;
  readonly isWrite: boolean;
  readonly isBlocking: boolean;
  readonly isPubSub: boolean;
  readonly isFast: boolean;
  readonly isAdmin: boolean;
  readonly noScript: boolean;
  readonly noMulti: boolean;
  readonly denyOom: boolean;
  readonly allowLoading: boolean;
  readonly allowStale: boolean;
  readonly sentinelOnly: boolean;

  constructor(raw: RawCommand) {
    const [name, arity, flags, since, keySpecs, tips, requestPolicy, responsePolicy] = raw;
    this.name = name;
    const space = name.indexOf(' ');
    this.container = space < 0 ? undefined : name.slice(0, space);
    this.arity = arity;
    this.flags = flags;
    this.since = since;
    this.keySpecs = keySpecs.map((spec) => new KeySpec(spec));
    this.requestPolicy = requestPolicy === '' ? undefined : requestPolicy;
    this.responsePolicy = responsePolicy === '' ? undefined : responsePolicy;
    this.nondeterministicOutput = (tips & COMMAND_TIPS.NONDETERMINISTIC_OUTPUT) !== 0;
    this.nondeterministicOutputOrder = (tips & COMMAND_TIPS.NONDETERMINISTIC_OUTPUT_ORDER) !== 0;
    this.hasIncompleteKeySpecs = this.keySpecs.some((spec) => spec.isIncomplete);
    const only = this.keySpecs.length === 1 ? this.keySpecs[0] : undefined;
    this.singleKeyFirst =
      only !== undefined &&
      !this.hasIncompleteKeySpecs &&
      only.beginSearch.type === 'index' &&
      only.beginSearch.pos === 1 &&
      only.findKeys.type === 'range' &&
      only.findKeys.lastKey === 0;
    this.isReadOnly = (flags & COMMAND_FLAGS.READONLY) !== 0;
    this.isWrite = (flags & COMMAND_FLAGS.WRITE) !== 0;
    this.isBlocking = (flags & COMMAND_FLAGS.BLOCKING) !== 0;
    this.isPubSub = (flags & COMMAND_FLAGS.PUBSUB) !== 0;
    this.isFast = (flags & COMMAND_FLAGS.FAST) !== 0;
    this.isAdmin = (flags & COMMAND_FLAGS.ADMIN) !== 0;
    this.noScript = (flags & COMMAND_FLAGS.NOSCRIPT) !== 0;
    this.noMulti = (flags & COMMAND_FLAGS.NO_MULTI) !== 0;
    this.denyOom = (flags & COMMAND_FLAGS.DENYOOM) !== 0;
    this.allowLoading = (flags & COMMAND_FLAGS.LOADING) !== 0;
    this.allowStale = (flags & COMMAND_FLAGS.STALE) !== 0;
    this.sentinelOnly = (flags & COMMAND_FLAGS.ONLY_SENTINEL) !== 0;
  }

  has(flag: CommandFlagName): boolean {
    return (this.flags & COMMAND_FLAGS[flag]) !== 0;
  }

  /** The command's flags by name, in table order. */
  flagNames(): CommandFlagName[] {
    return COMMAND_FLAG_NAMES.filter((flag) => (this.flags & COMMAND_FLAGS[flag]) !== 0);
  }
}
