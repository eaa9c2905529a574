import type { RespValue } from '../resp/index.js';
import { defineCommand } from './command-definition.js';
import { type ReplyShape, shapeReply } from './reply-shapes.js';

/** One argument of a command, as COMMAND DOCS describes it (block and oneof arguments nest). */
export interface CommandArgumentDoc {
  name?: string;
  type?: string;
  display_text?: string;
  key_spec_index?: number;
  token?: string;
  summary?: string;
  since?: string;
  deprecated_since?: string;
  flags?: string[];
  arguments?: CommandArgumentDoc[];
  [key: string]: unknown;
}

/** One command's documentation from COMMAND DOCS; subcommands nest the same way. */
export interface CommandDoc {
  summary?: string;
  since?: string;
  group?: string;
  complexity?: string;
  module?: string;
  doc_flags?: string[];
  deprecated_since?: string;
  replaced_by?: string;
  history?: Array<[string, string]>;
  arguments?: CommandArgumentDoc[];
  subcommands?: Record<string, CommandDoc>;
  /** Only servers built to log their reply schemas send it; kept as decoded (protocol-dependent). */
  reply_schema?: RespValue;
  [key: string]: unknown;
}

type MutableShape = ['o', Record<string, ReplyShape>, ReplyShape];

/**
 * The reply shape of COMMAND DOCS, built once. It refers to itself (arguments inside arguments,
 * subcommands inside commands), which a generated shape cannot: the generator leaves nested levels raw,
 * so RESP3 maps and RESP2 flat arrays would differ below the first level.
 */
function commandDocsShape(): ReplyShape {
  const argument: MutableShape = ['o', {}, 'r'];
  Object.assign(argument[1], {
    name: 's',
    type: 's',
    display_text: 's',
    key_spec_index: 'n',
    token: 's',
    summary: 's',
    since: 's',
    deprecated_since: 's',
    flags: ['a', 's', 1],
    arguments: ['a', argument, 1],
  });
  const doc: MutableShape = ['o', {}, 'r'];
  const docs: ReplyShape = ['m', doc];
  Object.assign(doc[1], {
    summary: 's',
    since: 's',
    group: 's',
    complexity: 's',
    module: 's',
    doc_flags: ['a', 's', 1],
    deprecated_since: 's',
    replaced_by: 's',
    history: ['a', ['t', ['s', 's'], 'r'], 2],
    arguments: ['a', argument, 1],
    subcommands: docs,
    reply_schema: 'r',
  });
  return docs;
}

const DOCS_SHAPE = commandDocsShape();

/** One key spec of COMMAND INFO: where the keys are. */
export interface CommandKeySpecInfo {
  notes?: string;
  flags?: string[];
  begin_search?: { type?: string; spec?: Record<string, string | number> };
  find_keys?: { type?: string; spec?: Record<string, string | number> };
}

/**
 * One command of COMMAND INFO: [name, arity, flags, first key, last key, step, ACL categories, tips,
 * key specs, subcommands (the same tuple)].
 */
export type CommandInfoReply = [
  name: string,
  arity: number,
  flags: string[],
  firstKey: number,
  lastKey: number,
  step: number,
  aclCategories: string[],
  tips: string[],
  keySpecs: CommandKeySpecInfo[],
  subcommands: CommandInfoReply[],
];

/** COMMAND INFO's shape, built once: subcommands nest the command tuple (a generated shape stops there). */
function commandInfoShape(): ReplyShape {
  const spec: ReplyShape = ['o', { type: 's', spec: ['m', 'r'] }, 'r'];
  const keySpec: ReplyShape = [
    'o',
    { notes: 's', flags: ['a', 's', 1], begin_search: spec, find_keys: spec },
    'r',
  ];
  const strings: ReplyShape = ['a', 's', 1];
  const items: ReplyShape[] = ['s', 'n', strings, 'n', 'n', 'n', strings, strings, ['a', keySpec, 1]];
  const command: ReplyShape = ['t', items, 'r'];
  items.push(['a', command, 1]);
  return ['a', command, 1];
}

const INFO_SHAPE = commandInfoShape();

export const commandDocsCommands = {
  /**
   * COMMAND INFO [command-name ...] → one tuple per command (null for an unknown name): name, arity, flags,
   * key positions, ACL categories, tips, key specs as objects, and subcommands as the same tuples; plain
   * objects and arrays on RESP2 and RESP3 alike.
   * @since 2.8.13
   */
  commandInfo: defineCommand(
    (...commandNames: string[]) => ['COMMAND', 'INFO', ...commandNames],
    (reply, buffers): Array<CommandInfoReply | null> =>
      shapeReply(reply, INFO_SHAPE, buffers) as Array<CommandInfoReply | null>,
  ),
  /**
   * COMMAND DOCS [command-name ...] → `{ name: CommandDoc }`: summaries, arguments (nested to any depth),
   * history and subcommands, as plain objects and arrays on RESP2 and RESP3 alike.
   * @since 7.0.0
   */
  commandDocs: defineCommand(
    (...commandNames: string[]) => ['COMMAND', 'DOCS', ...commandNames],
    (reply, buffers): Record<string, CommandDoc> =>
      shapeReply(reply, DOCS_SHAPE, buffers) as Record<string, CommandDoc>,
  ),
};
