/**
 * Generates src/commands/generated/command-table.ts from the command specifications (Valkey 8.0.1's
 * src/commands/*.json, BSD-3-Clause) vendored in vendor/command-specs, plus the project's own hand-written
 * specs of commands those lack (specs/redis-7.4: Redis 7.4's hash-field expiration).
 *
 *   npx tsx scripts/generate-command-table.ts [specsDir]
 *
 * The output is deterministic (commands, flags and policies sorted by name) so that
 * test/unit/command-table-stale.test.ts can compare a fresh render with the committed file.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_SPECS_DIR = join(REPO_ROOT, 'vendor', 'command-specs');
/** Specs written by this project from the documented syntax (not copied from any server's source). */
export const HAND_WRITTEN_SPECS_DIR = join(REPO_ROOT, 'specs', 'redis-7.4');
export const OUTPUT_FILE = join(REPO_ROOT, 'src', 'commands', 'generated', 'command-table.ts');

interface SpecKeySpec {
  flags?: string[];
  begin_search: {
    index?: { pos: number };
    keyword?: { keyword: string; startfrom: number };
    unknown?: null;
  };
  find_keys: {
    range?: { lastkey: number; step: number; limit: number };
    keynum?: { keynumidx: number; firstkey: number; step: number };
    unknown?: null;
  };
}

interface SpecCommand {
  since: string;
  arity: number;
  container?: string;
  command_flags?: string[];
  acl_categories?: string[];
  command_tips?: string[];
  key_specs?: SpecKeySpec[];
}

interface Command {
  name: string;
  arity: number;
  flags: string[];
  /** Explicit ACL categories of the spec (the server adds implicit ones from the flags). */
  aclCategories: string[];
  since: string;
  keySpecs: SpecKeySpec[];
  tips: string[];
  requestPolicy: string;
  responsePolicy: string;
}

const REQUEST_POLICY = 'REQUEST_POLICY:';
const RESPONSE_POLICY = 'RESPONSE_POLICY:';

function fail(file: string, message: string): never {
  throw new Error(`${file}: ${message}`);
}

function isInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

function readCommands(specsDirs: readonly string[]): Command[] {
  const files = specsDirs.flatMap((dir) =>
    readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => join(dir, name)),
  );
  if (files.length === 0) throw new Error(`${specsDirs.join(', ')}: no command spec (*.json) found`);
  const commands: Command[] = [];
  for (const file of files) {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Record<string, SpecCommand>;
    for (const [shortName, spec] of Object.entries(parsed)) {
      commands.push(toCommand(file, shortName, spec));
    }
  }
  commands.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const names = new Set<string>();
  for (const command of commands) {
    if (names.has(command.name)) throw new Error(`duplicate command ${command.name}`);
    const space = command.name.indexOf(' ');
    if (space >= 0 && !names.has(command.name.slice(0, space))) {
      throw new Error(`${command.name}: its container has no spec`);
    }
    names.add(command.name);
  }
  return commands;
}

function toCommand(file: string, shortName: string, spec: SpecCommand): Command {
  const name = (spec.container === undefined ? shortName : `${spec.container} ${shortName}`).toUpperCase();
  if (!isInteger(spec.arity)) fail(file, `${name}: arity is not an integer`);
  if (typeof spec.since !== 'string') fail(file, `${name}: since is missing`);
  let requestPolicy = '';
  let responsePolicy = '';
  const tips: string[] = [];
  for (const tip of spec.command_tips ?? []) {
    const upper = tip.toUpperCase();
    if (upper.startsWith(REQUEST_POLICY)) {
      if (requestPolicy !== '') fail(file, `${name}: two request policies`);
      requestPolicy = upper.slice(REQUEST_POLICY.length);
    } else if (upper.startsWith(RESPONSE_POLICY)) {
      if (responsePolicy !== '') fail(file, `${name}: two response policies`);
      responsePolicy = upper.slice(RESPONSE_POLICY.length);
    } else {
      tips.push(upper);
    }
  }
  const keySpecs = spec.key_specs ?? [];
  for (const keySpec of keySpecs) checkKeySpec(file, name, keySpec);
  return {
    name,
    arity: spec.arity,
    flags: (spec.command_flags ?? []).map((flag) => flag.toUpperCase()),
    aclCategories: (spec.acl_categories ?? []).map((category) => category.toUpperCase()),
    since: spec.since,
    keySpecs,
    tips,
    requestPolicy,
    responsePolicy,
  };
}

