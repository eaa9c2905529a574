/**
 * The proxy section of `npm run bench` (alone: `npm run bench:proxy`): a verified SET/GET load
 * (bench/verified-load.ts: 50 connections, unpipelined and 16 per batch, keys over every slot, every
 * reply checked byte for byte, two thirds of them MOVED) against one node of a 3-primary loopback lab
 * cluster, through:
 *
 * - `slotbridge proxy --workers N` (its own processes, the way it is deployed), N = 1 and 2;
 * - haproxy in TCP mode with `nbthread N` (a forwarder that parses nothing: the floor of any proxy);
 * - a bare Node forwarder (bench/bare-forwarder.ts: net.Socket pipe both ways, N node:cluster
 *   processes): what Node itself costs, without any of slotbridge's work;
 * - direct access.
 *
 * Every process is started once; rounds interleave the targets (rotating their order) so that the
 * noise of a shared machine hits all of them alike; medians are reported. The 1-minute load average is
 * recorded at every round. haproxy comes from Debian's package: installed when missing and running as
 * root (like scripts/ensure-deps.sh does for Redis), else its rows are skipped.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { findFreePort, type LabCluster, startCluster } from '../src/lab/index.js';
import type { ProxyScaleRecord, ProxyScaleSample } from './results-file.js';
import { renderProxyScale } from './table.js';
import type { LoadConfig, LoadResult } from './verified-load.js';

const run = promisify(execFile);
const HOST = '127.0.0.1';
const ROUNDS = Number(process.env.BENCH_PROXY_ROUNDS ?? 5);
const SECONDS = Number(process.env.BENCH_PROXY_SECONDS ?? 3);
const CLIENTS = 50;
const PIPELINE = 16;
const WORKERS = (process.env.BENCH_PROXY_WORKERS ?? '1,2').split(',').map(Number);
const mainPath = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
const loadPath = fileURLToPath(new URL('./verified-load.js', import.meta.url));
const barePath = fileURLToPath(new URL('./bare-forwarder.js', import.meta.url));

interface Target {
  /** `direct`, `slotbridge/N`, `haproxy/N`, `bare-node/N`. */
  name: string;
  port: number;
  /** Owner id → host:port a MOVED through this target carries. */
  movedTo: Record<string, string>;
  /** The forwarder's process (its children, the workers, are counted with it); none for direct. */
  pid?: number | undefined;
}

/**
 * CPU time (user + system, clock ticks of 10 ms) of `pid` and every process below it (workers, and
 * anything they start), found by walking the parent links of /proc: on a shared machine, CPU per request
 * is steadier than throughput, which the other tenants' load moves.
 */
export function cpuTicks(pid: number): number {
  const parentOf = new Map<number, number>();
  const cpuOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited while we listed
    }
    // Fields after "(comm) ": state, ppid, …, utime (12th), stime (13th).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    parentOf.set(Number(entry), Number(fields[1]));
    cpuOf.set(Number(entry), Number(fields[11]) + Number(fields[12]));
  }
  let total = 0;
  for (const [candidate, cpu] of cpuOf) {
    // Up the parent chain until `pid` (a descendant) or the root (not ours).
    for (let at: number | undefined = candidate; at !== undefined && at > 0; at = parentOf.get(at)) {
      if (at === pid) {
        total += cpu;
        break;
      }
    }
  }
  return total;
}

/** Waits for `pattern` on a child's stdout; resolves with everything printed so far. */
function waitFor(child: ChildProcess, pattern: RegExp, what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${what} did not start:\n${out}`)), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (pattern.test(out)) {
        clearTimeout(timer);
        child.stdout?.removeAllListeners('data');
        child.stdout?.resume();
        resolve(out);
      }
    });
    child.once('exit', (code) => reject(new Error(`${what} exited with ${code}:\n${out}`)));
  });
}

/** `slotbridge proxy --workers N`; resolves with node id prefix → proxy port (from its start-up table). */
async function startSlotbridge(
  seedPort: number,
  workers: number,
): Promise<{ child: ChildProcess; ports: Map<string, number> }> {
  const first = 20_000 + Math.floor(Math.random() * 100) * 100;
  const child = spawn(
    process.execPath,
    [
      mainPath,
      'proxy',
      '--cluster',
      `redis://${HOST}:${seedPort}`,
      '--advertise',
      HOST,
      '--ports',
      `${first}-${first + 99}`,
      '--refresh-interval',
      '0',
      '--workers',
      String(workers),
      // Each proxy its own table: with the default (a table in the cluster) the N = 2 proxy took the
      // N = 1 proxy's ports, found them busy, and the load of "slotbridge/2" reached the N = 1 process —
      // which is why its CPU per request read ~0.1 µs (none of its own processes did the work).
      '--port-table',
      'memory',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const out = await waitFor(child, /try:/, `slotbridge proxy --workers ${workers}`);
  const ports = new Map<string, number>();
  for (const match of out.matchAll(/:(\d+) \(advertised [^)]+\) -> ([0-9a-f]{8}) /g)) {
    ports.set(match[2], Number(match[1]));
  }
  return { child, ports };
}

