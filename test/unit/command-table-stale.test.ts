import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SPECS_DIR, OUTPUT_FILE, renderCommandTable } from '../../scripts/generate-command-table.js';

const REGENERATE = 'regenerate with: npx tsx scripts/generate-command-table.ts';
describe('generated command table', () => {
  it('matches a fresh render of vendor/command-specs', () => {
    const committed = readFileSync(OUTPUT_FILE, 'utf8');
    expect(renderCommandTable(DEFAULT_SPECS_DIR) === committed, REGENERATE).toBe(true);
  });

  it('renders deterministically', () => {
    expect(renderCommandTable(DEFAULT_SPECS_DIR)).toBe(renderCommandTable(DEFAULT_SPECS_DIR));
  });

  it('carries the license of the source data', () => {
    const committed = readFileSync(OUTPUT_FILE, 'utf8');
    expect(committed).toContain('Copyright (c) 2024-present, Valkey contributors');
    expect(committed).toContain('Copyright (c) 2006-2020, Redis Ltd.');
    expect(committed).toContain('Redistributions of source code must retain the above copyright notice');
  });
});
