/**
 * Generates the typed command methods, src/commands/generated/methods/<group>.ts and
 * src/commands/generated/command-methods.ts, from the command specifications (Valkey 8.0.1's
 * src/commands/*.json, BSD-3-Clause) vendored in vendor/command-specs, and the project's own specs of
 * Redis 7.4's additions in specs/redis-7.4.
 *
 *   npx tsx scripts/generate-command-methods.ts [specsDir]
 *
 * Every command and subcommand of Redis 7.0, 7.2 and 7.4 and of Valkey 8.0 gets a definition, the SENTINEL
 * subcommands too (refused unsent on a server not in sentinel mode). Each carries which servers have it: the spec's `since` is a Redis version; the
 * Valkey specs mark Valkey's own commands with a Valkey version (`since` >= 8.0.0), which no Redis has;
 * Redis 7.4's additions are in no Valkey up to 8.0. Naming: the command name in camelCase, a
 * subcommand joined to its container (`CLUSTER SLOTS` → `clusterSlots`, `CONFIG GET` → `configGet`,
 * `CLIENT NO-EVICT` → `clientNoEvict`, `GEORADIUS_RO` → `georadiusRo`); commands with a WITHSCORES option
 * get a second method `<name>WithScores` returning `{ member, score }` entries. Parameters follow
 * src/commands/argument-grammar.ts (planArguments); reply types come from `reply_schema`.
 *
 * The output is deterministic so that test/unit/command-methods-stale.test.ts can compare a fresh render
 * with the committed files.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  type ArgNode,
  MULTIPLE,
  MULTIPLE_TOKEN,
  OPTIONAL,
  planArguments,
  tokenWords,
} from '../src/commands/argument-grammar.js';
import type { ReplyShape } from '../src/commands/reply-shapes.js';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_SPECS_DIR = join(REPO_ROOT, 'vendor', 'command-specs');
export const OUTPUT_DIR = join(REPO_ROOT, 'src', 'commands', 'generated');
/** Specs written by this project from the documented syntax (not copied from any server's source). */
export const HAND_WRITTEN_SPECS_DIR = join(REPO_ROOT, 'specs', 'redis-7.4');
/** In the Valkey specs, a command whose `since` is at least this is Valkey's own (no Redis has it). */
export const VALKEY_OWN_SINCE = '8.0.0';

interface SpecArg {
  name: string;
  type: string;
  token?: string;
  optional?: boolean;
  multiple?: boolean;
  multiple_token?: boolean;
  since?: string;
  deprecated_since?: string;
  arguments?: SpecArg[];
}

// biome-ignore lint/suspicious/noExplicitAny: JSON Schema fragments are open-ended.
type Schema = any;

interface SpecCommand {
  summary?: string;
  complexity?: string;
  group: string;
  since: string;
  container?: string;
  deprecated_since?: string;
  replaced_by?: string;
  doc_flags?: string[];
  arguments?: SpecArg[];
  reply_schema?: Schema;
}

interface Command {
  words: string[];
  spec: SpecCommand;
}

interface Method {
  name: string;
  group: string;
  source: string;
  optionsInterface: string;
}

