/**
 * `slotbridge proxy` in the kube lab (needs root): the proxy runs in the cluster namespace on a spare
 * workload address (like a pod), its port range is published on the ingress, and clients in the laptop
 * namespace, given only the proxy's entry address, reach every node: redis-cli -c, ioredis Cluster,
 * node-redis createCluster (also through a primary failover) and ioredis with sentinels (through a
 * SENTINEL FAILOVER).
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import calculateSlot from 'cluster-key-slot';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KubeLab } from '../../src/lab/kube/index.js';
import { nodeCommandFor } from '../../src/lab/kube/node-runner.js';
import { kubeSkipReason, useKubeLab } from '../helpers/kube/kube-lab.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const MAIN = path.join(here, '../../src/cli/main.ts');
const CLIENTS = path.join(here, '../helpers/kube/proxy-clients.ts');
const INGRESS = '198.19.0.1';
const CLUSTER_PROXY = { listen: '198.18.0.41', first: 31000, last: 31011 };
const SENTINEL_PROXY = { listen: '198.18.0.42', first: 31100, last: 31111 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function ports(range: { first: number; last: number }): number[] {
  return Array.from({ length: range.last - range.first + 1 }, (_, i) => range.first + i);
}

/** Starts a proxy in the cluster namespace and waits until its entry port answers there. */
async function startProxy(lab: KubeLab, range: typeof CLUSTER_PROXY, target: string[]): Promise<void> {
  const command = nodeCommandFor(MAIN, [
    'proxy',
    ...target,
    '--listen',
    range.listen,
    '--advertise',
    INGRESS,
    '--ports',
    `${range.first}-${range.last}`,
    '--refresh-interval',
    '1000',
  ]);
  lab.spawn('cluster', command.command, command.args);
  for (let i = 0; i < 150; i++) {
    const reply = await lab.cli(`${range.listen}:${range.first}`, 'PING').catch(() => '');
    if (reply === 'PONG') return;
    await sleep(100);
  }
  throw new Error(`the proxy on ${range.listen}:${range.first} did not start`);
}

/** Runs the laptop client script while `fault` runs once the clients are in their loop. */
async function clientsThrough(
  lab: KubeLab,
  spec: Record<string, unknown>,
  fault: () => Promise<unknown>,
): Promise<Record<string, unknown>> {
  const id = `${spec.mode}-${Date.now()}`;
  const readyFile = path.join(lab.dir, `${id}.ready`);
  const stopFile = path.join(lab.dir, `${id}.stop`);
  const running = lab.runInLaptop(CLIENTS, [JSON.stringify({ ...spec, readyFile, stopFile })], {
    timeoutMs: 105_000,
  });
  let finished = false;
  void running.finally(() => {
    finished = true;
  });
  while (!existsSync(readyFile) && !finished) await sleep(100);
  if (!finished) {
    await fault();
    await sleep(1000);
  }
  await writeFile(stopFile, 'stop');
  const result = await running;
  if (result.code !== 0) {
    throw new Error(
      `laptop clients failed (exit ${result.code}, timed out ${result.timedOut}):\n${result.stderr}`,
    );
  }
  return JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as Record<string, unknown>;
}

const proxyAddress = /^198\.19\.0\.1:31[01]\d\d$/;

