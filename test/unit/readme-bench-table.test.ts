/**
 * The benchmark sections (docs/benchmarks.md, docs/proxy.md) are the output of `npm run bench:table` for the results file it names: a
 * hand edit of a number, or a results file changed without regenerating the table, fails here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ResultsFile } from '../../bench/results-file.js';
import { renderProxySection, renderSummary } from '../../bench/table.js';

const root = new URL('../../', import.meta.url);
// The client tables live in docs/benchmarks.md, the proxy's in docs/proxy.md.
const benchPage = readFileSync(new URL('docs/benchmarks.md', root), 'utf8');
const proxyPage = readFileSync(new URL('docs/proxy.md', root), 'utf8');

describe('benchmark tables in docs/', () => {
  it('are generated from the committed results file they name', () => {
    const begin = benchPage.indexOf('<!-- bench-table:begin');
    const end = benchPage.indexOf('<!-- bench-table:end -->');
    expect(begin).toBeGreaterThan(0);
    const section = benchPage.slice(benchPage.indexOf('\n', begin) + 1, end).trim();
    const file = /^From \[`(bench\/results\/[^`]+\.json)`\]/.exec(section)?.[1];
    expect(file).toBeDefined();
    const results = JSON.parse(readFileSync(new URL(file as string, root), 'utf8')) as ResultsFile;
    expect(section).toBe(renderSummary(results, file as string).trim());
  });

  it('the proxy section is generated from the committed results file it names', () => {
    const begin = proxyPage.indexOf('<!-- bench-proxy:begin');
    const end = proxyPage.indexOf('<!-- bench-proxy:end -->');
    expect(begin).toBeGreaterThan(0);
    const section = proxyPage.slice(proxyPage.indexOf('\n', begin) + 1, end).trim();
    const file = /^From \[`(bench\/results\/[^`]+\.json)`\]/.exec(section)?.[1];
    expect(file).toBeDefined();
    const results = JSON.parse(readFileSync(new URL(file as string, root), 'utf8')) as ResultsFile;
    expect(section).toBe(renderProxySection(results, file as string).trim());
  });
});
