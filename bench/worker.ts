/**
 * Runs every workload on one client in a process of its own (so peak RSS is that client's), then prints
 * one JSON line: { client, results: { workload: opsPerSecond }, maxRssMiB }.
 */
import { CLIENT_NAMES, type ClientName, openClient } from './adapters.js';
import { WORKLOADS } from './workloads.js';

const [name, portText] = process.argv.slice(2);
if (!CLIENT_NAMES.includes(name as ClientName)) throw new Error(`unknown client ${name}`);
const client = await openClient(name as ClientName, Number(portText));
const results: Record<string, number> = {};
for (const workload of WORKLOADS) {
  await workload.run(client); // warm-up: JIT and connection buffers
  results[workload.name] = await workload.run(client);
}
await client.close();
const maxRssMiB = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`${JSON.stringify({ client: name, results, maxRssMiB })}\n`);
