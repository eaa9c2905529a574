/**
 * BullMQ stays optional: slotbridge's entry never reaches the adapter, and the adapter imports BullMQ
 * for types only (erased at build), so installing slotbridge without BullMQ loads nothing of it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = new URL('../../src/', import.meta.url).pathname;

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(dir, name));
}

describe('BullMQ is an optional peer', () => {
  it('the adapter imports bullmq only as types', () => {
    const adapter = files(join(src, 'integrations/bullmq'));
    expect(adapter.length).toBeGreaterThan(0);
    for (const file of adapter) {
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        if (/^import .* from 'bullmq'/.test(line)) expect(line, file).toMatch(/^import type /);
      }
    }
  });

  it('nothing outside src/integrations imports it', () => {
    for (const file of files(src).filter((f) => !f.includes('/integrations/'))) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/from '[./]*integrations\/|from 'bullmq'/);
    }
  });
});