/** haproxy on PATH, installing Debian's package when missing and root; undefined with the reason otherwise. */
async function ensureHaproxy(): Promise<string | undefined> {
  const found = await run('sh', ['-c', 'command -v haproxy']).catch(() => undefined);
  if (found !== undefined) return undefined;
  if (process.getuid?.() !== 0) return 'haproxy is not installed (as root: apt-get install -y haproxy)';
  process.stderr.write('[bench] installing haproxy from Debian packages\n');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const installed = await run('apt-get', ['install', '-y', '-q', 'haproxy'], { env }).catch(async () => {
    await run('apt-get', ['update', '-q'], { env });
    return run('apt-get', ['install', '-y', '-q', 'haproxy'], { env });
  });
  return installed === undefined ? 'apt-get install haproxy failed' : undefined;
}

/** haproxy in TCP mode, `nbthread` threads, loopback only. */
async function startHaproxy(
  dir: string,
  backendPort: number,
  threads: number,
): Promise<{ child: ChildProcess; port: number }> {
  const port = await findFreePort();
  const config = [
    'global',
    `  nbthread ${threads}`,
    '  maxconn 4096',
    'defaults',
    '  mode tcp',
    '  timeout connect 5s',
    '  timeout client 1m',
    '  timeout server 1m',
    `frontend redis_${port}`,
    `  bind ${HOST}:${port}`,
    `  default_backend node_${backendPort}`,
    `backend node_${backendPort}`,
    `  server node ${HOST}:${backendPort}`,
    '',
  ].join('\n');
  const file = path.join(dir, `haproxy-${threads}.cfg`);
  await writeFile(file, config);
  const child = spawn('haproxy', ['-db', '-f', file], { stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    errors += chunk.toString();
  });
  for (let i = 0; i < 100; i++) {
    const pong = await run('redis-cli', ['-h', HOST, '-p', String(port), 'PING']).catch(() => undefined);
    if (pong?.stdout.trim() === 'PONG') return { child, port };
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`haproxy did not start:\n${errors}`);
}

