/**
 * Vitest helper: one real lab cluster and a slotbridge proxy in front of it for a test file, both
 * stopped in afterAll. The proxy listens on loopback and advertises 127.0.0.1 with its own ports, while
 * the cluster announces its own 127.0.0.1 ports: tests can tell any leaked backend port apart.
 */
import { afterAll, beforeAll } from 'vitest';
import { type ClusterOptions, type LabCluster, startCluster } from '../../src/lab/index.js';
import { ClusterProxy, type ClusterProxyOptions } from '../../src/proxy/index.js';
import { randomRangeStart } from './port-range.js';

export interface ProxyFixture {
  readonly cluster: LabCluster;
  readonly proxy: ClusterProxy;
  /** Proxy log lines so far. */
  readonly logs: string[];
  /** Backend ports (client and bus) of every node ever started, as strings. */
  backendPorts(): string[];
}

/** A random 100-port range below the ephemeral range, so parallel files rarely meet. */
function randomRange(): { first: number; last: number } {
  const first = randomRangeStart();
  return { first, last: first + 99 };
}

export function useClusterProxy(
  clusterOptions: ClusterOptions = {},
  proxyOptions: Partial<ClusterProxyOptions> = {},
): ProxyFixture {
  let cluster: LabCluster | undefined;
  let proxy: ClusterProxy | undefined;
  const logs: string[] = [];
  const seen = new Set<number>();

  beforeAll(async () => {
    cluster = await startCluster({ nodeTimeoutMs: 1000, timeoutMs: 20_000, ...clusterOptions });
    proxy = new ClusterProxy({
      seeds: [{ host: '127.0.0.1', port: cluster.nodes[0].port }],
      advertiseHost: '127.0.0.1',
      ports: randomRange(),
      refreshIntervalMs: 1000,
      log: (line) => logs.push(line),
      ...proxyOptions,
    });
    await proxy.start();
  });

  afterAll(async () => {
    await proxy?.stop();
    await cluster?.stop();
  });

  return {
    get cluster(): LabCluster {
      if (cluster === undefined) throw new Error('useClusterProxy: read the cluster inside a test');
      return cluster;
    },
    get proxy(): ClusterProxy {
      if (proxy === undefined) throw new Error('useClusterProxy: read the proxy inside a test');
      return proxy;
    },
    logs,
    backendPorts(): string[] {
      for (const node of cluster?.nodes ?? []) seen.add(node.port);
      return [...seen].flatMap((port) => [String(port), String(port + 10_000)]);
    },
  };
}

/** Fails when any backend port appears as a number in `text`. */
export function leakedPorts(text: string, backendPorts: readonly string[]): string[] {
  return backendPorts.filter((port) => new RegExp(`(^|[^0-9])${port}([^0-9]|$)`).test(text));
}
