/**
 * Self-healing topology in the kube lab (needs root): a client in the laptop namespace, configured only
 * with the exposed addresses (the seed or sentinel entry on the ingress) and `addresses.discover`, runs a
 * load while every pod of the cluster (then of the sentinel group) restarts with a new internal address:
 * the announced addresses all change, only the exposed ports stay. The client must recover on its own.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ClientConfig } from '../../src/client/index.js';
import type { KubeLab, KubePodMove } from '../../src/lab/kube/index.js';
import { kubeSkipReason, useKubeLab } from '../helpers/kube/kube-lab.js';
import type { LaptopLoadResult } from '../helpers/kube/laptop-load.js';
import { recordResult } from '../helpers/results.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const LAPTOP_LOAD = path.join(here, '../helpers/kube/laptop-load.ts');
const INGRESS_HOST = '198.19.0.1';
const RATE = 500;
/**
 * Load kept running after the lab reports the group healthy again: longer than CLIENT_SHARE_MS plus a
 * command timeout, so a client that never recovers keeps failing past the bound instead of meeting it.
 */
const AFTER_HEALTHY_MS = 7_000;
/**
 * The client's share of the outage, after the lab is healthy again (see the README, "Self-healing
 * topology"): a reconnect attempt (constant 200 ms) plus a discovery probe (at most probeTimeout, 2 s,
 * all ports in parallel) plus the command that was in flight meanwhile timing out (commandTimeout 2 s).
 */
const CLIENT_SHARE_MS = 200 + 2_000 + 2_000;