describe.skipIf(kubeSkipReason !== undefined)(
  'slotbridge proxy in the kube lab (laptop → ingress → proxy)',
  () => {
    const fixture = useKubeLab({ exposeEach: false });

    beforeAll(async () => {
      const { lab } = fixture;
      await Promise.all([
        startProxy(lab, CLUSTER_PROXY, ['--cluster', 'redis://198.18.0.11:6379']),
        startProxy(lab, SENTINEL_PROXY, [
          '--sentinel',
          'redis://198.18.0.31:26379',
          '--name',
          lab.masterName,
        ]),
      ]);
      await lab.expose([
        ...ports(CLUSTER_PROXY).map((port) => ({
          internal: `${CLUSTER_PROXY.listen}:${port}`,
          ingressPort: port,
        })),
        ...ports(SENTINEL_PROXY).map((port) => ({
          internal: `${SENTINEL_PROXY.listen}:${port}`,
          ingressPort: port,
        })),
      ]);
    }, 60_000);

    it('redis-cli -c from the laptop: SET/GET one key in every 8th slot (2048 slots), redirects only to proxy ports', async () => {
      const { lab } = fixture;
      const keys: string[] = [];
      const wanted = new Set(Array.from({ length: 2048 }, (_, i) => i * 8));
      const found = new Map<number, string>();
      for (let i = 0; found.size < wanted.size; i++) {
        const slot = calculateSlot(`c:${i}`);
        if (wanted.has(slot) && !found.has(slot)) found.set(slot, `c:${i}`);
      }
      keys.push(...found.values());
      const file = path.join(lab.dir, 'redis-cli-script.txt');
      await writeFile(
        file,
        `${keys.map((k) => `SET ${k} v-${k}`).join('\n')}\n${keys.map((k) => `GET ${k}`).join('\n')}\n`,
      );
      const result = await lab.exec(
        'laptop',
        'sh',
        ['-c', `redis-cli -c -h ${INGRESS} -p ${CLUSTER_PROXY.first} < ${file}`],
        {
          timeoutMs: 60_000,
        },
      );
      expect(result.code, result.stderr).toBe(0);
      const lines = result.stdout.split('\n').filter((line) => line !== '');
      const redirects = lines.filter((line) => line.startsWith('-> Redirected'));
      expect(redirects.length).toBeGreaterThan(0);
      for (const line of redirects) expect(line.split(' ').pop()).toMatch(proxyAddress);
      const replies = lines.filter((line) => !line.startsWith('-> Redirected'));
      expect(replies.slice(0, keys.length).every((line) => line === 'OK')).toBe(true);
      expect(replies.slice(keys.length)).toEqual(keys.map((k) => `v-${k}`));
    }, 70_000);

    it('ioredis Cluster and node-redis createCluster from the laptop: all 16384 slots, MULTI, BLPOP, pub/sub, and a primary failover', async () => {
      const { lab } = fixture;
      const entry = `${INGRESS}:${CLUSTER_PROXY.first}`;
      const out = await clientsThrough(lab, { mode: 'cluster', entry }, () => lab.failoverClusterPrimary());
      const io = out.ioredis as Record<string, unknown>;
      const nr = out.nodeRedis as Record<string, unknown>;
      expect(io).toMatchObject({ allSlots: true, multi: ['OK', 2, 'ab'], blpop: ['io:queue', 'job'] });
      expect(io).toMatchObject({ pubsub: 'hello', sharded: 'sharded' });
      expect(nr).toMatchObject({
        allSlots: true,
        multi: ['OK', 2, '2'],
        blpop: { key: 'nr:queue', element: 'job' },
      });
      expect(nr).toMatchObject({ pubsub: 'hello', sharded: 'sharded' });
      for (const address of [
        ...(io.addresses as string[]),
        ...(io.addressesAtEnd as string[]),
        ...(nr.addresses as string[]),
      ]) {
        expect(address).toMatch(proxyAddress);
      }
      for (const loop of [io.loop, nr.loop] as Array<{ ops: number; okAtEnd: boolean; samples: string[] }>) {
        expect(loop.ops, loop.samples.join('\n')).toBeGreaterThan(0);
        expect(loop.okAtEnd, loop.samples.join('\n')).toBe(true);
      }
    }, 110_000);

    it('ioredis with sentinels from the laptop follows a SENTINEL FAILOVER through the proxy', async () => {
      const { lab } = fixture;
      const entry = `${INGRESS}:${SENTINEL_PROXY.first}`;
      const out = await clientsThrough(lab, { mode: 'sentinel', entry, masterName: lab.masterName }, () =>
        lab.sentinelFailover(),
      );
      const loop = out.loop as { ops: number; okAtEnd: boolean; samples: string[] };
      expect(loop.ops, loop.samples.join('\n')).toBeGreaterThan(0);
      expect(loop.okAtEnd, loop.samples.join('\n')).toBe(true);
      expect(out.before).toMatch(proxyAddress);
      expect(out.after).toMatch(proxyAddress);
      expect(out.after).not.toBe(out.before);
      expect(out.role).toBe('master');
    }, 90_000);
  },
);