export function compareVersions(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * The `since` argument of `command(...)`: the Redis version, or the flavors for a Valkey-only command;
 * SENTINEL subcommands are marked as needing a server in sentinel mode.
 */
function availabilitySource(spec: SpecCommand): string {
  const since = spec.since;
  const valkeyOwn = compareVersions(since, VALKEY_OWN_SINCE) >= 0;
  if (spec.group === 'sentinel') {
    const valkey =
      valkeyOwn || compareVersions(since, '7.2.4') <= 0 ? quote(valkeyOwn ? since : '7.2.4') : 'null';
    return `{ redis: ${valkeyOwn ? 'null' : quote(since)}, valkey: ${valkey}, sentinel: true }`;
  }
  if (valkeyOwn) return `{ redis: null, valkey: ${quote(since)} }`;
  return quote(since);
}

function camel(words: string): string {
  const parts = words
    .toLowerCase()
    .split(/[\s_\-|:.]+/)
    .filter((part) => part !== '');
  return parts.map((part, i) => (i === 0 ? part : part[0].toUpperCase() + part.slice(1))).join('');
}

function pascal(name: string): string {
  return name[0].toUpperCase() + name.slice(1);
}

function propertyName(key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : `'${key}'`;
}

function quote(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function readCommands(specsDirs: readonly string[]): Command[] {
  const files = specsDirs.flatMap((dir) =>
    readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => join(dir, name)),
  );
  const all: Command[] = [];
  for (const file of files) {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Record<string, SpecCommand>;
    for (const [name, spec] of Object.entries(parsed)) {
      const words = spec.container === undefined ? [name] : [spec.container, name];
      all.push({ words: words.map((w) => w.toUpperCase()), spec });
    }
  }
  const containers = new Set(all.filter((c) => c.spec.container !== undefined).map((c) => c.words[0]));
  return all
    .filter((c) => c.spec.group !== 'sentinel' || c.words.length === 2)
    .filter((c) => !(c.words.length === 1 && containers.has(c.words[0])))
    .sort((a, b) => (camel(a.words.join(' ')) < camel(b.words.join(' ')) ? -1 : 1));
}

// ---------- arguments ----------

function toNode(arg: SpecArg): ArgNode {
  let flags = 0;
  if (arg.optional) flags |= OPTIONAL;
  if (arg.multiple) flags |= MULTIPLE;
  if (arg.multiple_token) flags |= MULTIPLE_TOKEN;
  const token = arg.token ?? '';
  const key = token !== '' && /^[A-Za-z][A-Za-z0-9_-]*$/.test(token) ? token : camel(arg.name);
  if (arg.type === 'pure-token') return ['t', key, token, flags];
  if (arg.type === 'oneof' || arg.type === 'block') {
    const children = (arg.arguments ?? []).map(toNode);
    return [arg.type === 'oneof' ? 'o' : 'b', key, token, flags, children];
  }
  return ['v', key, token, flags];
}

const valueTypes = new Map<string, string>();

function valueType(node: ArgNode): string {
  return valueTypes.get(node.join('\u0000')) ?? 'RedisValue';
}

function scalarType(arg: SpecArg): string {
  switch (arg.type) {
    case 'key':
      return 'RedisKey';
    case 'integer':
      return arg.name === 'cursor' ? 'number | string' : 'number';
    case 'double':
    case 'unix-time':
      return 'number';
    default:
      return 'RedisValue';
  }
}

function registerValueTypes(arg: SpecArg, node: ArgNode): void {
  if (node[0] === 'v') valueTypes.set(node.join('\u0000'), scalarType(arg));
  const children = arg.arguments ?? [];
  children.forEach((child, i) => {
    registerValueTypes(child, (node[4] ?? [])[i]);
  });
}

function withMultiple(node: ArgNode, type: string): string {
  if ((node[3] & MULTIPLE) === 0) return type;
  return /^[A-Za-z]+$/.test(type) ? `${type}[]` : `Array<${type}>`;
}

/** The TS type of a node's value (without optionality). */
function nodeType(node: ArgNode): string {
  return withMultiple(node, singleType(node));
}

function singleType(node: ArgNode): string {
  switch (node[0]) {
    case 'v':
      return valueType(node);
    case 't':
    case 'n':
      return 'true';
    case 'b':
      return objectType(node[4] ?? []);
    case 'o': {
      const alternatives = node[4] ?? [];
      const plain = alternatives.filter((a) => a[0] === 'v' && a[2] === '');
      const parts: string[] = [];
      for (const alternative of alternatives) {
        const words = tokenWords(alternative);
        if (alternative[0] === 't') parts.push(quote(alternative[2]));
        else if (words !== undefined) parts.push(quote(words.join(' ')));
        else if (plain.length === 1 && alternative === plain[0]) parts.push(nodeType(alternative));
        else parts.push(`{ ${propertyName(alternative[1])}: ${nodeType(alternative)} }`);
      }
      return [...new Set(parts)].join(' | ');
    }
  }
}

function objectType(children: readonly ArgNode[]): string {
  const settable = children.filter((child) => child[0] !== 't' || (child[3] & OPTIONAL) !== 0);
  const fields = settable.map((child) => {
    const optional = (child[3] & OPTIONAL) !== 0;
    const type = child[0] === 't' ? 'boolean' : nodeType(child);
    return `${propertyName(child[1])}${optional ? '?' : ''}: ${type}`;
  });
  return `{ ${fields.join('; ')} }`;
}

function paramName(spec: SpecArg, used: Set<string>): string {
  let name = camel(spec.name);
  if (!/^[a-z_$][A-Za-z0-9_$]*$/.test(name) || RESERVED.has(name)) name = `${name}Arg`;
  while (used.has(name)) name = `${name}2`;
  used.add(name);
  return name;
}

const RESERVED = new Set(['function', 'default', 'delete', 'new', 'class', 'return', 'type', 'in', 'for']);

function renderParams(
  nodes: readonly ArgNode[],
  specs: readonly SpecArg[],
  optionsType: string,
): { params: string; optionsInterface: string } {
  const plan = planArguments(nodes);
  const params: string[] = [];
  const used = new Set<string>();
  const optionNodes: ArgNode[] = [];
  nodes.forEach((node, i) => {
    const binding = plan.bindings[i];
    if (binding.kind === 'constant' || binding.kind === 'count') return;
    if (binding.kind === 'option') {
      optionNodes.push(node);
      return;
    }
    const name = paramName(specs[i], used);
    const optional = (node[3] & OPTIONAL) !== 0;
    if (binding.rest) params.push(`...${name}: ${withMultiple(node, singleType(node))}`);
    else params.push(`${name}${optional ? '?' : ''}: ${nodeType(node)}`);
  });
  let optionsInterface = '';
  if (plan.optionsIndex >= 0) {
    const fields = optionNodes.map((node) => {
      const type = node[0] === 't' ? 'boolean' : nodeType(node);
      return `  ${propertyName(node[1])}?: ${type};`;
    });
    optionsInterface = `export interface ${optionsType} {\n${fields.join('\n')}\n}\n`;
    params.push(`options?: ${optionsType}`);
  }
  return { params: params.join(', '), optionsInterface };
}

// ---------- replies ----------

interface Reply {
  type: string;
  shape: ReplyShape;
}

const RAW: Reply = { type: 'RespValue', shape: 'r' };

function replyOf(schema: Schema): Reply {
  if (schema === undefined || schema === null || typeof schema !== 'object') return RAW;
  if ('const' in schema) {
    const value = schema.const;
    if (typeof value === 'string') return { type: quote(value), shape: 'r' };
    if (typeof value === 'number') return { type: String(value), shape: 'n' };
    return RAW;
  }
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(alternatives)) return unionOf(alternatives.map(replyOf));
  switch (schema.type) {
    case 'string':
      return { type: 'string', shape: 's' };
    case 'integer':
    case 'number':
      return { type: 'number', shape: 'n' };
    case 'boolean':
      return { type: 'boolean', shape: 'b' };
    case 'null':
      return { type: 'null', shape: 'r' };
    case 'array':
      return arrayOf(schema);
    case 'object':
      return objectOf(schema);
    default:
      return RAW;
  }
}

