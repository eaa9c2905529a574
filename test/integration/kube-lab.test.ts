/**
 * The kube lab (needs root): the laptop reaches only the ingress; the servers announce addresses
 * the laptop cannot route to (the seed's failure); every exposed port leads to the node it claims;
 * the failover helpers work; nothing is left behind.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { labServerBuild } from '../../src/lab/index.js';
import { LabUnavailableError, startKubeLab, sweepKubeLeftovers } from '../../src/lab/kube/index.js';
import {
  KUBE_ORPHAN_FIXTURE,
  kubeSkipReason,
  listNamespaces,
  probeFromLaptop,
  readableUnavailableFixture,
  useKubeLab,
} from '../helpers/kube/kube-lab.js';
import { isAlive } from '../helpers/lab.js';

const run = promisify(execFile);

function oneReply(results: Awaited<ReturnType<typeof probeFromLaptop>>): unknown {
  expect(results).toHaveLength(1);
  const [result] = results;
  if (!result.ok) {
    throw new Error(`${result.target}: ${result.errorCode} ${result.message}`);
  }
  return result.reply;
}

describe.skipIf(kubeSkipReason !== undefined)(
  'kube lab: reachability from the laptop, helpers, cleanup',
  () => {
    const fixture = useKubeLab();

    it('the seed ingress address answers PING', async () => {
      const { lab } = fixture;
      expect(lab.seed?.ingress).toBe('198.19.0.1:6379');
      expect(oneReply(await probeFromLaptop(lab, [lab.seed?.ingress ?? ''], ['PING']))).toBe('PONG');
    });

    it('an internal address fails with ENETUNREACH (the seed failure), and so does the ingress cluster side', async () => {
      const { lab } = fixture;
      const results = await probeFromLaptop(
        lab,
        ['198.18.0.11:6379', '198.18.0.21:6379', '198.18.0.1:6379'],
        ['PING'],
      );
      for (const result of results) {
        expect(result, result.target).toMatchObject({ ok: false, errorCode: 'ENETUNREACH' });
      }
    });

    it('CLUSTER SLOTS through the seed announces 198.18.0.x addresses the laptop cannot reach', async () => {
      const { lab } = fixture;
      const slots = oneReply(await probeFromLaptop(lab, [lab.seed?.ingress ?? ''], ['CLUSTER', 'SLOTS'])) as [
        number,
        number,
        ...[string, number, string][],
      ][];
      const announced = slots.flatMap(([, , ...nodes]) => nodes.map(([host, port]) => `${host}:${port}`));
      expect(new Set(announced)).toEqual(new Set(lab.clusterNodes.map((node) => node.internal)));
      expect(slots.reduce((sum, [start, end]) => sum + end - start + 1, 0)).toBe(16384);
      const fromLaptop = await probeFromLaptop(lab, announced.slice(0, 2), ['PING']);
      expect(fromLaptop.map((result) => (result.ok ? 'ok' : result.errorCode))).toEqual([
        'ENETUNREACH',
        'ENETUNREACH',
      ]);
    });

    it('every cluster port answers CLUSTER MYID with the id of the node behind it', async () => {
      const { lab } = fixture;
      expect(lab.clusterNodes.map((node) => node.ingress)).toEqual(
        [30001, 30002, 30003, 30004, 30005, 30006].map((port) => `198.19.0.1:${port}`),
      );
      const results = await probeFromLaptop(
        lab,
        lab.clusterNodes.map((node) => node.ingress ?? ''),
        ['CLUSTER', 'MYID'],
      );
      expect(results.map((result) => (result.ok ? result.reply : result.errorCode))).toEqual(
        lab.clusterNodes.map((node) => node.id),
      );
      expect(new Set(lab.clusterNodes.map((node) => node.id)).size).toBe(6);
    });

    it('every sentinel group port leads to its node: run ids for data nodes, SENTINEL MYID for sentinels', async () => {
      const { lab } = fixture;
      const info = await probeFromLaptop(
        lab,
        lab.sentinelDataNodes.map((node) => node.ingress ?? ''),
        ['INFO', 'server'],
      );
      const runIds = info.map((result) =>
        result.ok ? /run_id:(\w+)/.exec(String(result.reply))?.[1] : result.errorCode,
      );
      expect(runIds).toEqual(lab.sentinelDataNodes.map((node) => node.runId));
      const myIds = await probeFromLaptop(
        lab,
        lab.sentinels.map((sentinel) => sentinel.ingress ?? ''),
        ['SENTINEL', 'MYID'],
      );
      expect(myIds.map((result) => (result.ok ? result.reply : result.errorCode))).toEqual(
        lab.sentinels.map((sentinel) => sentinel.id),
      );
    });

    it('the sentinel entry answers with the primary internal address', async () => {
      const { lab } = fixture;
      expect(lab.sentinelEntry?.ingress).toBe('198.19.0.1:26379');
      const reply = oneReply(
        await probeFromLaptop(
          lab,
          [lab.sentinelEntry?.ingress ?? ''],
          ['SENTINEL', 'GET-MASTER-ADDR-BY-NAME', 'mymaster'],
        ),
      );
      expect(reply).toEqual(['198.18.0.21', '6379']);
    });

    it('ingressMap maps every announced address to its own ingress port', () => {
      const map = fixture.lab.ingressMap();
      expect(map['198.18.0.11:6379']).toBe('198.19.0.1:30001');
      expect(map['198.18.0.23:6379']).toBe('198.19.0.1:30013');
      expect(map['198.18.0.33:26379']).toBe('198.19.0.1:30023');
      expect(Object.keys(map)).toHaveLength(12);
    });

    it('failoverClusterPrimary promotes the replica, which then owns the slots', async () => {
      const { lab } = fixture;
      const before = await lab.clusterState();
      const primary = before.find((state) => state.role === 'primary');
      const { previous, promoted } = await lab.failoverClusterPrimary(primary?.internal);
      expect(previous).toBe(primary?.internal);
      const after = await lab.clusterState();
      const promotedState = after.find((state) => state.internal === promoted);
      expect(promotedState?.role).toBe('primary');
      expect(promotedState?.slots).toEqual(primary?.slots);
      expect(after.find((state) => state.internal === previous)?.primaryId).toBe(promotedState?.id);
    });

    it('sentinelFailover moves the primary and the sentinels agree', async () => {
      const { lab } = fixture;
      const { previous, promoted } = await lab.sentinelFailover();
      expect(previous).toBe('198.18.0.21:6379');
      expect(['198.18.0.22:6379', '198.18.0.23:6379']).toContain(promoted);
      expect(await lab.cli(promoted, 'ROLE')).toMatch(/^master/);
    });

    it('spawn runs a workload next to the servers and expose gives it an ingress port', async () => {
      const { lab } = fixture;
      const [address] = lab.workloadAddresses;
      const workload = lab.spawn('cluster', labServerBuild().server, [
        '--bind',
        address,
        '--port',
        '7000',
        '--save',
        '',
        '--protected-mode',
        'no',
      ]);
      await expect
        .poll(() => lab.cli(`${address}:7000`, 'PING').catch(() => 'not yet'), { timeout: 10_000 })
        .toBe('PONG');
      const [route] = await lab.expose([{ internal: `${address}:7000`, ingressPort: 31000 }]);
      expect(route.ingress).toBe('198.19.0.1:31000');
      expect(lab.ingressFor(`${address}:7000`)).toBe('198.19.0.1:31000');
      expect(oneReply(await probeFromLaptop(lab, [route.ingress], ['PING']))).toBe('PONG');
      await expect(lab.expose([{ internal: `${address}:7000`, ingressPort: 31000 }])).rejects.toThrow(
        /EADDRINUSE/,
      );
      await workload.stop();
    });

    it('stop kills every process and removes the namespaces and the directory', async () => {
      const { lab } = fixture;
      const pids = [...lab.clusterNodes, ...lab.sentinelDataNodes, ...lab.sentinels].map((node) => node.pid);
      const names = Object.values(lab.namespaces);
      expect(listNamespaces()).toEqual(expect.arrayContaining(names));
      await lab.stop();
      expect(listNamespaces().filter((name) => names.includes(name))).toEqual([]);
      for (const pid of pids) {
        expect(await isAlive(pid)).toBe(false);
      }
      expect(existsSync(lab.dir)).toBe(false);
    });
  },
);

describe.skipIf(kubeSkipReason !== undefined)('kube lab: leftovers', () => {
  interface FixtureOutput {
    namespaces: string[];
    pids: number[];
    dir: string;
  }

  it('a process that exits without stopping its lab leaves nothing behind', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', KUBE_ORPHAN_FIXTURE, 'exit'], {
      timeout: 60_000,
    });
    const output = JSON.parse(stdout) as FixtureOutput;
    expect(output.pids.length).toBeGreaterThan(0);
    expect(listNamespaces().filter((name) => output.namespaces.includes(name))).toEqual([]);
    for (const pid of output.pids) {
      expect(await isAlive(pid)).toBe(false);
    }
    expect(existsSync(output.dir)).toBe(false);
  });

  it('sweepKubeLeftovers removes the namespaces, processes and directory of a killed lab process', async () => {
    const child = execFile(process.execPath, ['--import', 'tsx', KUBE_ORPHAN_FIXTURE, 'wait']);
    const line = await new Promise<string>((resolve, reject) => {
      let text = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        if (text.includes('\n')) {
          resolve(text.slice(0, text.indexOf('\n')));
        }
      });
      child.once('exit', (code) => reject(new Error(`fixture exited with ${code} before starting its lab`)));
    });
    const output = JSON.parse(line) as FixtureOutput;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    expect(await isAlive(output.pids[0], 0)).toBe(true);
    expect(existsSync(output.dir)).toBe(true);
    await sweepKubeLeftovers();
    expect(listNamespaces().filter((name) => output.namespaces.includes(name))).toEqual([]);
    expect(existsSync(output.dir)).toBe(false);
    for (const pid of output.pids) {
      expect(await isAlive(pid)).toBe(false);
    }
  });
});

describe.skipIf(kubeSkipReason !== undefined)('kube lab: slotbridge lab up kube', () => {
  it('prints the seed ingress, serves it from the laptop, and cleans everything up on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'lab', 'up', 'kube', '--no-sentinel'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const text = await new Promise<string>((resolve, reject) => {
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Press Ctrl-C to stop.')) {
          resolve(output);
        }
      });
      child.once('exit', (code) => reject(new Error(`exited with ${code} before it was up:\n${output}`)));
    });
    expect(text).toMatch(/cluster seed: +198\.19\.0\.1:6379 -> 198\.18\.0\.11:6379/);
    expect(text).not.toMatch(/sentinel entry/);
    const laptop = /laptop ns: (sb-lp-\S+)/.exec(text)?.[1] ?? '';
    const names = [/cluster ns: (\S+)/.exec(text)?.[1], /ingress ns: (\S+)/.exec(text)?.[1], laptop];
    const { stdout } = await run('ip', [
      'netns',
      'exec',
      laptop,
      'redis-cli',
      '-h',
      '198.19.0.1',
      '-p',
      '30002',
      'PING',
    ]);
    expect(stdout.trim()).toBe('PONG');
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(listNamespaces().filter((name) => names.includes(name))).toEqual([]);
  });
});

const setprivAvailable = existsSync('/usr/bin/setpriv') || existsSync('/bin/setpriv');

describe.skipIf(kubeSkipReason !== undefined || !setprivAvailable)('kube lab: without root', () => {
  it('startKubeLab run by an unprivileged user rejects with LabUnavailableError saying why', async () => {
    // The fixture runs from a bundled copy in a folder the unprivileged user can read: the checkout may
    // live where it cannot (a clone in root's home, mode 700).
    const fixture = await readableUnavailableFixture();
    try {
      const { stdout } = await run(
        'setpriv',
        ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, fixture.file],
        { timeout: 30_000, cwd: path.dirname(fixture.file) },
      );
      expect(JSON.parse(stdout)).toEqual({
        name: 'LabUnavailableError',
        code: 'ERR_LAB_UNAVAILABLE',
        reason: expect.stringMatching(/must run as root/),
      });
    } finally {
      await fixture.remove();
    }
  });
});

describe.skipIf(kubeSkipReason === undefined)('kube lab: unavailable here', () => {
  it('startKubeLab rejects with LabUnavailableError naming the reason', async () => {
    const error = await startKubeLab().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LabUnavailableError);
    expect((error as LabUnavailableError).code).toBe('ERR_LAB_UNAVAILABLE');
    expect((error as LabUnavailableError).reason).toBe(kubeSkipReason);
  });
});
