/**
 * One client, one process: imports only the client it is told to run (so its peak RSS is that client's),
 * runs a table's workloads (each after a warm-up) and prints one JSON line (see WorkerResult).
 * Arguments: client name, mode (`single` | `cluster` | `cache`), target as JSON (see BenchTarget), and
 * optionally a comma-separated list of the workloads to run (default: all of the mode's).
 * A wrong reply makes it exit non-zero, which fails the whole run.
 */
import { checkInvalidation, runCachedReads } from './cache-workload.js';
import { isClientName, loadClient } from './clients/registry.js';
import type { BenchClient, BenchTarget } from './clients/types.js';
import {
  CLUSTER_SCALE,
  CLUSTER_WORKLOADS,
  seed,
  WARM_UP_SCALE,
  WORKLOADS,
  type WorkloadResult,
} from './workloads.js';

export type WorkerMode = 'single' | 'cluster' | 'cache';

export interface WorkerResult {
  client: string;
  /** Package and version loaded. */
  version: string;
  config: string;
  /** RESP version of the connection, as the server reports it (CLIENT INFO resp=). */
  resp: number | null;
  workloads: Record<string, WorkloadResult>;
  /** Peak resident set size of this process (process.resourceUsage().maxRSS). */
  maxRssMiB: number;
  /** Cache mode: ms until every overwritten hot key was read back with its new value. */
  invalidationMs?: number;
  /** Cache mode: whether the client ran with a client-side cache. */
  cached?: boolean;
}

const CACHE_TOTAL = 60_000;
/** BENCH_SCALE (default 1): every workload's operation count times this, for a short run. */
const BENCH_SCALE = Number(process.env.BENCH_SCALE ?? 1);

async function respOf(client: BenchClient): Promise<number | null> {
  const info = await client.command(['CLIENT', 'INFO']);
  const text = Buffer.isBuffer(info) ? info.toString() : String(info);
  const match = /\bresp=(\d)/.exec(text);
  return match === null ? null : Number(match[1]);
}

const [name, mode, targetJson, only] = process.argv.slice(2);
if (!isClientName(name)) throw new Error(`unknown client ${name}`);
if (mode !== 'single' && mode !== 'cluster' && mode !== 'cache') throw new Error(`unknown mode ${mode}`);
const target = JSON.parse(targetJson) as BenchTarget;
const module = await loadClient(name);
const workloads: Record<string, WorkloadResult> = {};
const result: WorkerResult = {
  client: name,
  version: module.version,
  config: module.config,
  resp: null,
  workloads,
  maxRssMiB: 0,
};

if (mode === 'cache') {
  if (target.kind !== 'single') throw new Error('the cache workload runs against one server');
  const client =
    module.openCached === undefined ? await module.open(target) : await module.openCached(target.port);
  result.cached = module.openCached !== undefined;
  result.resp = await respOf(client);
  await runCachedReads(client, Math.ceil(CACHE_TOTAL * BENCH_SCALE * WARM_UP_SCALE));
  workloads['cached-reads'] = await runCachedReads(client, Math.ceil(CACHE_TOTAL * BENCH_SCALE));
  result.invalidationMs = await checkInvalidation(client, target.port, String(process.pid));
  await client.close();
} else {
  const client = await module.open(target);
  result.resp = await respOf(client);
  await seed(client, mode === 'single');
  const scale = (mode === 'cluster' ? CLUSTER_SCALE : 1) * BENCH_SCALE;
  const selected = only === undefined ? undefined : new Set(only.split(','));
  for (const workload of mode === 'cluster' ? CLUSTER_WORKLOADS : WORKLOADS) {
    if (selected !== undefined && !selected.has(workload.name)) continue;
    await workload.run(client, scale * WARM_UP_SCALE); // warm-up: JIT and connection buffers
    workloads[workload.name] = await workload.run(client, scale);
  }
  await client.close();
}
result.maxRssMiB = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`${JSON.stringify(result)}\n`);
