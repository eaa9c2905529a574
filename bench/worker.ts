/**
 * Runs every workload of a table on one client in a process of its own (so peak RSS is that client's),
 * then prints one JSON line: { client, results: { workload: opsPerSecond }, maxRssMiB }.
 * Arguments: client name, target as JSON (see BenchTarget).
 */
import { type BenchTarget, CLIENT_NAMES, type ClientName, openClient } from './adapters.js';
import { CLUSTER_SCALE, CLUSTER_WORKLOADS, WARM_UP_SCALE, WORKLOADS } from './workloads.js';

const [name, targetJson] = process.argv.slice(2);
if (!CLIENT_NAMES.includes(name as ClientName)) throw new Error(`unknown client ${name}`);
const target = JSON.parse(targetJson) as BenchTarget;
const client = await openClient(name as ClientName, target);
const results: Record<string, number> = {};
const scale = target.kind === 'cluster' ? CLUSTER_SCALE : 1;
for (const workload of target.kind === 'cluster' ? CLUSTER_WORKLOADS : WORKLOADS) {
  await workload.run(client, scale * WARM_UP_SCALE); // warm-up: JIT and connection buffers
  results[workload.name] = await workload.run(client, scale);
}
await client.close();
const maxRssMiB = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`${JSON.stringify({ client: name, results, maxRssMiB })}\n`);