function checkKeySpec(file: string, name: string, keySpec: SpecKeySpec): void {
  const begin = keySpec.begin_search;
  const find = keySpec.find_keys;
  if (begin.index !== undefined) {
    if (!isInteger(begin.index.pos)) fail(file, `${name}: begin_search.index.pos`);
  } else if (begin.keyword !== undefined) {
    const { keyword, startfrom } = begin.keyword;
    if (typeof keyword !== 'string' || !isInteger(startfrom)) fail(file, `${name}: begin_search.keyword`);
  } else if (!('unknown' in begin)) {
    fail(file, `${name}: unsupported begin_search ${JSON.stringify(begin)}`);
  }
  if (find.range !== undefined) {
    const { lastkey, step, limit } = find.range;
    if (!isInteger(lastkey) || !isInteger(step) || step < 1 || !isInteger(limit)) {
      fail(file, `${name}: find_keys.range`);
    }
    if (lastkey < -1 && limit !== 0) fail(file, `${name}: find_keys.range limit needs lastkey -1`);
  } else if (find.keynum !== undefined) {
    const { keynumidx, firstkey, step } = find.keynum;
    if (!isInteger(keynumidx) || !isInteger(firstkey) || !isInteger(step) || step < 1) {
      fail(file, `${name}: find_keys.keynum`);
    }
  } else if (!('unknown' in find)) {
    fail(file, `${name}: unsupported find_keys ${JSON.stringify(find)}`);
  }
}

function sortedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

function bitmask(names: readonly string[], bits: ReadonlyMap<string, number>): number {
  let mask = 0;
  for (const name of names) mask |= bits.get(name)!;
  return mask >>> 0;
}

function bitTable(names: readonly string[]): Map<string, number> {
  if (names.length > 31) throw new Error(`too many flags for a 31-bit mask: ${names.join(', ')}`);
  return new Map(names.map((name, i) => [name, 2 ** i]));
}

function renderBitObject(constName: string, typeName: string, bits: ReadonlyMap<string, number>): string {
  const lines = [...bits].map(([name, bit]) => `  ${name}: ${bit},`);
  return (
    `export const ${constName} = {\n${lines.join('\n')}\n} as const;\n` +
    `export type ${typeName} = keyof typeof ${constName};\n`
  );
}

function renderUnion(typeName: string, values: readonly string[]): string {
  const body = values.length === 0 ? 'never' : values.map((v) => `'${v}'`).join(' | ');
  return `export type ${typeName} = ${body};\n`;
}

