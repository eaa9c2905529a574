/**
 * The kube lab's Redis Cluster: six nodes at 198.18.0.11-16:6379 inside the cluster namespace,
 * joined with `redis-cli --cluster create --cluster-replicas 1` (three primaries, three replicas),
 * each announcing its own address. Also reads the live roles and drives a CLUSTER FAILOVER.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { LabError } from '../errors.js';
import { CLUSTER_NODE_ADDRESSES, DATA_PORT, hostPort } from './address-plan.js';
import {
  cliInNamespace,
  type NamespacedServer,
  REDIS_SERVER,
  redisCli,
  startNamespacedServer,
} from './namespaced-server.js';
import { execInNamespace } from './netns.js';
import { parseInfo, waitFor } from './wait.js';

export interface ClusterGroupOptions {
  ns: string;
  /** Parent directory: each node gets `cluster-<address>/` inside. */
  dir: string;
  /** `cluster-node-timeout`. */
  nodeTimeoutMs: number;
  timeoutMs: number;
}

/** A cluster node's role and slots as it reports them itself (CLUSTER NODES, `myself` line). */
export interface ClusterNodeState {
  /** `host:port` inside the cluster network, as the node announces it. */
  readonly address: string;
  /** CLUSTER MYID. */
  readonly id: string;
  readonly role: 'primary' | 'replica';
  /** The primary's node id, for a replica. */
  readonly primaryId: string | undefined;
  /** Slot ranges served, inclusive, for a primary. */
  readonly slots: ReadonlyArray<readonly [number, number]>;
}

/** The started cluster processes, in address order. */
export interface ClusterGroup {
  readonly servers: readonly NamespacedServer[];
  /** Node ids, by internal address. */
  readonly ids: ReadonlyMap<string, string>;
}

function nodeLines(nodeTimeoutMs: number, host: string): (readonly [string, ...string[]])[] {
  return [
    ['cluster-enabled', 'yes'],
    ['cluster-config-file', 'nodes.conf'],
    ['cluster-node-timeout', String(nodeTimeoutMs)],
    ['cluster-announce-ip', host],
    ['cluster-allow-replica-migration', 'no'],
    ['save', ''],
    ['appendonly', 'no'],
    ['repl-diskless-sync', 'yes'],
    ['repl-diskless-sync-delay', '0'],
    // CLUSTER SLOTS / SHARDS hide a replica whose replication offset is still 0: pinging replicas
    // every second moves every offset forward right after the cluster is created.
    ['repl-ping-replica-period', '1'],
  ];
}

/** Starts the six nodes, creates the cluster and waits until it is ok on every node with replicas in sync. */
export async function startClusterGroup(options: ClusterGroupOptions): Promise<ClusterGroup> {
  const servers = await startNodes(
    options,
    CLUSTER_NODE_ADDRESSES.map((host) => ({ host, prepare: async () => undefined })),
  );
  try {
    await createCluster(options.ns, servers, options.timeoutMs);
    const states = await waitClusterStable(options.ns, servers, options.timeoutMs);
    return { servers, ids: new Map(states.map((state) => [state.address, state.id])) };
  } catch (error) {
    await Promise.allSettled(servers.map((server) => server.process.stop()));
    throw error;
  }
}

/**
 * Restarts every node of `group` (already stopped) on its new host (`newHost` of its old one), in a
 * new directory holding its nodes.conf: same node id, slots and roles, a new announced address.
 * Like the init script of common Redis Cluster charts, the copy names every peer at its new address:
 * with only the old ones, the nodes would find each other again through CLUSTER MEET and gossip, but
 * a Redis 7.0 replica that learns its primary's new address from gossip keeps replicating the old one.
 * Resolves once each answers PING.
 */
export async function restartClusterNodes(
  options: ClusterGroupOptions,
  group: ClusterGroup,
  newHost: ReadonlyMap<string, string>,
): Promise<NamespacedServer[]> {
  return startNodes(
    options,
    group.servers.map((old) => {
      const host = newHost.get(old.host);
      if (host === undefined) throw new LabError(`no new address for cluster node ${old.address}`);
      return {
        host,
        prepare: async (dir: string) => {
          const nodesConf = await readFile(path.join(old.dir, 'nodes.conf'), 'utf8');
          await writeFile(path.join(dir, 'nodes.conf'), renameNodeAddresses(nodesConf, newHost));
        },
      };
    }),
  );
}

/**
 * Starts one cluster node per entry (its directory made, then `prepare`d, e.g. with a nodes.conf); if
 * any fails, the others are stopped and the first failure is thrown.
 */
