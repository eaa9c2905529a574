/**
 * Measurements that README numbers come from: with SLOTBRIDGE_RECORD=1 a test writes them to
 * results/NAME.json (committed); otherwise they are only printed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function recordResult(name: string, data: Record<string, unknown>): void {
  const entry = { ...data, node: process.version, recordedAt: new Date().toISOString() };
  console.log(`[result ${name}] ${JSON.stringify(entry)}`);
  if (process.env.SLOTBRIDGE_RECORD !== '1') return;
  const dir = join(import.meta.dirname, '..', '..', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(entry, null, 2)}\n`);
}
