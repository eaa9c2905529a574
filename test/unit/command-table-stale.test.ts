import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SPECS_DIR,
  OUTPUT_FILE,
  REPO_ROOT,
  renderCommandTable,
} from '../../scripts/generate-command-table.js';

const REGENERATE = 'regenerate with: npx tsx scripts/generate-command-table.ts';
const SHARED_SPECS_DIR = join(REPO_ROOT, '..', 'shared', 'command-specs');
const sharedAbsent = !existsSync(SHARED_SPECS_DIR);
if (sharedAbsent) {
  console.log(`skipping the comparison with ${SHARED_SPECS_DIR}: folder absent (fresh clone)`);
}

describe('generated command table', () => {
  it('matches a fresh render of vendor/command-specs', () => {
    const committed = readFileSync(OUTPUT_FILE, 'utf8');
    expect(renderCommandTable(DEFAULT_SPECS_DIR) === committed, REGENERATE).toBe(true);
  });

  it('renders deterministically', () => {
    expect(renderCommandTable(DEFAULT_SPECS_DIR)).toBe(renderCommandTable(DEFAULT_SPECS_DIR));
  });

  it.skipIf(sharedAbsent)('vendor/command-specs is a copy of ../shared/command-specs', () => {
    const shared = readdirSync(SHARED_SPECS_DIR).sort();
    expect(readdirSync(DEFAULT_SPECS_DIR).sort()).toEqual(shared);
    for (const file of shared) {
      const vendored = readFileSync(join(DEFAULT_SPECS_DIR, file));
      expect(
        vendored.equals(readFileSync(join(SHARED_SPECS_DIR, file))),
        `vendor/command-specs/${file}`,
      ).toBe(true);
    }
  });

  it.skipIf(sharedAbsent)('matches a fresh render of ../shared/command-specs', () => {
    const committed = readFileSync(OUTPUT_FILE, 'utf8');
    expect(renderCommandTable(SHARED_SPECS_DIR) === committed, REGENERATE).toBe(true);
  });

  it('carries the license of the source data', () => {
    const committed = readFileSync(OUTPUT_FILE, 'utf8');
    expect(committed).toContain('Copyright (c) 2024-present, Valkey contributors');
    expect(committed).toContain('Copyright (c) 2006-2020, Redis Ltd.');
    expect(committed).toContain('Redistributions of source code must retain the above copyright notice');
  });
});
