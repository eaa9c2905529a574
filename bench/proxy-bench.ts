/**
 * The proxy section of `npm run bench`: redis-benchmark (SET and GET, 50 clients, unpipelined and
 * -P 16) against one node of a loopback lab cluster, three ways: direct, through `slotbridge proxy`
 * (run as its own process, the way it is deployed) and through haproxy in TCP mode (a forwarder that
 * parses nothing: the cost floor of any proxy). Reports ops/s, the ratio to haproxy and p50/p99
 * latency with what each proxy adds over direct. Runs alone with `node dist-bench/bench/proxy-bench.js`.
 *
 * redis-benchmark's keys (`key:__rand_int__` without -r) all hash to one slot; the benchmark targets
 * the node that owns it, so no reply is a redirect. haproxy comes from Debian's package: installed when
 * missing and running as root (like scripts/ensure-deps.sh does for Redis), else its rows are skipped.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { findFreePort, type LabCluster, startCluster } from '../src/lab/index.js';
import type { ProxyRecord } from './results-file.js';

const run = promisify(execFile);
const HOST = '127.0.0.1';
const ROUNDS = Number(process.env.BENCH_PROXY_ROUNDS ?? 3);
const CLIENTS = 50;
/** Requests per redis-benchmark test, per mode (sized for a few seconds per run on a small machine). */
const REQUESTS = { plain: 20_000, pipelined: 150_000 } as const;
const mainPath = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));

type Target = 'direct' | 'slotbridge' | 'haproxy';
type Mode = keyof typeof REQUESTS;

interface Sample {
  rps: number;
  p50: number;
  p99: number;
}

/** One redis-benchmark run; SET and GET averaged (ops/s summed over time, latencies averaged). */
async function benchmark(port: number, mode: Mode): Promise<Sample> {
  const args = ['-h', HOST, '-p', String(port), '-t', 'set,get', '-c', String(CLIENTS)];
  args.push('-n', String(REQUESTS[mode]), '--csv');
  if (mode === 'pipelined') args.push('-P', '16');
  const { stdout } = await run('redis-benchmark', args, { timeout: 60_000 });
  const rows = stdout
    .trim()
    .split('\n')
    .filter((line) => line.startsWith('"SET"') || line.startsWith('"GET"'))
    .map((line) => line.split(',').map((cell) => Number(cell.replace(/"/g, ''))));
  if (rows.length !== 2) throw new Error(`unexpected redis-benchmark output:\n${stdout}`);
  // Columns: test, rps, avg, min, p50, p95, p99, max.
  const seconds = rows.reduce((sum, row) => sum + REQUESTS[mode] / row[1], 0);
  return {
    rps: (REQUESTS[mode] * rows.length) / seconds,
    p50: (rows[0][4] + rows[1][4]) / 2,
    p99: (rows[0][6] + rows[1][6]) / 2,
  };
}

/** Starts `slotbridge proxy` as a child process; resolves with its port for `nodeAddress`. */
async function startProxy(
  seedPort: number,
  nodeAddress: string,
): Promise<{ child: ChildProcess; port: number }> {
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
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`slotbridge proxy did not start:\n${out}`)), 20_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const row = out.split('\n').find((line) => line.includes(` ${nodeAddress} `));
      const match = row === undefined ? null : /:(\d+) \(advertised/.exec(row);
      if (match !== null && out.includes('try:')) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once('exit', (code) => reject(new Error(`slotbridge proxy exited with ${code}:\n${out}`)));
  });
  child.stdout?.resume();
  return { child, port };
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

/** haproxy in TCP mode, one thread (like the proxy's one event loop), loopback only. */
async function startHaproxy(
  dir: string,
  backendPort: number,
): Promise<{ child: ChildProcess; port: number }> {
  const port = await findFreePort();
  const config = [
    'global',
    '  nbthread 1',
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
  const file = path.join(dir, 'haproxy.cfg');
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

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

/** Runs the proxy section, prints its table and returns every round's samples for the results file. */
export async function runProxyBench(): Promise<ProxyRecord> {
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
    const slot = Number(await cluster.nodes[0].cli('CLUSTER', 'KEYSLOT', 'key:__rand_int__'));
    const owner = await cluster.ownerOf(slot);
    const proxy = await startProxy(cluster.nodes[0].port, owner.address);
    children.push(proxy.child);
    const ports: Partial<Record<Target, number>> = { direct: owner.port, slotbridge: proxy.port };
    if (haproxyMissing === undefined) {
      const haproxy = await startHaproxy(dir, owner.port);
      children.push(haproxy.child);
      ports.haproxy = haproxy.port;
    }
    const targets = (Object.keys(ports) as Target[]).filter((target) => ports[target] !== undefined);
    const samples = new Map<string, Sample[]>();
    for (let round = 0; round < ROUNDS; round++) {
      for (const mode of ['plain', 'pipelined'] as const) {
        const order = targets.map((_, i) => targets[(i + round) % targets.length]);
        for (const target of order) {
          const key = `${target}/${mode}`;
          const list = samples.get(key) ?? [];
          list.push(await benchmark(ports[target] as number, mode));
          samples.set(key, list);
        }
      }
      process.stderr.write(`proxy round ${round + 1}/${ROUNDS} done\n`);
    }
    const versionText = (await run('haproxy', ['-v']).catch(() => undefined))?.stdout ?? '';
    const version = `haproxy ${/version (\S+)/.exec(versionText)?.[1] ?? '?'}`;
    console.log(
      `\nProxy: redis-benchmark SET+GET, ${CLIENTS} clients, one cluster node, median of ${ROUNDS} rounds`,
    );
    console.log(
      `  slotbridge proxy: own process; haproxy: ${haproxyMissing ?? `${version}, mode tcp, nbthread 1`}`,
    );
    const header = ['mode', 'target', 'ops/s', 'vs haproxy', 'p50 ms', 'p99 ms', '+p50 ms', '+p99 ms'];
    const rows: string[][] = [];
    for (const mode of ['plain', 'pipelined'] as const) {
      const pick = (target: Target): Sample | undefined => {
        const list = samples.get(`${target}/${mode}`);
        if (list === undefined) return undefined;
        return {
          rps: median(list.map((s) => s.rps)),
          p50: median(list.map((s) => s.p50)),
          p99: median(list.map((s) => s.p99)),
        };
      };
      const direct = pick('direct') as Sample;
      const haproxy = pick('haproxy');
      for (const target of targets) {
        const sample = pick(target) as Sample;
        rows.push([
          mode === 'plain' ? 'unpipelined' : '-P 16',
          target,
          Math.round(sample.rps).toLocaleString('en-US'),
          haproxy === undefined ? '-' : `${(sample.rps / haproxy.rps).toFixed(2)}x`,
          sample.p50.toFixed(3),
          sample.p99.toFixed(3),
          target === 'direct' ? '-' : (sample.p50 - direct.p50).toFixed(3),
          target === 'direct' ? '-' : (sample.p99 - direct.p99).toFixed(3),
        ]);
      }
    }
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells: string[]): string =>
      cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
    console.log(line(header));
    for (const row of rows) console.log(line(row));
    console.log(
      `  +p50/+p99: latency added over direct. Target: slotbridge >= 0.90x haproxy. (${((Date.now() - started) / 1000).toFixed(0)} s)`,
    );
    return {
      tool: `redis-benchmark -t set,get, median of ${ROUNDS} rounds`,
      clients: CLIENTS,
      haproxy: haproxyMissing ?? `${version}, mode tcp, nbthread 1`,
      samples: Object.fromEntries(samples),
    };
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await cluster?.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  await runProxyBench();
}
