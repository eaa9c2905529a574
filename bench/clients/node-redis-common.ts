/**
 * node-redis, shared by the columns for its 5.x and 6.x releases (each column's module imports only its
 * own package, `redis5` being an npm alias of `redis@5`). Both are used as their documentation shows:
 * createClient / createCluster with a URL; their pipeline is `multi().execAsPipeline()`.
 */
import type { BenchClient, BenchTarget, ClientModule } from './types.js';

/** The slice of node-redis's client that the benchmark uses (identical in 5.x and 6.x). */
interface NodeRedisLike {
  on(event: 'error', listener: (error: Error) => void): unknown;
  connect(): Promise<unknown>;
  get(key: string): Promise<unknown>;
  set(key: string, value: string): Promise<unknown>;
  sendCommand(args: string[]): Promise<unknown>;
  multi(): { get(key: string): unknown; execAsPipeline(): Promise<unknown[]> };
  close(): Promise<unknown>;
}

interface NodeRedisClusterLike {
  on(event: 'error', listener: (error: Error) => void): unknown;
  connect(): Promise<unknown>;
  get(key: string): Promise<unknown>;
  set(key: string, value: string): Promise<unknown>;
  sendCommand(firstKey: string | undefined, isReadonly: boolean, args: string[]): Promise<unknown>;
  close(): Promise<unknown>;
}

export interface NodeRedisPackage {
  version: string;
  // biome-ignore lint/suspicious/noExplicitAny: each release types its options differently; validated by use
  createClient(options: any): unknown;
  // biome-ignore lint/suspicious/noExplicitAny: as above
  createCluster(options: any): unknown;
}

/** `extra` is merged into every client's options (e.g. a command-timeout override). */
export function nodeRedisModule(
  pkg: NodeRedisPackage,
  extra: Record<string, unknown>,
  config: string,
): ClientModule {
  const open = async (target: BenchTarget): Promise<BenchClient> => {
    if (target.kind === 'cluster') {
      const cluster = pkg.createCluster({
        rootNodes: target.seeds.map((seed) => ({ url: `redis://${seed.host}:${seed.port}` })),
        // The cluster takes client options both per node (defaults) and for its own commands (top level).
        defaults: extra,
        ...extra,
      }) as NodeRedisClusterLike;
      cluster.on('error', () => {});
      await cluster.connect();
      return {
        get: (key) => cluster.get(key),
        set: (key, value) => cluster.set(key, value),
        pipelineGet: () => Promise.reject(new Error('node-redis cluster pipelines stay on one node')),
        command: (args) => cluster.sendCommand(undefined, true, args),
        close: async () => {
          await cluster.close();
        },
      };
    }
    return wrap(pkg.createClient({ url: `redis://127.0.0.1:${target.port}`, ...extra }) as NodeRedisLike);
  };
  const openCached = (port: number): Promise<BenchClient> =>
    wrap(
      pkg.createClient({
        url: `redis://127.0.0.1:${port}`,
        ...extra,
        RESP: 3,
        clientSideCache: { ttl: 0, maxEntries: 10_000, evictPolicy: 'LRU' },
      }) as NodeRedisLike,
    );
  return { version: `redis (node-redis) ${pkg.version}`, config, open, openCached };
}

async function wrap(client: NodeRedisLike): Promise<BenchClient> {
  client.on('error', () => {});
  await client.connect();
  return {
    get: (key) => client.get(key),
    set: (key, value) => client.set(key, value),
    pipelineGet: async (keys) => {
      const multi = client.multi();
      for (const key of keys) multi.get(key);
      return multi.execAsPipeline();
    },
    command: (args) => client.sendCommand(args),
    close: async () => {
      await client.close();
    },
  };
}
