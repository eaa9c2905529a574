import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SPECS_DIR,
  OUTPUT_DIR,
  renderCommandMethods,
} from '../../scripts/generate-command-methods.js';

const REGENERATE = 'regenerate with: npx tsx scripts/generate-command-methods.ts';

function committedFiles(): Map<string, string> {
  const files = new Map<string, string>();
  files.set('command-methods.ts', readFileSync(join(OUTPUT_DIR, 'command-methods.ts'), 'utf8'));
  for (const name of readdirSync(join(OUTPUT_DIR, 'methods')).sort()) {
    files.set(`methods/${name}`, readFileSync(join(OUTPUT_DIR, 'methods', name), 'utf8'));
  }
  return files;
}

function expectSame(rendered: Map<string, string>): void {
  const committed = committedFiles();
  expect([...committed.keys()].sort(), REGENERATE).toEqual([...rendered.keys()].sort());
  for (const [path, source] of rendered) {
    expect(committed.get(path) === source, `${path}: ${REGENERATE}`).toBe(true);
  }
}

describe('generated command methods', () => {
  it('match a fresh render of vendor/command-specs', () => {
    expectSame(renderCommandMethods(DEFAULT_SPECS_DIR));
  });

  it('carry the license of the source data in every file', () => {
    for (const [path, source] of committedFiles()) {
      expect(source, path).toContain('Copyright (c) 2024-present, Valkey contributors');
      expect(source, path).toContain('Redistributions of source code must retain the above copyright notice');
    }
  });
});
