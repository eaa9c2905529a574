/**
 * The option and flag tables (docs/configuration.md, docs/cli.md) against the code: every option a table names is one the config
 * validator (or the CLI's argument parser) accepts, and every option they accept is in a table. A new
 * option without a row, or a row for an option that went away, fails here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DOCTOR_OPTIONS } from '../../src/cli/doctor-command.js';
import { LAB_OPTIONS } from '../../src/cli/lab-command.js';
import { PROXY_OPTIONS } from '../../src/cli/proxy-command.js';
import {
  ADDRESS_KEYS,
  CLUSTER_KEYS,
  COMMON_KEYS,
  SENTINEL_KEYS,
  TOPOLOGY_KEYS,
} from '../../src/client/normalize-config.js';

// The option tables live in docs/configuration.md, the flag table in docs/cli.md (README links to both).
const readme = ['docs/configuration.md', 'docs/cli.md']
  .map((page) => readFileSync(new URL(`../../${page}`, import.meta.url), 'utf8'))
  .join('\n');

/** The rows of the first table after the line that starts with `heading`. */
function tableAfter(heading: string): string[][] {
  const lines = readme.split('\n');
  const start = lines.findIndex((line) => line.startsWith(heading));
  if (start < 0)
    throw new Error(`docs/configuration.md or docs/cli.md has no line starting with "${heading}"`);
  let i = start + 1;
  while (i < lines.length && !lines[i].startsWith('|')) i++;
  const rows: string[][] = [];
  for (i += 2; i < lines.length && lines[i].startsWith('|'); i++) {
    rows.push(
      lines[i]
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim()),
    );
  }
  return rows;
}

/** Option names in a table's first column (`a`, `b` → a, b), sorted. */
function optionNames(heading: string, column = 0): string[] {
  const names = tableAfter(heading).flatMap((row) =>
    [...row[column].matchAll(/`([^`]+)`/g)].map((m) => m[1].replace(/^--/, '').split(' ')[0]),
  );
  return [...new Set(names)].sort();
}

const sorted = (values: Iterable<string>) => [...new Set(values)].sort();

describe('option tables in docs/ match the code', () => {
  it("options shared by every topology = the validator's common options", () => {
    expect(optionNames('Options shared by every topology')).toEqual(sorted(COMMON_KEYS));
  });

  it("where-the-server-is options = the validator's topology options and url", () => {
    expect(optionNames('Where the server is')).toEqual(sorted([...TOPOLOGY_KEYS, 'url']));
  });

  it("cluster, sentinel and address option tables = the validator's nested options", () => {
    expect(optionNames('Cluster options (')).toEqual(sorted(CLUSTER_KEYS));
    expect(optionNames('Sentinel options (')).toEqual(sorted(SENTINEL_KEYS));
    expect(optionNames('Address options (')).toEqual(sorted(ADDRESS_KEYS));
  });

  it('the command-line table = the flags each command parses', () => {
    const rows = tableAfter('# Command line');
    const flagsOf = (command: string) =>
      sorted(
        rows.filter((row) => row[0] === `\`${command}\``).map((row) => /`--([^` ]+)/.exec(row[1])?.[1] ?? ''),
      );
    expect(flagsOf('proxy')).toEqual(sorted(Object.keys(PROXY_OPTIONS)));
    expect(flagsOf('doctor')).toEqual(sorted(Object.keys(DOCTOR_OPTIONS)));
    expect(flagsOf('lab up')).toEqual(sorted(Object.keys(LAB_OPTIONS)));
  });
});
