/**
 * The error table (docs/errors.md) against the code: every `ERR_*` code the source raises is listed
 * there, and every code the section lists is raised somewhere. A new code without a row, or a
 * row for a code that went away, fails here.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
// The error table lives in docs/errors.md (README links to it).
const errorsSection = readFileSync(join(root, 'docs', 'errors.md'), 'utf8');

/** Node's own codes the source compares against (passed on as they are, documented as Node's). */
const NODE_CODES = new Set(['ERR_SSL', 'ERR_TLS_CERT_ALTNAME_INVALID']);

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'generated') out.push(...sourceFiles(path));
    } else if (name.endsWith('.ts')) out.push(path);
  }
  return out;
}

function codesIn(text: string): Set<string> {
  return new Set([...text.matchAll(/\b(ERR_[A-Z][A-Z_]*[A-Z])\b/g)].map((match) => match[1]));
}

describe('the error table in docs/errors.md', () => {
  const raised = new Set<string>();
  for (const file of sourceFiles(join(root, 'src'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(/'(ERR_[A-Z][A-Z_]*[A-Z])'/g)) {
      if (!NODE_CODES.has(match[1])) raised.add(match[1]);
    }
  }
  const listed = codesIn(errorsSection);

  it('lists every code the source raises', () => {
    expect([...raised].filter((code) => !listed.has(code)).sort()).toEqual([]);
    expect(raised.size).toBeGreaterThan(20);
  });

  it('SlotbridgeErrorCode (the type of `code`) holds exactly the codes the source raises', () => {
    const errorsTs = readFileSync(join(root, 'src/errors.ts'), 'utf8');
    const union = errorsTs.slice(
      errorsTs.indexOf('export type SlotbridgeErrorCode'),
      errorsTs.indexOf(';', errorsTs.indexOf('export type SlotbridgeErrorCode')),
    );
    const typed = [...union.matchAll(/'(ERR_[A-Z_]+)'/g)].map((match) => match[1]).sort();
    expect(typed).toEqual([...raised].sort());
  });

  it('lists no code that nothing raises', () => {
    const stale = [...listed].filter((code) => !raised.has(code) && !NODE_CODES.has(code));
    expect(stale.sort()).toEqual([]);
  });
});
