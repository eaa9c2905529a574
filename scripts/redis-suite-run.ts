/**
 * The pieces of `npm run test:redis-suite` (scripts/redis-suite.ts) that touch processes: the suite's
 * sources extracted from the tarball, a fresh one-node cluster per unit (all 16384 slots, from the lab),
 * `slotbridge proxy` in front of it, `./runtest` against one of them, and the per-test result lines parsed.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { type RedisServerHandle, type ServerBuild, startServer } from '../src/lab/index.js';
import { repoRoot } from '../src/lab/server-build.js';

/** The Redis version whose suite (and server) the harness runs: issue 20 names 7.2.6. */
export const SUITE_VERSION = '7.2.6';
const HOST = '127.0.0.1';

/**
 * The harness's own port band, 31000-32699: above the two vitest bands of test/helpers/port-range.ts
 * (10000-19999 and 21000-30999) and below the ephemeral ports (32768+, where lab servers get theirs).
 * A lane takes a slice of SLICE ports: the proxy's range first, the suite's own test-server ports after.
 */
const BAND_FIRST = 31_000;
const BAND_SLICES = 85;
const SLICE = 20;
const PROXY_PORTS = 10;

/** What one unit gave: test name -> how many times it passed / failed (a test may run once per encoding). */
export interface UnitResult {
  ok: Record<string, number>;
  failed: Record<string, number>;
  skipped: number;
  /** The `[exception]` line, or why the unit stopped early (timeout, runtest's exit code). */
  aborted: string | null;
  seconds: number;
}

/**
 * Extracts the suite (runtest, tests/, src/version.h) into `dir` and checks it is Redis {@link SUITE_VERSION};
 * `src/redis-*` link to the build's binaries (a few tests run them by that path). Returns the suite's root.
 */
export async function extractSuite(tarball: string, dir: string, build: ServerBuild): Promise<string> {
  const top = `redis-${SUITE_VERSION}`;
  await run('tar', ['xzf', tarball, '-C', dir, `${top}/runtest`, `${top}/tests`, `${top}/src/version.h`]);
  const root = path.join(dir, top);
  const version = /REDIS_VERSION "([^"]+)"/.exec(readFileSync(path.join(root, 'src', 'version.h'), 'utf8'));
  if (version?.[1] !== SUITE_VERSION) {
    throw new Error(
      `${tarball}: expected Redis ${SUITE_VERSION} sources, found ${version?.[1] ?? 'no version'}`,
    );
  }
  for (const name of ['redis-server', 'redis-cli', 'redis-benchmark']) {
    const target = path.join(build.binDir ?? '', name);
    if (build.binDir !== undefined && existsSync(target)) symlinkSync(target, path.join(root, 'src', name));
  }
  mkdirSync(path.join(root, 'tests', 'tmp'), { recursive: true });
  return root;
}

