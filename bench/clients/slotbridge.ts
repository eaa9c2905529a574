/** slotbridge as its README shows it: defaults (RESP3, 10 s command timeout), one client per target. */
import { createClient } from '../../src/client/index.js';
import type { BenchClient, BenchTarget, ClientModule } from './types.js';

function wrap(client: ReturnType<typeof createClient>): BenchClient {
  return {
    get: (key) => client.get(key),
    set: (key, value) => client.set(key, value),
    pipelineGet: (keys) => {
      const pipeline = client.pipeline();
      for (const key of keys) pipeline.get(key);
      return pipeline.exec();
    },
    command: (args) => client.call(args[0], ...args.slice(1)),
    close: () => client.quit(),
  };
}

async function open(target: BenchTarget): Promise<BenchClient> {
  const client =
    target.kind === 'single'
      ? createClient({ host: '127.0.0.1', port: target.port })
      : createClient({ cluster: { hosts: target.seeds.map((seed) => `${seed.host}:${seed.port}`) } });
  await client.connect();
  return wrap(client);
}

async function openCached(port: number): Promise<BenchClient> {
  const client = createClient({ host: '127.0.0.1', port, clientCache: { maxEntries: 10_000 } });
  await client.connect();
  return wrap(client);
}

export const slotbridge: ClientModule = {
  version: 'slotbridge (this checkout)',
  config: 'defaults (RESP3, commandTimeout 10 s); cache: clientCache { maxEntries: 10000 }',
  open,
  openCached,
};
