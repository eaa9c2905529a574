/**
 * The lab runs the build SLOTBRIDGE_SERVER names (or the PATH one): a server and a sentinel report the
 * version `redis-server --version` prints. Valkey reports its own version as `valkey_version` and a
 * Redis-compatible one as `redis_version` (7.2.4 for Valkey 8): the test names that difference.
 */
import { afterAll, describe, expect, it } from 'vitest';
import {
  labServerBuild,
  type RedisServerHandle,
  serverVersionLine,
  startServer,
} from '../../src/lab/index.js';

const started: RedisServerHandle[] = [];
afterAll(async () => {
  await Promise.allSettled(started.map((server) => server.stop()));
});

function field(info: string, name: string): string | undefined {
  return new RegExp(`^${name}:(\\S+)`, 'm').exec(info)?.[1];
}

describe('server build (SLOTBRIDGE_SERVER)', () => {
  it('servers and sentinels the lab starts are the chosen build', async () => {
    const build = labServerBuild();
    const line = await serverVersionLine(build);
    const version = /v=(\S+)/.exec(line)?.[1];
    expect(version, line).toBeDefined();
    const valkey = /^Valkey/i.test(line);
    const server = await startServer();
    started.push(server);
    const sentinel = await startServer({ sentinel: true, readyLog: /Sentinel ID is/, args: [] });
    started.push(sentinel);
    for (const node of [server, sentinel]) {
      const info = await node.cli('INFO', 'server');
      if (valkey) {
        // Valkey: its own version apart, a Redis-compatible redis_version for older clients.
        expect(field(info, 'valkey_version')).toBe(version);
        expect(field(info, 'server_name')).toBe('valkey');
        expect(field(info, 'redis_version')).toMatch(/^7\.2\./);
      } else {
        expect(field(info, 'redis_version')).toBe(version);
      }
    }
    expect(field(await sentinel.cli('INFO', 'server'), valkey ? 'server_mode' : 'redis_mode')).toBe(
      'sentinel',
    );
    console.log(`[server-build] ${build.name}: ${line}`);
  });
});