function unionOf(replies: Reply[]): Reply {
  const types: string[] = [];
  const shapes: ReplyShape[] = [];
  const seen = new Set<string>();
  for (const reply of replies) {
    if (!types.includes(reply.type)) types.push(reply.type);
    const inner = typeof reply.shape !== 'string' && reply.shape[0] === 'u' ? reply.shape[1] : [reply.shape];
    if (reply.type === 'null') continue;
    for (const shape of inner) {
      const key = JSON.stringify(shape);
      if (seen.has(key)) continue;
      seen.add(key);
      shapes.push(shape);
    }
  }
  if (types.includes('RespValue')) return RAW;
  const type = types.join(' | ');
  if (shapes.length === 0) return { type, shape: 'r' };
  if (shapes.length === 1) return { type, shape: shapes[0] };
  return { type, shape: ['u', shapes] };
}

function arrayOf(schema: Schema): Reply {
  const items = schema.items;
  if (Array.isArray(items)) {
    const parts = items.map(replyOf);
    const rest = schema.additionalItems ? replyOf(schema.additionalItems) : undefined;
    const restType = rest === undefined ? '' : `, ...${wrapArray(rest.type)}[]`;
    return {
      type: `[${parts.map((p) => p.type).join(', ')}${restType}]`,
      shape: ['t', parts.map((p) => p.shape), rest?.shape ?? 'r'],
    };
  }
  if (items === undefined) return { type: 'RespValue[]', shape: ['a', 'r', 1] };
  const element = replyOf(items);
  let width = 1;
  if (Array.isArray(items.items) && items.minItems === items.maxItems && items.items.length > 1) {
    width = items.items.length;
  }
  return { type: `${wrapArray(element.type)}[]`, shape: ['a', element.shape, width] };
}

