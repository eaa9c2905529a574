import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('slotbridge demo (the README command)', () => {
  it('runs every section against real servers and cleans up', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'demo'], {
      timeout: 120_000,
    });
    expect(stdout).toMatch(/== Single server ==/);
    expect(stdout).toMatch(/GET greeting\s+-> "hello"/);
    expect(stdout).toMatch(/pipeline of 1000 INCR\s+-> last 1000/);
    expect(stdout).toMatch(/ReplyError code=WRONGTYPE/);
    expect(stdout).toMatch(/SET after restart\s+-> OK/);
    expect(stdout).toMatch(/every server it started is stopped/);
  }, 150_000);
});
