/**
 * README's benchmark section is the output of `npm run bench:table` for the results file it names: a
 * hand edit of a number, or a results file changed without regenerating the table, fails here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ResultsFile } from '../../bench/results-file.js';
import { renderProxySection, renderSummary } from '../../bench/table.js';

const root = new URL('../../', import.meta.url);
const readme = readFileSync(new URL('README.md', root), 'utf8');

describe('README benchmark tables', () => {
  it('are generated from the committed results file they name', () => {
    const begin = readme.indexOf('<!-- bench-table:begin');
    const end = readme.indexOf('<!-- bench-table:end -->');
    expect(begin).toBeGreaterThan(0);
    const section = readme.slice(readme.indexOf('\n', begin) + 1, end).trim();
    const file = /^From \[`(bench\/results\/[^`]+\.json)`\]/.exec(section)?.[1];
    expect(file).toBeDefined();
    const results = JSON.parse(readFileSync(new URL(file as string, root), 'utf8')) as ResultsFile;
    expect(section).toBe(renderSummary(results, file as string).trim());
  });

  it('the proxy section is generated from the committed results file it names', () => {
    const begin = readme.indexOf('<!-- bench-proxy:begin');
    const end = readme.indexOf('<!-- bench-proxy:end -->');
    expect(begin).toBeGreaterThan(0);
    const section = readme.slice(readme.indexOf('\n', begin) + 1, end).trim();
    const file = /^From \[`(bench\/results\/[^`]+\.json)`\]/.exec(section)?.[1];
    expect(file).toBeDefined();
    const results = JSON.parse(readFileSync(new URL(file as string, root), 'utf8')) as ResultsFile;
    expect(section).toBe(renderProxySection(results, file as string).trim());
  });
});
