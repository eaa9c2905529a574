/**
 * Proxy replicas in the kube lab (needs root): two `slotbridge proxy` "pods" (198.18.0.41 and .42, the
 * same flags, started at the same moment, the port table in the cluster — the default) behind one
 * ingress address that spreads every proxy port's connections over both. Both give the same table. An
 * ioredis Cluster and a node-redis createCluster client in the laptop namespace each run ~500
 * commands/s through 198.19.0.1 while one replica is killed with SIGKILL: every command settles, no
 * acknowledged write is lost, and both clients are back to error-free service within RECOVERY_BOUND_MS.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { KubeLab } from '../../src/lab/kube/index.js';
import { nodeCommandFor } from '../../src/lab/kube/node-runner.js';
import type { LabProcess } from '../../src/lab/process.js';
import { kubeSkipReason, useKubeLab } from '../helpers/kube/kube-lab.js';
import { recordResult } from '../helpers/results.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const MAIN = path.join(here, '../../src/cli/main.ts');
const CLIENTS = path.join(here, '../helpers/kube/proxy-replica-clients.ts');
const INGRESS = '198.19.0.1';
const PODS = ['198.18.0.41', '198.18.0.42'] as const;
const RANGE = { first: 31000, last: 31011 };
const METRICS_PORT = 9100;
const RATE = 500;
/**
 * Both clients must be back to error-free service this long after the kill. What it takes: the killed
 * pod's sockets close at once (the kernel resets them), the clients reconnect to the same ingress port
 * (ioredis after 50 ms, node-redis after 50-500 ms, by their reconnect strategies), and the ingress
 * hands the new connection to the live pod on the first try; ioredis also refreshes its slot map
 * (slotsRefreshTimeout 3000 ms). 10 s covers those steps several times over on a loaded 2-core machine.
 */
const RECOVERY_BOUND_MS = 10_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function startPod(lab: KubeLab, listen: string): LabProcess {
  const command = nodeCommandFor(MAIN, [
    'proxy',
    '--cluster',
    'redis://198.18.0.11:6379',
    '--listen',
    listen,
    '--advertise',
    INGRESS,
    '--ports',
    `${RANGE.first}-${RANGE.last}`,
    '--metrics-port',
    String(METRICS_PORT),
    '--refresh-interval',
    '1000',
  ]);
  return lab.spawn('cluster', command.command, command.args);
}

/** An HTTP GET on a pod's metrics port (from the cluster network, as a kubelet probe asks). */
async function httpGet(lab: KubeLab, pod: string, url: string): Promise<string> {
  const result = await lab.exec('cluster', 'bash', [
    '-c',
    `exec 3<>/dev/tcp/${pod}/${METRICS_PORT} && printf 'GET ${url} HTTP/1.0\\r\\n\\r\\n' >&3 && cat <&3`,
  ]);
  return result.stdout;
}

/** The status line of a pod's /readyz. */
async function readyz(lab: KubeLab, pod: string): Promise<string> {
  return (await httpGet(lab, pod, '/readyz').catch(() => '')).split('\r\n')[0].trim();
}

/** id → proxy port, as the pod's own CLUSTER NODES reply (rewritten) says. */
async function tableOf(lab: KubeLab, pod: string): Promise<Map<string, string>> {
  const text = await lab.cli(`${pod}:${RANGE.first}`, 'CLUSTER', 'NODES');
  const table = new Map<string, string>();
  for (const line of text.split('\n')) {
    const [id, address] = line.split(' ');
    if (id && address) table.set(id, address.split('@')[0]);
  }
  return table;
}

type Row = readonly [issuedAt: number, settledAt: number, error: string | null];
interface ClientRun {
  commands: Row[];
  pending: number;
  acknowledgedWrites: number;
  lostWrites: number;
  wrongReads: number;
  durationMs: number;
}

/** The numbers of one client around the kill. */
function summarize(run: ClientRun, killedAt: number) {
  const errors = run.commands.filter((row) => row[2] !== null);
  const lastError = Math.max(killedAt, ...errors.map((row) => row[1]));
  const during = run.commands.filter((row) => row[0] >= killedAt - 1000 && row[0] <= lastError + 1000);
  return {
    commands: run.commands.length,
    ratePerSecond: Math.round((run.commands.length * 1000) / run.durationMs),
    errors: errors.length,
    errorSamples: [...new Set(errors.map((row) => row[2]))].slice(0, 4),
    /** From the kill to the settling of the last failed command (0 without errors). */
    recoveryMs: errors.length === 0 ? 0 : lastError - killedAt,
    slowestAroundKillMs: Math.max(0, ...during.map((row) => row[1] - row[0])),
    pending: run.pending,
    acknowledgedWrites: run.acknowledgedWrites,
    lostWrites: run.lostWrites,
    wrongReads: run.wrongReads,
  };
}