/** Runs the laptop load, performs `move` once it is loaded, stops it AFTER_HEALTHY_MS after the move. */
async function loadAcrossMove(
  lab: KubeLab,
  kind: 'cluster' | 'sentinel',
  config: ClientConfig,
  move: () => Promise<KubePodMove>,
): Promise<{ result: LaptopLoadResult; move: KubePodMove }> {
  const syncDir = mkdtempSync(path.join(tmpdir(), 'sb-kube-heal-'));
  try {
    let finished = false;
    const running = lab
      .runInLaptop(LAPTOP_LOAD, [JSON.stringify({ kind, config, rate: RATE, syncDir, maxMs: 45_000 })], {
        timeoutMs: 75_000,
      })
      .finally(() => {
        finished = true;
      });
    while (!existsSync(path.join(syncDir, 'ready'))) {
      if (finished) throw new Error(`laptop load ended before it was ready:\n${(await running).stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const moved = await move();
    await new Promise((resolve) => setTimeout(resolve, AFTER_HEALTHY_MS));
    writeFileSync(path.join(syncDir, 'stop'), '');
    const outcome = await running;
    if (outcome.code !== 0 || outcome.timedOut) {
      throw new Error(
        `laptop load failed (exit ${outcome.code}, timed out: ${outcome.timedOut}):\n${outcome.stderr}`,
      );
    }
    return { result: JSON.parse(outcome.stdout) as LaptopLoadResult, move: moved };
  } finally {
    rmSync(syncDir, { recursive: true, force: true });
  }
}

/** The measurements, printed (`[self-healing netns]`) and recorded. */
function report(name: string, result: LaptopLoadResult, move: KubePodMove): void {
  const entry = {
    movedProcesses: Object.keys(move.moves).length,
    moves: move.moves,
    // The lab: from the first pod stopped to the ingress leading to the new pods, and to the group healthy.
    podsDownMs: move.downAt - move.stoppedAt,
    podsReadyMs: move.routedAt - move.stoppedAt,
    groupHealthyMs: move.healthyAt - move.stoppedAt,
    // The client: its outage under load (first pod stopped → its last failed or >500 ms command),
    // and how long after the group was healthy that last trouble came (negative: before).
    clientOutageMs: Math.max(0, result.lastTroubleAt - move.stoppedAt),
    lastTroubleAfterHealthyMs: result.lastTroubleAt === 0 ? null : result.lastTroubleAt - move.healthyAt,
    loadRate: RATE,
    loadMs: result.stoppedAt - result.startedAt,
    load: {
      sent: result.sent,
      ok: result.ok,
      errors: result.errors,
      errorCodes: result.errorCodes,
      pending: result.pending,
      slowestOkMs: result.slowestOkMs,
      okAfterLastTrouble: result.okAfterLastTrouble,
    },
  };
  console.log(`[self-healing netns] ${name} ${JSON.stringify(entry)}`);
  recordResult(name, entry);
}

/**
 * The move hurt the client (it saw a failure or a slow command after the first pod stopped), its last
 * trouble came within CLIENT_SHARE_MS of the group being healthy again, and at least a second of load
 * succeeded after it.
 */
function expectRecoveredWithinBound(result: LaptopLoadResult, move: KubePodMove): void {
  expect(result.lastTroubleAt).toBeGreaterThan(move.stoppedAt);
  expect(result.lastTroubleAt).toBeLessThan(move.healthyAt + CLIENT_SHARE_MS);
  expect(result.okAfterLastTrouble).toBeGreaterThanOrEqual(RATE);
}

describe.skipIf(kubeSkipReason !== undefined)('kube lab: self-healing topology', () => {
  const fixture = useKubeLab();

  it('every cluster pod restarts with a new address under load: the client recovers on its own', async () => {
    const { lab } = fixture;
    const before = new Set(lab.clusterNodes.map((node) => node.internal));
    const seed = lab.seed?.ingress ?? '';
    const { result, move } = await loadAcrossMove(
      lab,
      'cluster',
      {
        cluster: { hosts: [seed], refreshInterval: 1000 },
        addresses: { discover: { host: INGRESS_HOST, ports: lab.clusterPortRange } },
        retryOnReconnect: 'all',
        commandTimeout: 2000,
        reconnect: { kind: 'constant', delay: 200 },
      },
      () => lab.moveClusterPods(),
    );
    // Every announced address changed; the exposed ports are the same.
    const after = lab.clusterNodes.map((node) => node.internal);
    expect(after.filter((address) => before.has(address))).toEqual([]);
    expect(lab.seed?.ingress).toBe(seed);
    report('self-healing-cluster-netns', result, move);
    expect(result.pending).toBe(0);
    expect(result.sent).toBe(result.ok + result.errors);
    // Recovered: every slot serves a write, and the load was clean for its last stretch.
    expect(result.slotErrors).toEqual([]);
    expect(result.slotsOk).toBe(16384);
    expectRecoveredWithinBound(result, move);
  }, 90_000);

  it('every sentinel-group pod restarts with a new address under load: the client recovers on its own', async () => {
    const { lab } = fixture;
    const before = new Set([...lab.sentinelDataNodes, ...lab.sentinels].map((node) => node.internal));
    const entryAddress = lab.sentinelEntry?.ingress ?? '';
    const { result, move } = await loadAcrossMove(
      lab,
      'sentinel',
      {
        sentinel: { hosts: [entryAddress], name: lab.masterName },
        addresses: { discover: { host: INGRESS_HOST, ports: lab.sentinelPortRange } },
        retryOnReconnect: 'all',
        commandTimeout: 2000,
        reconnect: { kind: 'constant', delay: 200 },
      },
      () => lab.moveSentinelPods(),
    );
    const after = [...lab.sentinelDataNodes, ...lab.sentinels].map((node) => node.internal);
    expect(after.filter((address) => before.has(address))).toEqual([]);
    expect(lab.sentinelEntry?.ingress).toBe(entryAddress);
    report('self-healing-sentinel-netns', result, move);
    expectRecoveredWithinBound(result, move);
    expect(result.pending).toBe(0);
    expect(result.sent).toBe(result.ok + result.errors);
    expect(result.masterWrite).toBe('OK');
    expect(result.masterRole).toBe('master');
  }, 90_000);
});
