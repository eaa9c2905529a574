/**
 * The server matrix repeats a chosen set of integration files per build (scripts/matrix-files.ts): every
 * file is classified, in one list only, so none leaves the matrix without a stated reason.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ONCE, PER_SERVER } from '../../scripts/matrix-files.js';

const files = readdirSync(new URL('../integration/', import.meta.url))
  .filter((file) => file.endsWith('.test.ts'))
  .map((file) => file.slice(0, -'.test.ts'.length))
  .sort();

describe('server matrix file lists', () => {
  it('classify every integration file exactly once, with a reason', () => {
    const unclassified = files.filter((file) => !PER_SERVER.has(file) && !ONCE.has(file));
    const both = files.filter((file) => PER_SERVER.has(file) && ONCE.has(file));
    const stale = [...PER_SERVER.keys(), ...ONCE.keys()].filter((file) => !files.includes(file));
    expect({ unclassified, both, stale }).toEqual({ unclassified: [], both: [], stale: [] });
    for (const reason of [...PER_SERVER.values(), ...ONCE.values()])
      expect(reason.length).toBeGreaterThan(10);
  });
});
