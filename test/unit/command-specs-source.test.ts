/**
 * Where the vendored command specs come from: vendor/command-specs is Valkey 8.0.1's src/commands, and
 * Redis 7.2.6's specs (the other BSD source) name the same commands with the same `since`, minus Valkey's
 * own (`since` 8.0.0). Checked against the source archives in ../shared/servers/src when present.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_SPECS_DIR,
  HAND_WRITTEN_SPECS_DIR,
  REPO_ROOT,
} from '../../scripts/generate-command-table.js';
import { compareVersions } from '../../src/commands/server-version.js';

const SOURCES = [join(REPO_ROOT, '..', 'shared', 'servers', 'src'), '/work/shared/servers/src'].find((dir) =>
  existsSync(join(dir, 'valkey-8.0.1.tar.gz')),
);
if (SOURCES === undefined) console.log('skipping the spec source checks: ../shared/servers/src absent');

const scratch = mkdtempSync(join(tmpdir(), 'slotbridge-specs-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Extracts `<name>/src/commands/*.json` from a source archive; returns that folder. */
function extractSpecs(name: string): string {
  execFileSync('tar', [
    'xzf',
    join(SOURCES as string, `${name}.tar.gz`),
    '-C',
    scratch,
    '--wildcards',
    `${name}/src/commands/*.json`,
  ]);
  return join(scratch, name, 'src', 'commands');
}

/** Command name ("CLIENT NO-TOUCH") → since, for every spec in a folder. */
function sinceByCommand(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.json'))) {
    const parsed = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<
      string,
      { since: string; container?: string }
    >;
    for (const [name, spec] of Object.entries(parsed)) {
      out.set((spec.container === undefined ? name : `${spec.container} ${name}`).toUpperCase(), spec.since);
    }
  }
  return out;
}

describe('command spec sources', () => {
  it.skipIf(SOURCES === undefined)('vendor/command-specs is a copy of Valkey 8.0.1 src/commands', () => {
    const valkey = extractSpecs('valkey-8.0.1');
    const files = readdirSync(valkey).sort();
    expect(
      readdirSync(DEFAULT_SPECS_DIR)
        .filter((name) => name.endsWith('.json'))
        .sort(),
    ).toEqual(files);
    for (const file of files) {
      const same = readFileSync(join(DEFAULT_SPECS_DIR, file)).equals(readFileSync(join(valkey, file)));
      expect(same, `vendor/command-specs/${file}`).toBe(true);
    }
  });

  it.skipIf(SOURCES === undefined)(
    "Redis 7.2.6's specs have the vendored commands and since values, minus Valkey's own",
    () => {
      const redis = sinceByCommand(extractSpecs('redis-7.2.6'));
      const vendored = sinceByCommand(DEFAULT_SPECS_DIR);
      const valkeyOwn = [...vendored]
        .filter(([, since]) => compareVersions(since, '8.0.0') >= 0)
        .map(([name]) => name);
      expect(valkeyOwn.sort()).toEqual([
        'CLIENT CAPA',
        'CLUSTER SLOT-STATS',
        'SCRIPT SHOW',
        'SENTINEL GET-PRIMARY-ADDR-BY-NAME',
        'SENTINEL IS-PRIMARY-DOWN-BY-ADDR',
        'SENTINEL PRIMARIES',
        'SENTINEL PRIMARY',
      ]);
      const shared = new Map([...vendored].filter(([name]) => !valkeyOwn.includes(name)));
      expect(redis).toEqual(shared);
    },
  );

  it('the hand-written Redis 7.4 specs name commands no vendored spec has', () => {
    const vendored = sinceByCommand(DEFAULT_SPECS_DIR);
    const own = sinceByCommand(HAND_WRITTEN_SPECS_DIR);
    expect([...own.keys()].sort()).toEqual([
      'HEXPIRE',
      'HEXPIREAT',
      'HEXPIRETIME',
      'HPERSIST',
      'HPEXPIRE',
      'HPEXPIREAT',
      'HPEXPIRETIME',
      'HPTTL',
      'HTTL',
    ]);
    for (const [name, since] of own) {
      expect(vendored.has(name), name).toBe(false);
      expect(since).toBe('7.4.0');
    }
  });
});
