/**
 * Runs inside the kube lab's laptop namespace (KubeLab.runInLaptop): BullMQ over slotbridge/bullmq
 * against the ingress. Spec (argv[2], JSON): `{ config, prefix, jobs, syncDir }`. Runs the feature tour,
 * then the load run; at the fault it writes `<syncDir>/ready` and waits for `<syncDir>/go` (the test
 * fails the queue's primary over meanwhile). Prints one JSON object: `{ tour: 'ok' | error, load }`.
 */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type ClientConfig, createClient } from '../../../src/client/index.js';
import { createBullMQClient } from '../../../src/integrations/bullmq/index.js';
import { featureTour, type LoadResult, loadRun, until } from '../bullmq-workloads.js';

interface Spec {
  config: ClientConfig;
  prefix: string;
  jobs: number;
  syncDir: string;
}

const spec = JSON.parse(process.argv[2] ?? '{}') as Spec;
const client = createClient(spec.config);
let tour = 'ok';
let load: LoadResult | undefined;
try {
  await featureTour(createBullMQClient(client), spec.prefix, 'tour');
} catch (error) {
  tour = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
try {
  load = await loadRun(createBullMQClient(client), {
    adapter: 'slotbridge',
    topology: 'cluster (laptop namespace, discover)',
    fault: 'CLUSTER FAILOVER of the queue primary',
    jobs: spec.jobs,
    prefix: spec.prefix,
    inspectMissing: async (missing) => {
      const entries = (await client.call('XRANGE', `${spec.prefix}:load-slotbridge:events`, '-', '+')) as [
        string,
        string[],
      ][];
      const inStream = entries.filter(
        ([, fields]) => fields.includes('completed') && missing.some((id) => fields.includes(id)),
      );
      process.stderr.write(
        `missing completions ${JSON.stringify(missing)}; in the stream: ${JSON.stringify(inStream)}\n`,
      );
    },
    inject: async () => {
      writeFileSync(path.join(spec.syncDir, 'ready'), '');
      await until('the failover', () => existsSync(path.join(spec.syncDir, 'go')), 60_000);
    },
  });
} catch (error) {
  tour += ` / load: ${error instanceof Error ? error.message : String(error)}`;
}
client.disconnect();
process.stdout.write(`${JSON.stringify({ tour, load })}\n`);
process.exit(0);
