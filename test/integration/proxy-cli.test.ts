import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { Cluster as IoredisCluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort, type LabCluster, startCluster } from '../../src/lab/index.js';
import { randomRangeStart } from '../helpers/port-range.js';

const run = promisify(execFile);
let cluster: LabCluster;

beforeAll(async () => {
  cluster = await startCluster({ replicasPerPrimary: 0, nodeTimeoutMs: 1000 });
});

afterAll(async () => {
  await cluster?.stop();
});

function waitForOutput(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (pattern.test(text)) resolve(text);
    });
    child.once('exit', (code) =>
      reject(new Error(`exited with ${code} before printing ${pattern}: ${text}`)),
    );
  });
}

describe('slotbridge proxy (command line)', () => {
  it('prints the port table, serves redis-cli -c and metrics, and stops cleanly on SIGTERM', async () => {
    const entry = await findFreePort();
    const metrics = await findFreePort();
    const first = randomRangeStart();
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli/main.ts',
        'proxy',
        '--cluster',
        `redis://127.0.0.1:${cluster.nodes[0].port}`,
        '--advertise',
        '127.0.0.1',
        '--ports',
        `${first}-${first + 99}`,
        '--entry-port',
        String(entry),
        '--metrics-port',
        String(metrics),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      const table = await waitForOutput(child, /try: redis-cli/);
      expect(table).toMatch(new RegExp(`3 nodes, entry 127\\.0\\.0\\.1:${entry}`));
      expect(table.match(/ -> [0-9a-f]{8} 127\.0\.0\.1:\d+ primary/g)).toHaveLength(3);

      const set = await run('redis-cli', ['-c', '-p', String(entry), 'SET', 'cli:key', 'hello']);
      expect(set.stdout.trim()).toBe('OK');
      const get = await run('redis-cli', ['-c', '-p', String(entry), 'GET', 'cli:key']);
      expect(get.stdout.trim()).toBe('hello');

      // A large value crosses both directions in many chunks, byte-exact.
      const big = Buffer.alloc(4 * 1024 * 1024, 'x');
      big.write('start');
      big.write('end', big.length - 3);
      const client = new IoredisCluster([{ host: '127.0.0.1', port: entry }]);
      try {
        await client.set('cli:big', big);
        const back = await client.getBuffer('cli:big');
        expect(back?.equals(big)).toBe(true);
      } finally {
        client.disconnect();
      }

      const response = await fetch(`http://127.0.0.1:${metrics}/metrics`);
      const body = await response.text();
      expect(body).toMatch(/^slotbridge_proxy_connections_total \d+$/m);
      expect(body).toMatch(/^slotbridge_proxy_commands_total [1-9]\d*$/m);
      expect(body).toMatch(/^slotbridge_proxy_nodes 3$/m);
      expect(body).toMatch(/^slotbridge_proxy_rewrites_total [1-9]\d*$/m);

      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('explains a missing option with exit code 2', async () => {
    const outcome = await run(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'proxy', '--cluster', 'redis://127.0.0.1:1'],
      {
        timeout: 15_000,
      },
    ).catch((error: { code: number; stderr: string }) => error);
    expect((outcome as { code: number }).code).toBe(2);
    expect((outcome as { stderr: string }).stderr).toMatch(/--advertise HOST/);
  });
});
