/**
 * README's "Coming from ioredis / node-redis" section backs each deliberate difference with named tests:
 * every test file it names exists, and every test title it quotes is a test in that file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const readme = readFileSync(new URL('README.md', root), 'utf8');
const start = readme.indexOf('## Coming from ioredis / node-redis');
const section = readme.slice(start, readme.indexOf('\n## ', start + 1)).replace(/\n\s*/g, ' ');

describe('README: coming from ioredis / node-redis', () => {
  it('names test files that exist, and test titles that are tests in them', () => {
    expect(start).toBeGreaterThan(0);
    const cited = [...section.matchAll(/`([\w-]+\.test\.ts)`( "([^"]+)")?/g)];
    expect(cited.length).toBeGreaterThanOrEqual(6);
    for (const [, file, , title] of cited) {
      const path = new URL(`test/integration/${file}`, root);
      expect(existsSync(path), file).toBe(true);
      if (title !== undefined) {
        const source = readFileSync(path, 'utf8').replace(/\s+/g, ' ');
        expect(
          source.includes(`it('${title}'`) || source.includes(`it("${title}"`),
          `${file}: "${title}"`,
        ).toBe(true);
      }
    }
  });
});