async function startNodes(
  options: ClusterGroupOptions,
  nodes: readonly { host: string; prepare: (dir: string) => Promise<void> }[],
): Promise<NamespacedServer[]> {
  const started = await Promise.allSettled(
    nodes.map(async ({ host, prepare }) => {
      const dir = path.join(options.dir, `cluster-${host}`);
      await mkdir(dir, { recursive: true });
      await prepare(dir);
      return startNamespacedServer({
        ns: options.ns,
        host,
        port: DATA_PORT,
        dir,
        binary: REDIS_SERVER,
        lines: nodeLines(options.nodeTimeoutMs, host),
        timeoutMs: options.timeoutMs,
      });
    }),
  );
  const servers = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failure = started.find((result) => result.status === 'rejected');
  if (failure !== undefined && failure.status === 'rejected') {
    await Promise.allSettled(servers.map((server) => server.process.stop()));
    throw failure.reason;
  }
  return servers;
}

/** nodes.conf with each node's `ip:port@cport` field moved to its new host (other lines unchanged). */
export function renameNodeAddresses(nodesConf: string, newHost: ReadonlyMap<string, string>): string {
  return nodesConf
    .split('\n')
    .map((line) => {
      const fields = line.split(' ');
      const match = /^([0-9.]+)(:.*)$/.exec(fields[1] ?? '');
      const host = match === null ? undefined : newHost.get(match[1]);
      if (match === null || host === undefined) return line;
      fields[1] = `${host}${match[2]}`;
      return fields.join(' ');
    })
    .join('\n');
}

/** After {@link restartClusterNodes}: waits until the cluster is stable at the new addresses. */
export async function rejoinCluster(
  options: ClusterGroupOptions,
  servers: readonly NamespacedServer[],
): Promise<ClusterGroup> {
  const states = await waitClusterStable(options.ns, servers, options.timeoutMs);
  return { servers, ids: new Map(states.map((state) => [state.address, state.id])) };
}

async function createCluster(
  ns: string,
  servers: readonly NamespacedServer[],
  timeoutMs: number,
): Promise<void> {
  const args = [
    '--cluster',
    'create',
    ...servers.map((s) => s.address),
    '--cluster-replicas',
    '1',
    '--cluster-yes',
  ];
  const result = await execInNamespace(ns, redisCli(), args, { timeoutMs });
  if (result.code !== 0 || !/All 16384 slots covered/.test(result.stdout)) {
    throw new LabError(
      `redis-cli --cluster create failed in namespace ${ns} (exit ${result.code}):\n${result.stdout}${result.stderr}`,
    );
  }
}

/** Parses one node's own line of CLUSTER NODES. */
export function parseMyselfLine(clusterNodes: string): ClusterNodeState {
  const line = clusterNodes
    .split('\n')
    .find((candidate) => candidate.split(' ')[2]?.split(',').includes('myself'));
  if (line === undefined) {
    throw new LabError(`CLUSTER NODES has no "myself" line:\n${clusterNodes}`);
  }
  const [id, endpoint, flags, primary, , , , , ...slotFields] = line.trim().split(' ');
  const address = endpoint.split('@')[0];
  const isPrimary = flags.split(',').includes('master');
  const slots: [number, number][] = [];
  for (const field of slotFields) {
    if (field.startsWith('[')) {
      continue; // migrating / importing markers
    }
    const [start, end = start] = field.split('-');
    slots.push([Number(start), Number(end)]);
  }
  return {
    address,
    id,
    role: isPrimary ? 'primary' : 'replica',
    primaryId: isPrimary || primary === '-' ? undefined : primary,
    slots,
  };
}

/** Every node's own view of itself, in the order given. */
export async function readClusterStates(
  ns: string,
  servers: readonly NamespacedServer[],
): Promise<ClusterNodeState[]> {
  return Promise.all(
    servers.map(async (server) =>
      parseMyselfLine(await cliInNamespace(ns, server.host, server.port, ['CLUSTER', 'NODES'])),
    ),
  );
}

/**
 * Waits until every node reports `cluster_state:ok` and knows all nodes, every primary has a
 * replica whose link is up, and the slots add up to 16384. Returns the states.
 */
