/**
 * The seed's problem and our fixes in the kube lab (needs root): clients run in the laptop namespace,
 * which reaches only the ingress 198.19.0.1; the cluster announces 198.18.0.x addresses.
 * Without a mapping the client fails fast with the explained error; with `discover`, a static `map` or
 * a function map every slot works, also after a primary fails over; `slotbridge doctor` says what is
 * wrong and how to fix it. The sentinel group works through a static map and through discover (data nodes
 * matched by run id, sentinels by SENTINEL MYID), follows a failover, and fails fast, explained, unmapped.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ClientConfig } from '../../src/client/index.js';
import type { ExecResult, KubeLab } from '../../src/lab/kube/index.js';
import { kubeSkipReason, useKubeLab } from '../helpers/kube/kube-lab.js';
import type { LaptopClientResult } from '../helpers/kube/laptop-client.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const LAPTOP_CLIENT = path.join(here, '../helpers/kube/laptop-client.ts');
const CLI = path.join(here, '../../src/cli/main.ts');
const SEED = '198.19.0.1:6379';
const INGRESS_HOST = '198.19.0.1';
const CONNECT_TIMEOUT_MS = 2_000;

function parseResult(result: ExecResult): LaptopClientResult {
  if (result.code !== 0 || result.timedOut) {
    throw new Error(
      `laptop client failed (exit ${result.code}, timed out: ${result.timedOut}):\n${result.stderr}`,
    );
  }
  return JSON.parse(result.stdout) as LaptopClientResult;
}

async function runClient(lab: KubeLab, spec: object, timeoutMs = 40_000): Promise<LaptopClientResult> {
  return parseResult(await lab.runInLaptop(LAPTOP_CLIENT, [JSON.stringify(spec)], { timeoutMs }));
}

/**
 * Runs the laptop client in `slots` mode with a sync directory: once it has written every slot, fails a
 * primary over (a cluster primary by default), then lets the same client read and write every slot again.
 */