async function startBare(
  backendPort: number,
  workers: number,
): Promise<{ child: ChildProcess; port: number }> {
  const port = await findFreePort();
  const child = spawn(process.execPath, [barePath, String(port), String(backendPort), String(workers)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await waitFor(child, /ready/, `bare forwarder (${workers})`);
  return { child, port };
}

/** One verified load run in its own process. */
async function load(config: LoadConfig): Promise<LoadResult> {
  const { stdout } = await run(process.execPath, [loadPath, JSON.stringify(config)], {
    timeout: (config.seconds + 60) * 1000,
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout.trim().split('\n').pop() as string) as LoadResult;
}

/** Runs the proxy section, prints its table and returns every round's samples for the results file. */
export async function runProxyBench(): Promise<ProxyScaleRecord> {
  const started = Date.now();
  const haproxyMissing = await ensureHaproxy();
  const dir = await mkdtemp(path.join(tmpdir(), 'slotbridge-proxy-bench-'));
  let cluster: LabCluster | undefined;
  const children: ChildProcess[] = [];
  try {
    cluster = await startCluster({
      primaries: 3,
      replicasPerPrimary: 0,
      args: { save: '""', appendonly: 'no' },
    });
    const info = (await cluster.nodesInfo()).filter((node) => node.slots.length > 0);
    const self = info.find((node) => node.port === cluster?.nodes[0].port) ?? info[0];
    const slots: Array<[number, number, string]> = info.flatMap((node) =>
      node.slots.map(([start, end]) => [start, end, node.id] as [number, number, string]),
    );
    const direct: Record<string, string> = Object.fromEntries(
      info.map((node) => [node.id, `${HOST}:${node.port}`]),
    );
    const targets: Target[] = [{ name: 'direct', port: self.port, movedTo: direct }];
    for (const workers of WORKERS) {
      const proxy = await startSlotbridge(self.port, workers);
      children.push(proxy.child);
      const movedTo: Record<string, string> = {};
      for (const node of info) movedTo[node.id] = `${HOST}:${proxy.ports.get(node.id.slice(0, 8))}`;
      targets.push({
        name: `slotbridge/${workers}`,
        port: proxy.ports.get(self.id.slice(0, 8)) as number,
        movedTo,
        pid: proxy.child.pid,
      });
      if (haproxyMissing === undefined) {
        const haproxy = await startHaproxy(dir, self.port, workers);
        children.push(haproxy.child);
        targets.push({
          name: `haproxy/${workers}`,
          port: haproxy.port,
          movedTo: direct,
          pid: haproxy.child.pid,
        });
      }
      const bare = await startBare(self.port, workers);
      children.push(bare.child);
      targets.push({ name: `bare-node/${workers}`, port: bare.port, movedTo: direct, pid: bare.child.pid });
    }
    const samples: Record<string, ProxyScaleSample[]> = {};
    const loadAverages: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      loadAverages.push(os.loadavg()[0]);
      for (const mode of ['plain', 'pipelined'] as const) {
        const order = targets.map((_, i) => targets[(i + round) % targets.length]);
        for (const target of order) {
          const cpuBefore = target.pid === undefined ? 0 : cpuTicks(target.pid);
          const result = await load({
            port: target.port,
            connections: CLIENTS,
            pipeline: mode === 'plain' ? 1 : PIPELINE,
            seconds: SECONDS,
            slots,
            movedTo: target.movedTo,
            self: self.id,
          });
          if (result.mismatches > 0) {
            throw new Error(
              `${target.name} (${mode}): a reply differed from the expected one: ${result.firstMismatch}`,
            );
          }
          const key = `${target.name}/${mode}`;
          samples[key] ??= [];
          // Ticks of 10 ms → µs.
          const cpu = target.pid === undefined ? undefined : (cpuTicks(target.pid) - cpuBefore) * 10_000;
          samples[key].push({
            rps: result.rps,
            p50: result.p50,
            p99: result.p99,
            p999: result.p999,
            requests: result.requests,
            moved: result.moved,
            ...(cpu === undefined ? {} : { cpuUsPerRequest: cpu / result.requests }),
          });
        }
      }
      process.stderr.write(
        `[bench] proxy round ${round + 1}/${ROUNDS} done (load ${os.loadavg()[0].toFixed(2)})\n`,
      );
    }
    loadAverages.push(os.loadavg()[0]);
    const versionText = (await run('haproxy', ['-v']).catch(() => undefined))?.stdout ?? '';
    const record: ProxyScaleRecord = {
      kind: 'workers',
      tool: `bench/verified-load.ts: SET/GET alternating over ${4096} keys of every slot, every reply checked; ${SECONDS} s per run`,
      clients: CLIENTS,
      pipeline: PIPELINE,
      seconds: SECONDS,
      rounds: ROUNDS,
      workers: WORKERS,
      haproxy:
        haproxyMissing ?? `haproxy ${/version (\S+)/.exec(versionText)?.[1] ?? '?'}, mode tcp, nbthread N`,
      loadAverages,
      samples,
    };
    console.log(`\n${renderProxyScale(record)}`);
    console.log(`(${((Date.now() - started) / 1000).toFixed(0)} s)`);
    return record;
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await cluster?.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

/** `npm run bench:proxy`: the proxy section alone, written to bench/results/<date>-proxy-<name>.json. */
async function main(): Promise<void> {
  const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
  const git = async (args: string[]): Promise<string> =>
    (await run('git', args, { cwd: repoRoot }).catch(() => ({ stdout: '' }))).stdout.trim();
  const startedAt = new Date();
  const loadAverageStart = os.loadavg()[0];
  const proxy = await runProxyBench();
  const name = (process.env.BENCH_NAME ?? 'run').replace(/[^\w.-]+/g, '-');
  const results = {
    schema: 1,
    name: `proxy-${name}`,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    command: `npm run bench:proxy (BENCH_PROXY_ROUNDS=${ROUNDS}, BENCH_PROXY_SECONDS=${SECONDS})`,
    ...(process.env.BENCH_NOTE ? { note: process.env.BENCH_NOTE } : {}),
    git: { commit: await git(['rev-parse', 'HEAD']), dirty: (await git(['status', '--porcelain'])) !== '' },
    machine: {
      cores: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? '?',
      memoryMiB: Math.round(os.totalmem() / 1024 / 1024),
      os: `${os.type()} ${os.release()} ${os.arch()}`,
      loadAverageStart,
      loadAverageEnd: os.loadavg()[0],
    },
    node: process.version,
    server: {
      name: 'redis',
      version:
        (await run('redis-server', ['--version']).catch(() => ({ stdout: '' }))).stdout.match(
          /v=(\S+)/,
        )?.[1] ?? '?',
      binary: (
        await run('sh', ['-c', 'command -v redis-server']).catch(() => ({ stdout: '?' }))
      ).stdout.trim(),
    },
    rounds: ROUNDS,
    clients: {},
    proxy,
  };
  const dir = path.join(repoRoot, 'bench', 'results');
  await mkdir(dir, { recursive: true });
  let file = path.join(dir, `${startedAt.toISOString().slice(0, 10)}-${results.name}.json`);
  if (existsSync(file))
    file = file.replace(/\.json$/, `-${startedAt.toISOString().slice(11, 16).replace(':', '')}.json`);
  await writeFile(file, `${JSON.stringify(results, null, 1)}\n`);
  console.log(`\nRaw results: ${path.relative(repoRoot, file)}`);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  await main();
}
