/**
 * Runs inside the kube lab's laptop namespace against two proxy replicas behind one ingress address:
 * an ioredis Cluster and a node-redis createCluster client each issue ~`rate` commands/s (open loop:
 * one SET of a new key, then one GET of a key already acknowledged, alternately) until `stopFile`
 * exists, while the test kills one replica. Every command is recorded with its issue and settle time;
 * at the end every acknowledged write is read back. Writes one JSON object to `resultFile`.
 *
 *   proxy-replica-clients.ts '{"entry":"198.19.0.1:31000","rate":500,"readyFile":"…","stopFile":"…","resultFile":"…"}'
 */
import { existsSync, writeFileSync } from 'node:fs';
import { Cluster as IoredisCluster } from 'ioredis';
import { createCluster } from 'redis';

interface Spec {
  entry: string;
  rate: number;
  readyFile: string;
  stopFile: string;
  /** Where the JSON result goes (too large for a pipe read at once). */
  resultFile: string;
}

interface Command {
  issuedAt: number;
  settledAt: number;
  error: string | undefined;
}

interface KV {
  set(key: string, value: string): Promise<unknown>;
  get(key: string): Promise<string | null>;
  close(): Promise<void>;
}

const spec = JSON.parse(process.argv[2] ?? '{}') as Spec;
const entryHost = spec.entry.slice(0, spec.entry.lastIndexOf(':'));
const entryPort = Number(spec.entry.split(':').pop());
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Most commands in flight per client (ticks are skipped above it instead of piling up). */
const MAX_IN_FLIGHT = 5000;
/** How long the end waits for the last commands to settle, ms. */
const SETTLE_MS = 30_000;

async function run(name: string, client: KV, onReady: () => void) {
  const commands: Command[] = [];
  const acked = new Map<string, string>();
  let wrongReads = 0;
  let inFlight = 0;
  const start = Date.now();
  let issued = 0;
  onReady();
  while (!existsSync(spec.stopFile)) {
    const due = Math.floor(((Date.now() - start) * spec.rate) / 1000);
    for (; issued < due && inFlight < MAX_IN_FLIGHT; issued++) {
      const command: Command = { issuedAt: Date.now(), settledAt: 0, error: undefined };
      commands.push(command);
      inFlight++;
      const settle = (error?: unknown): void => {
        command.settledAt = Date.now();
        inFlight--;
        if (error !== undefined) command.error = error instanceof Error ? error.message : String(error);
      };
      if (issued % 2 === 0 || acked.size === 0) {
        const key = `${name}:{w${issued % 997}}:${issued}`;
        const value = `v${issued}`;
        client.set(key, value).then(() => {
          acked.set(key, value);
          settle();
        }, settle);
      } else {
        // A key acknowledged earlier: the replica that serves the read must see it.
        const keys = [...acked.keys()];
        const key = keys[(issued * 7919) % keys.length];
        const expected = acked.get(key);
        client.get(key).then((value) => {
          if (value !== expected) wrongReads++;
          settle();
        }, settle);
      }
    }
    await sleep(10);
  }
  const stoppedAt = Date.now();
  while (inFlight > 0 && Date.now() - stoppedAt < SETTLE_MS) await sleep(20);
  // Every acknowledged write, read back.
  let lost = 0;
  const entries = [...acked];
  for (let i = 0; i < entries.length; i += 200) {
    const batch = entries.slice(i, i + 200);
    const values = await Promise.all(batch.map(([key]) => client.get(key).catch(() => undefined)));
    for (let j = 0; j < batch.length; j++) if (values[j] !== batch[j][1]) lost++;
  }
  await client.close().catch(() => {});
  return {
    commands: commands.map((c) => [c.issuedAt, c.settledAt, c.error ?? null] as const),
    pending: commands.filter((c) => c.settledAt === 0).length,
    acknowledgedWrites: acked.size,
    lostWrites: lost,
    wrongReads,
    durationMs: stoppedAt - start,
  };
}

async function main(): Promise<void> {
  const io = new IoredisCluster([{ host: entryHost, port: entryPort }], {
    redisOptions: { connectTimeout: 3000 },
    slotsRefreshTimeout: 3000,
    clusterRetryStrategy: () => 200,
  });
  io.on('error', () => {});
  const nr = createCluster({
    rootNodes: [{ url: `redis://${entryHost}:${entryPort}` }],
    defaults: {
      socket: { connectTimeout: 3000, reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 500) },
    },
  });
  nr.on('error', () => {});
  await Promise.all([io.set('warm', '1'), nr.connect()]);
  await nr.set('warm', '1');
  let ready = 0;
  const onReady = (): void => {
    ready++;
    if (ready === 2) writeFileSync(spec.readyFile, String(Date.now()));
  };
  const [ioredis, nodeRedis] = await Promise.all([
    run(
      'io',
      {
        set: (key, value) => io.set(key, value),
        get: (key) => io.get(key),
        close: async () => {
          io.disconnect();
        },
      },
      onReady,
    ),
    run(
      'nr',
      {
        set: (key, value) => nr.set(key, value),
        get: (key) => nr.get(key),
        close: () => nr.close(),
      },
      onReady,
    ),
  ]);
  writeFileSync(spec.resultFile, JSON.stringify({ ioredis, nodeRedis }));
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