async function slotsAcrossFailover(
  lab: KubeLab,
  spec: { config: ClientConfig; functionMap?: Record<string, string> },
  failOver: () => Promise<{ previous: string; promoted: string }> = () => lab.failoverClusterPrimary(),
): Promise<{ result: LaptopClientResult; failover: { previous: string; promoted: string } }> {
  const syncDir = mkdtempSync(path.join(tmpdir(), 'sb-kube-reach-'));
  try {
    let finished = false;
    const running = lab
      .runInLaptop(LAPTOP_CLIENT, [JSON.stringify({ mode: 'slots', ...spec, syncDir })], {
        timeoutMs: 60_000,
      })
      .finally(() => {
        finished = true;
      });
    while (!existsSync(path.join(syncDir, 'ready'))) {
      if (finished) return { result: parseResult(await running), failover: { previous: '', promoted: '' } };
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const failover = await failOver();
    writeFileSync(path.join(syncDir, 'go'), '');
    return { result: parseResult(await running), failover };
  } finally {
    rmSync(syncDir, { recursive: true, force: true });
  }
}

function expectEverySlotAcrossFailover(outcome: Awaited<ReturnType<typeof slotsAcrossFailover>>): void {
  const { result, failover } = outcome;
  expect(result.mode).toBe('slots');
  if (result.mode !== 'slots') return;
  expect(result.before).toEqual({ ok: 16384, failed: 0, errors: [] });
  expect(failover.promoted).not.toBe('');
  expect(failover.promoted).not.toBe(failover.previous);
  expect(result.after).toEqual({
    read: { ok: 16384, failed: 0, errors: [] },
    write: { ok: 16384, failed: 0, errors: [] },
  });
}

async function doctor(lab: KubeLab, ...args: string[]): Promise<ExecResult> {
  const result = await lab.runInLaptop(CLI, ['doctor', ...args], { timeoutMs: 40_000 });
  expect(result.timedOut).toBe(false);
  return result;
}

describe.skipIf(kubeSkipReason !== undefined)('kube lab: reaching the servers from the laptop', () => {
  const fixture = useKubeLab();

  it('without a mapping: fails fast with the explained error, never hangs', async () => {
    const { lab } = fixture;
    const result = await runClient(lab, {
      mode: 'unmapped',
      config: { cluster: { hosts: [SEED] }, connectTimeout: CONNECT_TIMEOUT_MS },
    });
    expect(result.mode).toBe('unmapped');
    if (result.mode !== 'unmapped') return;
    // The seed answers through the ingress: connecting works, the trouble starts at the announced nodes.
    expect(result.connectError).toBeUndefined();
    const error = result.set.error;
    expect(error, JSON.stringify(result.set)).toBeDefined();
    expect(error).toMatchObject({ name: 'UnreachableNodeError', code: 'ERR_NODE_UNREACHABLE' });
    // Bounded: within the connect timeout (ENETUNREACH is immediate), never waiting for a reply.
    expect(result.set.ms).toBeLessThan(CONNECT_TIMEOUT_MS + 1_000);

    const states = await lab.clusterState();
    const owner = states.find((state) => state.internal === error?.node?.announced);
    expect(owner, `announced ${error?.node?.announced}`).toBeDefined();
    const slots = (owner?.slots ?? []).map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(',');
    expect(error?.node).toEqual({
      announced: owner?.internal,
      target: owner?.internal,
      source: 'cluster-shards',
      announcedBy: SEED,
      nodeId: owner?.id,
      role: 'master',
      slots,
      causeCode: 'ENETUNREACH',
    });
    expect(owner?.internal).toMatch(/^198\.18\.0\.\d+:6379$/);
    const message = error?.message ?? '';
    expect(message).toContain(`node ${owner?.id.slice(0, 12)}, master, slots ${slots}`);
    expect(message).toContain(`The server at ${SEED} announced it as ${owner?.internal} in CLUSTER SHARDS`);
    expect(message).toContain('ENETUNREACH');
    expect(message).toContain(
      `(1) addresses.map: { '${owner?.internal}': '<host:port reachable from here>' }`,
    );
    expect(message).toContain('(2) addresses.discover');
    expect(message).toContain('(3) run `slotbridge proxy`');
    expect(message).toContain('slotbridge doctor <url>');

    // Every command of a pipeline over every slot fails the same way, none is left pending.
    expect(result.pipeline).toMatchObject({ unreachable: 16384, other: [], succeeded: 0 });
  }, 60_000);

  it('through the ingress with discover: every slot, also after a primary fails over', async () => {
    const { lab } = fixture;
    expect(lab.clusterPortRange).toBe('30001-30006');
    const outcome = await slotsAcrossFailover(lab, {
      config: {
        cluster: { hosts: [SEED] },
        addresses: { discover: { host: INGRESS_HOST, ports: lab.clusterPortRange } },
      },
    });
    expectEverySlotAcrossFailover(outcome);
  }, 60_000);

  it('with a static map from the ingress plan: the same', async () => {
    const { lab } = fixture;
    const map = lab.ingressMap();
    for (const node of lab.clusterNodes) expect(map[node.internal]).toBe(node.ingress);
    const outcome = await slotsAcrossFailover(lab, {
      config: { cluster: { hosts: [SEED] }, addresses: { map } },
    });
    expectEverySlotAcrossFailover(outcome);
  }, 60_000);

  it('with a function map: the same', async () => {
    const { lab } = fixture;
    const outcome = await slotsAcrossFailover(lab, {
      config: { cluster: { hosts: [SEED] } },
      functionMap: lab.ingressMap(),
    });
    expectEverySlotAcrossFailover(outcome);
  }, 60_000);

  it('slotbridge doctor: lists the unreachable nodes and exits 1; with --expose proposes discover', async () => {
    const { lab } = fixture;
    const plain = await doctor(lab, `redis-cluster://${SEED}`, '--timeout', '1000');
    expect(plain.code, plain.stderr).toBe(1);
    for (const node of lab.clusterNodes) {
      expect(plain.stdout).toMatch(new RegExp(`${node.id.slice(0, 12)}.*${node.internal}.*ENETUNREACH`));
    }
    expect(plain.stdout).toContain('6 of 6 announced nodes do not answer from here');
    expect(plain.stdout).toContain('addresses: {"map"');
    expect(plain.stdout).toContain('slotbridge proxy --cluster');

    const exposed = await doctor(
      lab,
      `redis-cluster://${SEED}`,
      '--expose',
      `${INGRESS_HOST}:${lab.clusterPortRange}`,
      '--json',
    );
    expect(exposed.code, exposed.stderr).toBe(1);
    const report = JSON.parse(exposed.stdout) as {
      ok: boolean;
      nodes: Array<{ announced: string; reachable: boolean; exposedAs?: string }>;
      suggestedAddresses: unknown;
    };
    expect(report.ok).toBe(false);
    expect(report.nodes.filter((node) => !node.reachable)).toHaveLength(6);
    for (const node of lab.clusterNodes) {
      expect(report.nodes.find((n) => n.announced === node.internal)?.exposedAs).toBe(node.ingress);
    }
    expect(report.suggestedAddresses).toEqual({
      discover: { host: INGRESS_HOST, ports: lab.clusterPortRange },
    });
  }, 60_000);

  it('slotbridge doctor with the discover URL form: everything reachable, exit 0', async () => {
    const { lab } = fixture;
    const fixed = await doctor(
      lab,
      `redis-cluster://${SEED}?discover=${INGRESS_HOST}:${lab.clusterPortRange}`,
    );
    expect(fixed.code, `${fixed.stdout}\n${fixed.stderr}`).toBe(0);
    expect(fixed.stdout).toContain('All 6 announced nodes answer from here');
    expect(fixed.stdout).toContain('OK: everything is reachable.');
  }, 60_000);

  it('sentinel group through the sentinel entry with a static map: works and follows a failover', async () => {
    const { lab } = fixture;
    const map = Object.fromEntries(
      [...lab.sentinelDataNodes, ...lab.sentinels].map((node) => [node.internal, node.ingress ?? '']),
    );
    expect(Object.keys(map)).toHaveLength(6);
    const outcome = await slotsAcrossFailover(
      lab,
      {
        config: {
          sentinel: { hosts: [lab.sentinelEntry?.ingress ?? ''], name: lab.masterName },
          addresses: { map },
        },
      },
      () => lab.sentinelFailover(),
    );
    expectEverySlotAcrossFailover(outcome);
  }, 60_000);

  it('sentinel group through the ingress with discover: works and follows a sentinel failover', async () => {
    const { lab } = fixture;
    const outcome = await slotsAcrossFailover(
      lab,
      {
        config: {
          sentinel: { hosts: [lab.sentinelEntry?.ingress ?? ''], name: lab.masterName },
          addresses: { discover: { host: INGRESS_HOST, ports: lab.sentinelPortRange } },
        },
      },
      () => lab.sentinelFailover(),
    );
    expectEverySlotAcrossFailover(outcome);
  }, 60_000);

  it('sentinel group without a mapping: fails fast with UnreachableNodeError naming the sentinel', async () => {
    const { lab } = fixture;
    const entry = lab.sentinelEntry?.ingress ?? '';
    const result = await runClient(lab, {
      mode: 'unmapped',
      config: { sentinel: { hosts: [entry], name: lab.masterName }, connectTimeout: CONNECT_TIMEOUT_MS },
    });
    expect(result.mode).toBe('unmapped');
    if (result.mode !== 'unmapped') return;
    const error = result.connectError ?? result.set.error;
    expect(error, JSON.stringify(result)).toMatchObject({
      name: 'UnreachableNodeError',
      code: 'ERR_NODE_UNREACHABLE',
    });
    expect(error?.node?.source).toBe('sentinel-master');
    expect(error?.node?.role).toBe('master');
    expect(error?.node?.announced).toMatch(/^198\.18\.0\.2\d:6379$/);
    expect(error?.node?.announcedBy).toBe(entry);
    expect(error?.node?.causeCode).toBe('ENETUNREACH');
    expect(error?.message).toMatch(
      /addresses\.map.*addresses\.discover.*slotbridge proxy.*slotbridge doctor/,
    );
    expect(result.connectMs).toBeLessThan(CONNECT_TIMEOUT_MS + 1_000);
  }, 60_000);
});
