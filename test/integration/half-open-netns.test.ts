import { randomBytes } from 'node:crypto';
import diagnostics from 'node:diagnostics_channel';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabProcess } from '../../src/lab/index.js';
import { spawnLabProcess } from '../../src/lab/index.js';
import {
  createNamespace,
  deleteNamespace,
  execInNamespace,
  IP_BINARY,
  namespaceName,
  netnsExecArgs,
  runIp,
} from '../../src/lab/kube/netns.js';
import { useClients } from '../helpers/clients.js';
import { recordResult } from '../helpers/results.js';

/**
 * Half-open by the network, not the server: the server runs in its own namespace behind a veth pair, and a
 * blackhole route for its address makes every packet to it vanish without an error or a reset — what a
 * firewall or NAT that forgot the flow does. (No nft/iptables/netem here; the route drops silently too.)
 * The idle health check finds it; removing the route lets the client reconnect.
 */
const INTERVAL = 500;
const TIMEOUT = 1000;
const HOST_ADDRESS = '198.18.201.1';
const SERVER_ADDRESS = '198.18.201.2';
const PORT = 6379;

const suffix = `${process.pid}-${randomBytes(3).toString('hex')}`;
const ns = namespaceName('ho', suffix);
const hostLink = `sbho${randomBytes(3).toString('hex')}`;
const nsLink = `sbhn${randomBytes(3).toString('hex')}`;
let dir: string;
let server: LabProcess | undefined;
let blackholed = false;
const client = useClients();

async function blackhole(on: boolean): Promise<void> {
  await runIp(['route', on ? 'add' : 'del', 'blackhole', `${SERVER_ADDRESS}/32`]);
  blackholed = on;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'slotbridge-half-open-'));
  await createNamespace(ns);
  await runIp(['link', 'add', hostLink, 'type', 'veth', 'peer', 'name', nsLink]);
  await runIp(['link', 'set', nsLink, 'netns', ns]);
  await runIp(['addr', 'add', `${HOST_ADDRESS}/30`, 'dev', hostLink]);
  await runIp(['link', 'set', hostLink, 'up']);
  await runIp(['-n', ns, 'addr', 'add', `${SERVER_ADDRESS}/30`, 'dev', nsLink]);
  await runIp(['-n', ns, 'link', 'set', nsLink, 'up']);
  server = spawnLabProcess(
    IP_BINARY,
    netnsExecArgs(ns, 'redis-server', [
      '--bind',
      SERVER_ADDRESS,
      '--port',
      String(PORT),
      '--save',
      '',
      '--protected-mode',
      'no',
      '--appendonly',
      'no',
      '--dir',
      dir,
    ]),
    dir,
  );
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const ping = await execInNamespace(ns, 'redis-cli', ['-h', SERVER_ADDRESS, '-p', String(PORT), 'PING']);
    if (ping.stdout.trim() === 'PONG') break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}, 30_000);

afterAll(async () => {
  if (blackholed) await blackhole(false).catch(() => undefined);
  await server?.stop().catch(() => undefined);
  await deleteNamespace(ns).catch(() => undefined);
  await runIp(['link', 'del', hostLink]).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

describe('half-open connections (packets dropped in the network)', () => {
  it('a silently dropped connection is reset within interval + timeout, then the client reconnects', async () => {
    const redis = client({
      host: SERVER_ADDRESS,
      port: PORT,
      healthCheck: { interval: INTERVAL, timeout: TIMEOUT },
      connectTimeout: 1000,
      commandTimeout: 30_000,
    });
    expect(await redis.set('netns:k', 'v')).toBe('OK');
    let droppedAt = 0;
    const channel = diagnostics.channel('slotbridge:connection:error');
    const detected = new Promise<number>((resolve) => {
      const listener = (message: unknown) => {
        if ((message as { payload?: { code?: string } }).payload?.code !== 'ERR_HALF_OPEN') return;
        channel.unsubscribe(listener);
        resolve(performance.now());
      };
      channel.subscribe(listener);
    });
    droppedAt = performance.now();
    await blackhole(true);
    const detectionMs = (await detected) - droppedAt;
    expect(detectionMs).toBeLessThan(INTERVAL + TIMEOUT + 1500);
    await blackhole(false);
    const restoredAt = performance.now();
    expect(await redis.get('netns:k')).toBe('v');
    recordResult('half-open-netns-blackhole', {
      healthCheck: { interval: INTERVAL, timeout: TIMEOUT },
      detectionMs: Math.round(detectionMs),
      boundMs: INTERVAL + TIMEOUT,
      firstReplyAfterRestoreMs: Math.round(performance.now() - restoredAt),
    });
  });
});