describe.skipIf(kubeSkipReason !== undefined)('two proxy replicas behind one ingress (kube lab)', () => {
  const fixture = useKubeLab({ exposeEach: false, sentinel: false });

  it('kill -9 of one replica under load: clients carry on through the other', async () => {
    const { lab } = fixture;
    // Both pods at once: they race to claim the same nodes in the shared table.
    const pods = PODS.map((pod) => startPod(lab, pod));
    for (const pod of PODS) {
      for (let i = 0; i < 200 && (await readyz(lab, pod)) !== 'HTTP/1.1 200 OK'; i++) await sleep(100);
      expect(await readyz(lab, pod)).toBe('HTTP/1.1 200 OK');
    }
    const tables = await Promise.all(PODS.map((pod) => tableOf(lab, pod)));
    expect(tables[0].size).toBe(6);
    expect(tables[1]).toEqual(tables[0]);
    for (const address of tables[0].values()) expect(address).toMatch(/^198\.19\.0\.1:310(0\d|1[01])$/);

    const ports = Array.from({ length: RANGE.last - RANGE.first + 1 }, (_, i) => RANGE.first + i);
    await lab.expose(
      ports.map((port) => ({ internal: PODS.map((pod) => `${pod}:${port}`).join(','), ingressPort: port })),
    );

    const id = `replicas-${Date.now()}`;
    const readyFile = path.join(lab.dir, `${id}.ready`);
    const stopFile = path.join(lab.dir, `${id}.stop`);
    const resultFile = path.join(lab.dir, `${id}.json`);
    const running = lab.runInLaptop(
      CLIENTS,
      [JSON.stringify({ entry: `${INGRESS}:${RANGE.first}`, rate: RATE, readyFile, stopFile, resultFile })],
      { timeoutMs: 120_000 },
    );
    let finished = false;
    void running.finally(() => {
      finished = true;
    });
    while (!existsSync(readyFile) && !finished) await sleep(100);
    expect(finished).toBe(false);
    await sleep(3000);
    // The pod about to die serves clients (the kill is felt), and so does the other.
    for (const pod of PODS) {
      const metrics = await httpGet(lab, pod, '/metrics');
      const active = Number(/^slotbridge_proxy_connections_active (\d+)/m.exec(metrics)?.[1] ?? 0);
      expect(active, `${pod} client connections`).toBeGreaterThan(0);
    }
    const killedAt = Date.now();
    await pods[0].kill('SIGKILL');
    await sleep(RECOVERY_BOUND_MS + 2000);
    // The table in the cluster outlives the pod: the survivor still serves the same one.
    expect(await tableOf(lab, PODS[1])).toEqual(tables[0]);
    await writeFile(stopFile, 'stop');
    const result = await running;
    expect(result.code, result.stderr).toBe(0);
    const out = JSON.parse(await readFile(resultFile, 'utf8')) as Record<string, ClientRun>;
    const io = summarize(out.ioredis, killedAt);
    const nr = summarize(out.nodeRedis, killedAt);
    console.log(
      `[proxy-replicas] kill -9 of 1 of 2 proxy replicas at ~${RATE} commands/s per client: ` +
        `ioredis ${io.commands} commands (${io.ratePerSecond}/s), ${io.errors} errors, recovered in ${io.recoveryMs} ms, slowest ${io.slowestAroundKillMs} ms, ${io.acknowledgedWrites} acked writes, ${io.lostWrites} lost; ` +
        `node-redis ${nr.commands} commands (${nr.ratePerSecond}/s), ${nr.errors} errors, recovered in ${nr.recoveryMs} ms, slowest ${nr.slowestAroundKillMs} ms, ${nr.acknowledgedWrites} acked writes, ${nr.lostWrites} lost` +
        (io.errors + nr.errors > 0
          ? `; errors: ${[...io.errorSamples, ...nr.errorSamples].join(' | ')}`
          : ''),
    );
    const server = process.env.SLOTBRIDGE_SERVER;
    recordResult(
      server === undefined || server === ''
        ? 'proxy-replicas-kill'
        : `proxy-replicas-kill-${path.basename(server)}`,
      {
        description:
          'Two slotbridge proxy replicas (shared port table in the cluster) behind one ingress address in the kube lab; kill -9 of one while ioredis and node-redis cluster clients each run ~500 commands/s through the ingress.',
        recoveryBoundMs: RECOVERY_BOUND_MS,
        ioredis: io,
        nodeRedis: nr,
      },
    );
    for (const client of [io, nr]) {
      expect(client.pending).toBe(0);
      expect(client.lostWrites).toBe(0);
      expect(client.wrongReads).toBe(0);
      expect(client.recoveryMs).toBeLessThanOrEqual(RECOVERY_BOUND_MS);
      expect(client.acknowledgedWrites).toBeGreaterThan(1000);
    }
  }, 200_000);
});
