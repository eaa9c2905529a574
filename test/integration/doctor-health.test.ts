import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisServerHandle, startServer } from '../../src/lab/index.js';

const run = promisify(execFile);
let server: RedisServerHandle;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('slotbridge doctor --health', () => {
  it('prints the live client view after the checks', async () => {
    const { stdout } = await run(
      'npx',
      ['tsx', 'src/cli/main.ts', 'doctor', `redis://${server.address}`, '--health'],
      {
        timeout: 20_000,
      },
    );
    expect(stdout).toContain('Live client (client.health()):');
    expect(stdout).toMatch(/pending: 0 in flight, 0 queued/);
    expect(stdout).toMatch(/event loop: blocked \d+ ms/);
    expect(stdout).toContain(`${server.address} ready`);
  });
});