function wrapArray(type: string): string {
  return /^[A-Za-z'[\]]+$/.test(type) || type.startsWith('{') || type.startsWith('[') ? type : `(${type})`;
}

function objectOf(schema: Schema): Reply {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const known: Record<string, ReplyShape> = {};
  const fields: string[] = [];
  for (const key of Object.keys(properties)) {
    const reply = replyOf(properties[key]);
    known[key] = reply.shape;
    fields.push(`${propertyName(key)}?: ${reply.type}`);
  }
  let rest: Reply | undefined;
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
    rest = replyOf(schema.additionalProperties);
  } else if (schema.patternProperties) {
    rest = unionOf(Object.values(schema.patternProperties as Record<string, Schema>).map(replyOf));
  }
  if (fields.length === 0) {
    const value = rest ?? RAW;
    return { type: `Record<string, ${value.type}>`, shape: ['m', value.shape] };
  }
  if (rest !== undefined) fields.push('[key: string]: unknown');
  return { type: `{ ${fields.join('; ')} }`, shape: ['o', known, rest?.shape ?? 'r'] };
}

function renderShape(shape: ReplyShape): string {
  if (typeof shape === 'string') return quote(shape);
  switch (shape[0]) {
    case 'a':
      return `['a', ${renderShape(shape[1])}, ${shape[2]}]`;
    case 't':
      return `['t', [${shape[1].map(renderShape).join(', ')}], ${renderShape(shape[2])}]`;
    case 'm':
      return `['m', ${renderShape(shape[1])}]`;
    case 'o': {
      const entries = Object.keys(shape[1]).map((k) => `${propertyName(k)}: ${renderShape(shape[1][k])}`);
      return `['o', { ${entries.join(', ')} }, ${renderShape(shape[2])}]`;
    }
    case 'u':
      return `['u', [${shape[1].map(renderShape).join(', ')}]]`;
  }
}

function renderNode(node: ArgNode): string {
  const head = `'${node[0]}', ${quote(node[1])}, ${quote(node[2])}, ${node[3]}`;
  if (node[4] === undefined) return `[${head}]`;
  return `[${head}, [${node[4].map(renderNode).join(', ')}]]`;
}

// ---------- docs ----------

function docText(text: string): string {
  return text.replace(/\*\//g, '*\\/').replace(/@/g, '\\@').replace(/\s+/g, ' ').trim();
}

function replyDescriptions(schema: Schema): string[] {
  if (schema === undefined || schema === null || typeof schema !== 'object') return [];
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(alternatives)) return alternatives.flatMap(replyDescriptions);
  return typeof schema.description === 'string' ? [schema.description] : [];
}

function renderDoc(command: Command, extra: string[], replyType: string, looseReply: boolean): string {
  const spec = command.spec;
  const lines: string[] = [`${docText(spec.summary ?? command.words.join(' '))}`, ''];
  lines.push(`\`${command.words.join(' ')}\` · group ${spec.group} · since ${spec.since}.`);
  if (spec.complexity) lines.push(`Complexity: ${docText(spec.complexity)}`);
  for (const line of extra) lines.push(line);
  const descriptions = replyDescriptions(spec.reply_schema);
  if (descriptions.length > 0) {
    lines.push('', '@returns', ...descriptions.map((d) => `- ${docText(d)}`));
  } else {
    lines.push('', `@returns ${looseReply ? 'the raw reply' : replyType}`);
  }
  if (looseReply) {
    lines.push(
      '',
      'The spec gives no precise reply schema: the reply is the raw `RespValue` (RESP3 maps stay `Map`s, RESP2 sends arrays).',
    );
  }
  if (spec.deprecated_since) {
    const replacement = spec.replaced_by ? ` Use ${docText(spec.replaced_by)} instead.` : '';
    lines.push('', `@deprecated since ${spec.deprecated_since}.${replacement}`);
  }
  lines.push(`@since ${spec.since}`);
  return ['  /**', ...lines.map((line) => (line === '' ? '   *' : `   * ${line}`)), '   */'].join('\n');
}

// ---------- methods ----------

const SCORED: Reply = { type: 'ScoredMember[]', shape: 'r' };
const FIELD_VALUES: Reply = { type: 'FieldValue[]', shape: 'r' };

/** An optional WITHSCORES / WITHVALUES token inside a top-level block (ZRANDMEMBER, HRANDFIELD). */
function nestedPairToken(nodes: readonly ArgNode[]): { block: number; child: number } | undefined {
  for (let block = 0; block < nodes.length; block++) {
    const node = nodes[block];
    if (node[0] !== 'b') continue;
    const child = (node[4] ?? []).findIndex(
      (c) => c[0] === 't' && (c[2] === 'WITHSCORES' || c[2] === 'WITHVALUES') && (c[3] & OPTIONAL) !== 0,
    );
    if (child >= 0) return { block, child };
  }
  return undefined;
}

/** The reply schema without its list-of-pairs alternative (what the command answers without WITH...). */
function withoutPairs(schema: Schema): Schema {
  const key = schema?.anyOf !== undefined ? 'anyOf' : schema?.oneOf !== undefined ? 'oneOf' : undefined;
  if (key === undefined) return schema;
  const kept = (schema[key] as Schema[]).filter(
    (alt) => !(alt?.type === 'array' && alt.items?.type === 'array'),
  );
  return { ...schema, [key]: kept };
}

function renderMethod(command: Command): Method[] {
  const spec = command.spec;
  const name = camel(command.words.join(' '));
  const args = spec.arguments ?? [];
  const nodes = args.map((arg, i): ArgNode => {
    const next = args[i + 1];
    if (arg.name === 'numkeys' && arg.type === 'integer' && next?.type === 'key' && next.multiple) {
      return ['n', 'numkeys', '', 0];
    }
    // HEXPIRE ... FIELDS numfields field [field ...]: the count is the length of the field list.
    if (arg.name === 'numfields' && arg.type === 'integer' && next?.multiple) {
      return ['n', 'numfields', '', 0];
    }
    const node = toNode(arg);
    registerValueTypes(arg, node);
    return node;
  });
  const withScores = nodes.findIndex((n) => n[0] === 't' && n[2] === 'WITHSCORES' && (n[3] & OPTIONAL) !== 0);
  const nested = withScores < 0 ? nestedPairToken(nodes) : undefined;
  if (nested !== undefined) return renderNestedPairs(command, name, nodes, args, nested);
  if (withScores < 0) {
    return [build(command, name, nodes, args, replyOf(spec.reply_schema), 'shape', [])];
  }
  const baseNodes = nodes.filter((_, i) => i !== withScores);
  const baseArgs = args.filter((_, i) => i !== withScores);
  const base = build(command, name, baseNodes, baseArgs, stringsReply(spec.reply_schema), 'shape', [
    `Without WITHSCORES: see \`${name}WithScores\` for members with their scores.`,
  ]);
  const scoredNodes = nodes.map((n, i): ArgNode => (i === withScores ? ['t', n[1], n[2], 0] : n));
  const scored = build(command, `${name}WithScores`, scoredNodes, args, SCORED, 'scored', [
    'With WITHSCORES: resolves to `{ member, score }` entries (the same on RESP2 and RESP3).',
  ]);
  return [base, scored];
}

/**
 * ZRANDMEMBER key [count [WITHSCORES]], HRANDFIELD key [count [WITHVALUES]]: the base method never sends the
 * token (its reply is a member, or a list of them); `<name>WithScores` / `<name>WithValues` requires the
 * count and resolves to `{ member, score }` / `{ field, value }` entries on both protocols.
 */
function renderNestedPairs(
  command: Command,
  name: string,
  nodes: ArgNode[],
  args: SpecArg[],
  at: { block: number; child: number },
): Method[] {
  const block = nodes[at.block];
  const children = block[4] ?? [];
  const token = children[at.child][2];
  const baseNodes = nodes.map(
    (n, i): ArgNode =>
      i === at.block ? [n[0], n[1], n[2], n[3], children.filter((_, j) => j !== at.child)] : n,
  );
  const pairedNodes = nodes.map(
    (n, i): ArgNode =>
      i === at.block
        ? [
            n[0],
            n[1],
            n[2],
            n[3] & ~OPTIONAL,
            children.map((c, j) => (j === at.child ? [c[0], c[1], c[2], 0] : c)),
          ]
        : n,
  );
  const scores = token === 'WITHSCORES';
  const variant = `${name}${scores ? 'WithScores' : 'WithValues'}`;
  const entry = scores ? '`{ member, score }`' : '`{ field, value }`';
  const base = build(
    command,
    name,
    baseNodes,
    args,
    replyOf(withoutPairs(command.spec.reply_schema)),
    'shape',
    [`Without ${token}: see \`${variant}\` for ${entry} entries.`],
  );
  const paired = build(
    command,
    variant,
    pairedNodes,
    args,
    scores ? SCORED : FIELD_VALUES,
    scores ? 'scored' : 'fieldValues',
    [`With ${token}: resolves to ${entry} entries (the same on RESP2 and RESP3).`],
  );
  return [base, paired];
}

function stringsReply(schema: Schema): Reply {
  const reply = replyOf(schema);
  if (reply.type.includes('string[]')) return { type: 'string[]', shape: ['a', 's', 1] };
  return reply;
}

function build(
  command: Command,
  name: string,
  nodes: ArgNode[],
  args: SpecArg[],
  reply: Reply,
  transform: 'shape' | 'scored' | 'fieldValues',
  extra: string[],
): Method {
  const { params, optionsInterface } = renderParams(nodes, args, `${pascal(name)}Options`);
  const loose = reply.type === 'RespValue';
  const doc = renderDoc(command, extra, reply.type, loose);
  const prefix = `[${command.words.map(quote).join(', ')}]`;
  const grammar = `[${nodes.map(renderNode).join(', ')}]`;
  const how =
    transform === 'scored'
      ? 'toScoredMembers'
      : transform === 'fieldValues'
        ? 'toFieldValues'
        : renderShape(reply.shape);
  const source =
    `${doc}\n  ${name}: command<[${params}], ${reply.type}>(\n` +
    `    ${prefix},\n    ${availabilitySource(command.spec)},\n    ${grammar},\n    ${how},\n  ),`;
  return { name, group: command.spec.group, source, optionsInterface };
}

function renderHeader(specsDir: string): string {
  const copying = readFileSync(join(specsDir, 'COPYING'), 'utf8').replace(/\r\n/g, '\n').trimEnd();
  const licenseLines = copying.split('\n').map((line) => (line === '' ? ' *' : ` * ${line}`.trimEnd()));
  return [
    '/*',
    ' * GENERATED FILE - DO NOT EDIT. Regenerate with:',
    ' *   npx tsx scripts/generate-command-methods.ts',
    ' *',
    ' * Derived from the command specifications (JSON) of the Valkey server, src/commands, vendored in',
    " * vendor/command-specs (see its README.md), and from this project's own specs in specs/redis-7.4",
    ' * (written from the documented syntax). The Valkey data is distributed under the following license:',
    ' *',
    ...licenseLines,
    ' */',
    '',
  ].join('\n');
}

function groupConst(group: string): string {
  return `${camel(group)}Commands`;
}

/** Renders every generated file: relative path → source. */
export function renderCommandMethods(
  specsDir: string = DEFAULT_SPECS_DIR,
  handWrittenDir: string = HAND_WRITTEN_SPECS_DIR,
): Map<string, string> {
  valueTypes.clear();
  const commands = readCommands([specsDir, handWrittenDir]);
  const methods = commands.flatMap(renderMethod);
  const groups = [...new Set(methods.map((m) => m.group))].sort();
  const header = renderHeader(specsDir);
  const files = new Map<string, string>();
  for (const group of groups) {
    const inGroup = methods.filter((m) => m.group === group);
    const body = inGroup.map((m) => m.source).join('\n');
    const interfaces = inGroup.map((m) => m.optionsInterface).filter((s) => s !== '');
    const uses = (word: string) => body.includes(word) || interfaces.some((s) => s.includes(word));
    const typeImports = ['FieldValue', 'RedisKey', 'RedisValue', 'ScoredMember'].filter(uses);
    const lines = [
      header,
      "import type { RespValue } from '../../../resp/index.js';",
      "import { command } from '../../generated-command.js';",
    ];
    if (typeImports.length > 0) {
      lines.push(`import type { ${typeImports.join(', ')} } from '../../reply-transforms.js';`);
    }
    const transforms = ['toFieldValues', 'toScoredMembers'].filter((t) => body.includes(t));
    if (transforms.length > 0)
      lines.push(`import { ${transforms.join(', ')} } from '../../reply-transforms.js';`);
    lines.push('');
    for (const declaration of interfaces)
      lines.push(`/** Options of {@link ${groupConst(group)}}. */`, declaration);
    lines.push(
      `/** Commands of the ${group} group. */`,
      `export const ${groupConst(group)} = {`,
      body,
      '};',
      '',
    );
    let source = lines.join('\n');
    if (!body.includes('RespValue') && !interfaces.some((s) => s.includes('RespValue'))) {
      source = source.replace("import type { RespValue } from '../../../resp/index.js';\n", '');
    }
    files.set(`methods/${group}.ts`, source);
  }
  const index = [
    header,
    ...groups.map((g) => `import { ${groupConst(g)} } from './methods/${g}.js';`),
    '',
    ...groups.map((g) => `export type * from './methods/${g}.js';`),
    '',
    '/** Every command and subcommand of Redis 7.0-7.4 and Valkey 8.0, generated from the specs (name → definition). */',
    'export const generatedCommands = {',
    ...groups.map((g) => `  ...${groupConst(g)},`),
    '};',
    '',
    '/** The generated table type. */',
    'export type GeneratedCommands = typeof generatedCommands;',
    '',
    `/** Method names by command group. */`,
    'export const COMMAND_GROUPS: Readonly<Record<string, readonly string[]>> = {',
    ...groups.map(
      (g) =>
        `  ${propertyName(g)}: [${methods
          .filter((m) => m.group === g)
          .map((m) => quote(m.name))
          .join(', ')}],`,
    ),
    '};',
    '',
  ].join('\n');
  files.set('command-methods.ts', index);
  return files;
}

function main(): void {
  const specsDir = resolve(process.argv[2] ?? DEFAULT_SPECS_DIR);
  const files = renderCommandMethods(specsDir);
  rmSync(join(OUTPUT_DIR, 'methods'), { recursive: true, force: true });
  mkdirSync(join(OUTPUT_DIR, 'methods'), { recursive: true });
  let bytes = 0;
  for (const [path, source] of files) {
    writeFileSync(join(OUTPUT_DIR, path), source);
    bytes += source.length;
  }
  process.stdout.write(
    `wrote ${files.size} files under ${relative(process.cwd(), OUTPUT_DIR)} (${bytes} bytes) from ${specsDir}\n`,
  );
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main();
}