function run(file: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${file} ${args.join(' ')}: exit ${code}: ${stderr}`)),
    );
  });
}

/**
 * A fresh one-node cluster owning every slot, configured as Redis's own CI runs its external cluster
 * job (DEBUG, protected configs and MODULE allowed, no saving).
 */
export async function startOneNodeCluster(build: ServerBuild): Promise<RedisServerHandle> {
  const server = await startServer({
    server: build.binDir,
    args: {
      'cluster-enabled': 'yes',
      'enable-debug-command': 'yes',
      'enable-protected-configs': 'yes',
      'enable-module-command': 'yes',
    },
    timeoutMs: 20_000,
  });
  try {
    await server.cli('CLUSTER', 'ADDSLOTSRANGE', '0', '16383');
    const deadline = Date.now() + 20_000;
    while (!(await server.cli('CLUSTER', 'INFO')).includes('cluster_state:ok')) {
      if (Date.now() > deadline) throw new Error(`${server.address}: cluster_state not ok after 20 s`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return server;
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/** Whether `port` can be bound on loopback right now. */
function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ host: HOST, port, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

/** Slices taken by lanes of this process (a lane returns its slice when its unit ends). */
const taken = new Set<number>();

/** A free slice of the band: `first` for the proxy's range, `suiteBase` for runtest's own ports. */
export async function takePortSlice(): Promise<{ first: number; suiteBase: number; release(): void }> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const slice = Math.floor(Math.random() * BAND_SLICES);
    if (taken.has(slice)) continue;
    const first = BAND_FIRST + slice * SLICE;
    const ports = Array.from({ length: SLICE }, (_, i) => first + i);
    if (!(await Promise.all(ports.map(portIsFree))).every(Boolean)) continue;
    taken.add(slice);
    return { first, suiteBase: first + PROXY_PORTS, release: () => taken.delete(slice) };
  }
  throw new Error(`no free ${SLICE}-port slice in ${BAND_FIRST}-${BAND_FIRST + BAND_SLICES * SLICE - 1}`);
}

/** A running `slotbridge proxy` (the CLI from the sources, through tsx). */
export interface RunningProxy {
  readonly port: number;
  stop(): Promise<void>;
}

/**
 * `slotbridge proxy --allow-admin` (the suite runs CONFIG SET and DEBUG) with its default `--workers`, in
 * front of `backendPort`. The port table stays in memory: the default keeps it in a hash in the cluster,
 * a key the suite's own FLUSHALL/DBSIZE/KEYS tests would see. No periodic refresh (see below).
 */
export async function startProxy(
  backendPort: number,
  firstPort: number,
  logFile: string,
): Promise<RunningProxy> {
  const root = repoRoot();
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(root, 'src', 'cli', 'main.ts'),
      'proxy',
      '--cluster',
      `redis://${HOST}:${backendPort}`,
      '--advertise',
      HOST,
      '--ports',
      `${firstPort}-${firstPort + PROXY_PORTS - 1}`,
      '--allow-admin',
      '--port-table',
      'memory',
      // A one-node cluster never changes; without periodic refreshes the proxy sends the node nothing of
      // its own that MONITOR tests would read between the lines they expect.
      '--refresh-interval',
      '0',
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const log = createWriteStream(logFile);
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  let text = '';
  const banner = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`proxy not ready within 60 s:\n${text}`)), 60_000);
    child.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const entry = /entry [^\s:]+:(\d+)/.exec(text);
      if (entry !== null && text.includes('try:')) {
        clearTimeout(timer);
        resolve(Number(entry[1]));
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`proxy exited (${code}) before it was ready:\n${text}`));
    });
  });
  const stop = async (): Promise<void> => {
    const workers =
      /pids ([\d, ]+);/
        .exec(text)?.[1]
        .split(',')
        .map((pid) => Number(pid.trim())) ?? [];
    await stopChild(child, 15_000);
    for (const pid of workers) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone with its primary, as it should be.
      }
    }
    log.end();
  };
  try {
    return { port: await banner, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the process has exited. */
function stopChild(child: ChildProcess, graceMs: number, group = false): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const signal = (name: NodeJS.Signals): void => {
      try {
        if (group && child.pid !== undefined) process.kill(-child.pid, name);
        else child.kill(name);
      } catch {
        // Exited in between.
      }
    };
    const timer = setTimeout(() => signal('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    signal('SIGTERM');
  });
}

export interface RuntestOptions {
  suiteRoot: string;
  unit: string;
  port: number;
  suiteBase: number;
  /** Test names passed as `--skiptest` (exact names). */
  skip: readonly string[];
  logFile: string;
  /** Wall-clock limit for the unit; the run is killed and reported as aborted after it. */
  timeoutMs: number;
}

/** The suite's flags for an external one-node cluster without SYNC (the issue's `needs:repl` exclusion). */
export function runtestArgs(options: Pick<RuntestOptions, 'unit' | 'port' | 'suiteBase' | 'skip'>): string[] {
  return [
    '--host',
    HOST,
    '--port',
    String(options.port),
    '--cluster-mode',
    '--tags',
    '-needs:repl',
    '--single',
    `unit/${options.unit}`,
    '--clients',
    '1',
    '--timeout',
    '300',
    '--baseport',
    String(options.suiteBase),
    '--portcount',
    String(SLICE - PROXY_PORTS),
    ...options.skip.flatMap((name) => ['--skiptest', name]),
  ];
}

/** Runs one unit with `./runtest` and parses its result lines. */
export async function runUnit(options: RuntestOptions): Promise<UnitResult> {
  const started = performance.now();
  const child = spawn('./runtest', runtestArgs(options), {
    cwd: options.suiteRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group: a timeout ends runtest and its test client together
  });
  const log = createWriteStream(options.logFile);
  let output = '';
  const collect = (chunk: Buffer): void => {
    output += chunk.toString('utf8');
    log.write(chunk);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    void stopChild(child, 5_000, true);
  }, options.timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.on('close', (exit) => resolve(exit)));
  clearTimeout(timer);
  log.end();
  const result = parseRuntestOutput(output);
  result.seconds = Math.round((performance.now() - started) / 100) / 10;
  if (timedOut) result.aborted = `killed after ${options.timeoutMs / 1000} s`;
  else if (result.aborted === null && code !== 0 && Object.keys(result.failed).length === 0) {
    result.aborted = `runtest exited with ${code}`;
  }
  return result;
}

/** Parses `[ok]: NAME (N ms)`, `[err]: NAME in tests/...tcl`, `[skip]: NAME`, `[exception]: ...` lines. */
export function parseRuntestOutput(output: string): UnitResult {
  const result: UnitResult = { ok: {}, failed: {}, skipped: 0, aborted: null, seconds: 0 };
  // The suite colours its status words.
  const plain = output.replace(/\x1b\[[0-9;]*m/g, '');
  for (const line of plain.split('\n')) {
    const match = /^\[(ok|err|skip|exception|TIMEOUT)\]: (.*)$/.exec(line.trimEnd());
    if (match === null) continue;
    const [, status, data] = match;
    if (status === 'ok') add(result.ok, data.replace(/ \(\d+ ms\)$/, ''));
    else if (status === 'err') add(result.failed, data.replace(/ in tests\/\S+\.tcl$/, ''));
    else if (status === 'skip') result.skipped++;
    else result.aborted ??= `[${status}]: ${data}`;
  }
  return result;
}

function add(counts: Record<string, number>, name: string): void {
  counts[name] = (counts[name] ?? 0) + 1;
}