function quote(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function renderKeySpec(keySpec: SpecKeySpec, bits: ReadonlyMap<string, number>): string {
  const flags = bitmask(
    (keySpec.flags ?? []).map((f) => f.toUpperCase()),
    bits,
  );
  const begin = keySpec.begin_search;
  const find = keySpec.find_keys;
  let beginText = '[2]';
  if (begin.index !== undefined) beginText = `[0, ${begin.index.pos}]`;
  else if (begin.keyword !== undefined) {
    beginText = `[1, ${quote(begin.keyword.keyword.toUpperCase())}, ${begin.keyword.startfrom}]`;
  }
  let findText = '[2]';
  if (find.range !== undefined) {
    findText = `[0, ${find.range.lastkey}, ${find.range.step}, ${find.range.limit}]`;
  } else if (find.keynum !== undefined) {
    findText = `[1, ${find.keynum.keynumidx}, ${find.keynum.firstkey}, ${find.keynum.step}]`;
  }
  return `[${flags}, ${beginText}, ${findText}]`;
}

function renderHeader(specsDir: string): string {
  const copying = readFileSync(join(specsDir, 'COPYING'), 'utf8').replace(/\r\n/g, '\n').trimEnd();
  const licenseLines = copying.split('\n').map((line) => (line === '' ? ' *' : ` * ${line}`.trimEnd()));
  return [
    '/*',
    ' * GENERATED FILE - DO NOT EDIT. Regenerate with:',
    ' *   npx tsx scripts/generate-command-table.ts',
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

/** Renders the TypeScript source of the command table from every *.json spec in `specsDir`. */
export function renderCommandTable(
  specsDir: string = DEFAULT_SPECS_DIR,
  handWrittenDir: string = HAND_WRITTEN_SPECS_DIR,
): string {
  const commands = readCommands([specsDir, handWrittenDir]);
  const flagBits = bitTable(sortedUnique(commands.flatMap((c) => c.flags)));
  const keyFlagBits = bitTable(
    sortedUnique(
      commands.flatMap((c) => c.keySpecs.flatMap((k) => (k.flags ?? []).map((f) => f.toUpperCase()))),
    ),
  );
  const tipBits = bitTable(sortedUnique(commands.flatMap((c) => c.tips)));
  const requestPolicies = sortedUnique(commands.map((c) => c.requestPolicy).filter((p) => p !== ''));
  const responsePolicies = sortedUnique(commands.map((c) => c.responsePolicy).filter((p) => p !== ''));

  const rows = commands.map((c) => {
    const keySpecs = c.keySpecs.map((k) => renderKeySpec(k, keyFlagBits)).join(', ');
    const fields = [
      quote(c.name),
      String(c.arity),
      String(bitmask(c.flags, flagBits)),
      quote(c.since),
      `[${keySpecs}]`,
      String(bitmask(c.tips, tipBits)),
      quote(c.requestPolicy),
      quote(c.responsePolicy),
    ];
    return `  [${fields.join(', ')}],`;
  });

  return [
    renderHeader(specsDir),
    '/** Bit of each command flag (`command_flags`) in {@link RawCommand} field 2. */',
    renderBitObject('COMMAND_FLAGS', 'CommandFlagName', flagBits),
    '/** Bit of each key-spec flag in {@link RawKeySpec} field 0. */',
    renderBitObject('KEY_SPEC_FLAGS', 'KeySpecFlagName', keyFlagBits),
    '/** Bit of each command tip other than the request/response policies, in {@link RawCommand} field 5. */',
    renderBitObject('COMMAND_TIPS', 'CommandTipName', tipBits),
    '/** `REQUEST_POLICY:*` command tips: how a cluster client should fan the command out. */',
    renderUnion('RequestPolicy', requestPolicies),
    '/** `RESPONSE_POLICY:*` command tips: how a cluster client should merge the replies. */',
    renderUnion('ResponsePolicy', responsePolicies),
    '/** begin_search: [0, pos] index | [1, KEYWORD, startfrom] keyword | [2] unknown. */',
    'export type RawBeginSearch = readonly [0, number] | readonly [1, string, number] | readonly [2];',
    '/** find_keys: [0, lastkey, step, limit] range | [1, keynumidx, firstkey, step] keynum | [2] unknown. */',
    'export type RawFindKeys = readonly [0 | 1, number, number, number] | readonly [2];',
    '/** [flags (KEY_SPEC_FLAGS bits), begin_search, find_keys]. */',
    'export type RawKeySpec = readonly [number, RawBeginSearch, RawFindKeys];',
    '/** [NAME or "CONTAINER SUB", arity, flags, since, key specs, tips, request policy, response policy]. */',
    'export type RawCommand = readonly [',
    '  string,',
    '  number,',
    '  number,',
    '  string,',
    '  readonly RawKeySpec[],',
    '  number,',
    "  RequestPolicy | '',",
    "  ResponsePolicy | '',",
    '];',
    '',
    '/** Every command and subcommand, sorted by name (containers before their subcommands). */',
    'export const COMMANDS: readonly RawCommand[] = [',
    ...rows,
    '];',
    '',
    '/**',
    ' * Commands whose spec names @admin or @dangerous explicitly (`acl_categories`). The server also puts',
    ' * every command flagged ADMIN in both categories; that flag is in {@link COMMANDS}.',
    ' */',
    'export const EXPLICIT_ADMIN_OR_DANGEROUS: readonly string[] = [',
    ...commands
      .filter((c) => c.aclCategories.includes('ADMIN') || c.aclCategories.includes('DANGEROUS'))
      .map((c) => `  ${quote(c.name)},`),
    '];',
    '',
  ].join('\n');
}

function main(): void {
  const specsDir = resolve(process.argv[2] ?? DEFAULT_SPECS_DIR);
  const source = renderCommandTable(specsDir);
  writeFileSync(OUTPUT_FILE, source);
  const count = source.split('\n').filter((line) => line.startsWith("  ['")).length;
  process.stdout.write(
    `wrote ${relative(process.cwd(), OUTPUT_FILE)}: ${count} commands, ${source.length} bytes, from ${specsDir}\n`,
  );
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main();
}