export async function waitClusterStable(
  ns: string,
  servers: readonly NamespacedServer[],
  timeoutMs: number,
): Promise<ClusterNodeState[]> {
  return waitFor(
    'the cluster to be ok on every node with replicas in sync',
    async () => {
      for (const server of servers) {
        const info = parseInfo(await cliInNamespace(ns, server.host, server.port, ['CLUSTER', 'INFO']));
        if (
          info.get('cluster_state') !== 'ok' ||
          info.get('cluster_known_nodes') !== String(servers.length)
        ) {
          throw new LabError(`${server.address}: cluster_state ${info.get('cluster_state')}`);
        }
      }
      const states = await readClusterStates(ns, servers);
      await checkViewsAgree(ns, servers, states);
      for (const server of servers) {
        const slots = await cliInNamespace(ns, server.host, server.port, ['CLUSTER', 'SLOTS']);
        const listed = slots.split('\n').filter((line) => /^\d+\.\d+\.\d+\.\d+$/.test(line)).length;
        if (listed !== servers.length) {
          throw new LabError(`CLUSTER SLOTS on ${server.address} lists ${listed} of ${servers.length} nodes`);
        }
      }
      const covered = states.reduce(
        (sum, state) => sum + state.slots.reduce((n, [start, end]) => n + end - start + 1, 0),
        0,
      );
      if (covered !== 16384) {
        throw new LabError(`slots covered: ${covered}`);
      }
      for (const state of states.filter((candidate) => candidate.role === 'replica')) {
        const server = servers.find((candidate) => candidate.address === state.address);
        if (server === undefined) {
          continue;
        }
        const replication = parseInfo(
          await cliInNamespace(ns, server.host, server.port, ['INFO', 'replication']),
        );
        if (replication.get('master_link_status') !== 'up') {
          throw new LabError(`${state.address}: master link ${replication.get('master_link_status')}`);
        }
      }
      return states;
    },
    timeoutMs,
  );
}

/**
 * Every node's CLUSTER NODES must show each node with the role it reports itself, no failure
 * flag and a connected link: then CLUSTER SLOTS / SHARDS from any node list every replica.
 */
async function checkViewsAgree(
  ns: string,
  servers: readonly NamespacedServer[],
  states: readonly ClusterNodeState[],
): Promise<void> {
  const expected = new Map(states.map((state) => [state.id, state]));
  for (const server of servers) {
    const view = await cliInNamespace(ns, server.host, server.port, ['CLUSTER', 'NODES']);
    for (const line of view.split('\n')) {
      const [id, , flags, primary, , , , link] = line.trim().split(' ');
      const state = expected.get(id);
      const flagList = flags?.split(',') ?? [];
      const role = flagList.includes('master') ? 'primary' : 'replica';
      const primaryId = primary === '-' ? undefined : primary;
      if (
        state === undefined ||
        state.role !== role ||
        (role === 'replica' && state.primaryId !== primaryId) ||
        flagList.some(
          (flag) => flag === 'fail' || flag === 'fail?' || flag === 'handshake' || flag === 'noaddr',
        ) ||
        link !== 'connected'
      ) {
        throw new LabError(`${server.address} does not see the final topology yet: ${line}`);
      }
    }
  }
}

/**
 * CLUSTER FAILOVER on a replica of `primaryAddress`; waits until the replica is a primary owning
 * the old primary's slots, the old primary its replica, and the cluster ok with links up.
 */
export async function failoverClusterPrimary(
  ns: string,
  servers: readonly NamespacedServer[],
  primaryAddress: string,
  timeoutMs: number,
): Promise<{ previous: ClusterNodeState; promoted: ClusterNodeState }> {
  const states = await readClusterStates(ns, servers);
  const previous = states.find((state) => state.address === primaryAddress);
  if (previous === undefined || previous.role !== 'primary') {
    throw new LabError(`${primaryAddress} is not a cluster primary (primaries: ${primaryList(states)})`);
  }
  const replica = states.find((state) => state.primaryId === previous.id);
  const replicaServer = servers.find((server) => server.address === replica?.address);
  if (replica === undefined || replicaServer === undefined) {
    throw new LabError(`cluster primary ${primaryAddress} has no replica to fail over to`);
  }
  await cliInNamespace(ns, replicaServer.host, replicaServer.port, ['CLUSTER', 'FAILOVER']);
  await waitFor(
    `${replica.address} to take over from ${primaryAddress}`,
    async () => {
      const [promoted, demoted] = await readClusterStates(
        ns,
        servers.filter((server) => server.address === replica.address || server.address === primaryAddress),
      ).then((pair) => (pair[0].address === replica.address ? pair : [pair[1], pair[0]]));
      return promoted.role === 'primary' && demoted.primaryId === promoted.id ? true : undefined;
    },
    timeoutMs,
  );
  const after = await waitClusterStable(ns, servers, timeoutMs);
  const promoted = after.find((state) => state.address === replica.address);
  if (promoted === undefined) {
    throw new LabError(`${replica.address} vanished from the cluster`);
  }
  return { previous, promoted };
}

function primaryList(states: readonly ClusterNodeState[]): string {
  return states
    .filter((state) => state.role === 'primary')
    .map((state) => state.address)
    .join(', ');
}

/** `host:port` of the cluster node with index `index` (0-based). */
export function clusterNodeAddress(index: number): string {
  return hostPort(CLUSTER_NODE_ADDRESSES[index], DATA_PORT);
}
