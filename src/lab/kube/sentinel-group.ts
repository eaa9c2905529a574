/**
 * The kube lab's sentinel group: a primary at 198.18.0.21:6379 with replicas at .22 and .23, and
 * three sentinels at 198.18.0.31-33:26379 monitoring it (quorum 2), each announcing its own address.
 */
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { ConfigLine } from '../config.js';
import { LabError } from '../errors.js';
import {
  DATA_PORT,
  hostPort,
  SENTINEL_ADDRESSES,
  SENTINEL_DATA_ADDRESSES,
  SENTINEL_PORT,
} from './address-plan.js';
import {
  cliInNamespace,
  type NamespacedServer,
  REDIS_SENTINEL,
  REDIS_SERVER,
  startNamespacedServer,
} from './namespaced-server.js';
import { parseFlatPairs, parseInfo, waitFor } from './wait.js';

export interface SentinelGroupOptions {
  ns: string;
  dir: string;
  masterName: string;
  downAfterMs: number;
  failoverTimeoutMs: number;
  timeoutMs: number;
  /** Data node hosts in the order of {@link SentinelGroup.dataNodes}. Default: the address plan's. */
  dataHosts?: readonly string[];
  /** Which of `dataHosts` starts as primary (the others replicate it). Default the first. */
  primaryHost?: string;
  /** Sentinel hosts. Default: the address plan's. */
  sentinelHosts?: readonly string[];
  /** SENTINEL MYID of each sentinel (kept across a restart). Default: new random ids. */
  sentinelIds?: readonly string[];
  /** Called once every process answers PING, before the group settles (a Service marks pods ready then). */
  onServersUp?: (
    dataNodes: readonly NamespacedServer[],
    sentinels: readonly NamespacedServer[],
  ) => Promise<void>;
}

export interface SentinelGroup {
  /** Data nodes in address order (the first one started as primary). */
  readonly dataNodes: readonly NamespacedServer[];
  readonly sentinels: readonly NamespacedServer[];
  /** INFO server run_id of each data node, by internal address. */
  readonly runIds: ReadonlyMap<string, string>;
  /** SENTINEL MYID of each sentinel, by internal address. */
  readonly sentinelIds: ReadonlyMap<string, string>;
}

async function startAll(
  specs: ReadonlyArray<Parameters<typeof startNamespacedServer>[0]>,
): Promise<NamespacedServer[]> {
  const results = await Promise.allSettled(
    specs.map(async (spec) => {
      await mkdir(spec.dir, { recursive: true });
      return startNamespacedServer(spec);
    }),
  );
  const servers = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failure = results.find((result) => result.status === 'rejected');
  if (failure !== undefined && failure.status === 'rejected') {
    await Promise.allSettled(servers.map((server) => server.process.stop()));
    throw failure.reason;
  }
  return servers;
}

/** Starts data nodes then sentinels; waits until every sentinel sees both replicas and the other sentinels. */
export async function startSentinelGroup(options: SentinelGroupOptions): Promise<SentinelGroup> {
  const dataHosts = options.dataHosts ?? SENTINEL_DATA_ADDRESSES;
  const sentinelHosts = options.sentinelHosts ?? SENTINEL_ADDRESSES;
  const primaryHost = options.primaryHost ?? dataHosts[0];
  const dataNodes = await startAll(
    dataHosts.map((host) => ({
      ns: options.ns,
      host,
      port: DATA_PORT,
      dir: path.join(options.dir, `data-${host}`),
      binary: REDIS_SERVER,
      timeoutMs: options.timeoutMs,
      lines: [
        ['replica-announce-ip', host],
        ['save', ''],
        ['appendonly', 'no'],
        ['repl-diskless-sync', 'yes'],
        ['repl-diskless-sync-delay', '0'],
        ...(host === primaryHost ? [] : [['replicaof', primaryHost, String(DATA_PORT)] as const]),
      ],
    })),
  );
  let sentinels: NamespacedServer[] = [];
  try {
    // Sentinels learn replicas from the primary's INFO, sent every 10 s: start them only once the
    // replicas are attached, so that the first INFO already lists them.
    const primaryNode = dataNodes.find((node) => node.host === primaryHost) ?? dataNodes[0];
    await waitReplicasAttached(
      options.ns,
      [primaryNode, ...dataNodes.filter((node) => node !== primaryNode)],
      options.timeoutMs,
    );
    // Fixed ids and pre-declared peers (the lines Sentinel itself writes on CONFIG REWRITE): the
    // sentinels know each other and the replicas at once instead of after hello/INFO rounds.
    const ids = options.sentinelIds ?? sentinelHosts.map(() => randomBytes(20).toString('hex'));
    const knownPeers = (self: number): ConfigLine[] => [
      ...dataNodes
        .filter((node) => node !== primaryNode)
        .map(
          (node): ConfigLine => [
            'sentinel',
            'known-replica',
            options.masterName,
            node.host,
            String(node.port),
          ],
        ),
      ...sentinelHosts.flatMap((host, i): ConfigLine[] =>
        i === self
          ? []
          : [['sentinel', 'known-sentinel', options.masterName, host, String(SENTINEL_PORT), ids[i]]],
      ),
    ];
    sentinels = await startAll(
      sentinelHosts.map((host, index) => ({
        ns: options.ns,
        host,
        port: SENTINEL_PORT,
        dir: path.join(options.dir, `sentinel-${host}`),
        binary: REDIS_SENTINEL,
        timeoutMs: options.timeoutMs,
        lines: [
          ['sentinel', 'announce-ip', host],
          ['sentinel', 'monitor', options.masterName, primaryHost, String(DATA_PORT), '2'],
          ['sentinel', 'down-after-milliseconds', options.masterName, String(options.downAfterMs)],
          ['sentinel', 'failover-timeout', options.masterName, String(options.failoverTimeoutMs)],
          ['sentinel', 'parallel-syncs', options.masterName, '2'],
          ['sentinel', 'myid', ids[index]],
          ...knownPeers(index),
        ],
      })),
    );
    await options.onServersUp?.(dataNodes, sentinels);
    await waitSentinelsSettled(options.ns, options.masterName, dataNodes, sentinels, options.timeoutMs);
    const runIds = new Map<string, string>();
    for (const node of dataNodes) {
      const info = parseInfo(await cliInNamespace(options.ns, node.host, node.port, ['INFO', 'server']));
      runIds.set(node.address, info.get('run_id') ?? '');
    }
    const sentinelIds = new Map<string, string>();
    for (const sentinel of sentinels) {
      sentinelIds.set(
        sentinel.address,
        await cliInNamespace(options.ns, sentinel.host, sentinel.port, ['SENTINEL', 'MYID']),
      );
    }
    return { dataNodes, sentinels, runIds, sentinelIds };
  } catch (error) {
    await Promise.allSettled([...dataNodes, ...sentinels].map((server) => server.process.stop()));
    throw error;
  }
}

async function waitReplicasAttached(
  ns: string,
  dataNodes: readonly NamespacedServer[],
  timeoutMs: number,
): Promise<void> {
  const [primary, ...replicas] = dataNodes;
  await waitFor(
    `the replicas to attach to ${primary.address}`,
    async () => {
      for (const replica of replicas) {
        const info = parseInfo(await cliInNamespace(ns, replica.host, replica.port, ['INFO', 'replication']));
        if (info.get('master_link_status') !== 'up') {
          throw new LabError(`${replica.address}: master link ${info.get('master_link_status')}`);
        }
      }
      const info = parseInfo(await cliInNamespace(ns, primary.host, primary.port, ['INFO', 'replication']));
      return info.get('connected_slaves') === String(replicas.length) ? true : undefined;
    },
    timeoutMs,
    100,
  );
}

/** The primary every sentinel agrees on (`host:port`), or undefined while they disagree. */
async function agreedPrimary(
  ns: string,
  masterName: string,
  sentinels: readonly NamespacedServer[],
): Promise<string | undefined> {
  const answers = await Promise.all(
    sentinels.map((s) =>
      cliInNamespace(ns, s.host, s.port, ['SENTINEL', 'GET-MASTER-ADDR-BY-NAME', masterName]),
    ),
  );
  const addresses = new Set(answers.map((answer) => answer.split('\n').join(':')));
  return addresses.size === 1 ? [...addresses][0] : undefined;
}

/**
 * Waits until the sentinels agree on one primary, each knows two replicas and two other
 * sentinels, the primary says it is one and every other data node replicates it with its link up.
 * Returns the primary's address.
 */
export async function waitSentinelsSettled(
  ns: string,
  masterName: string,
  dataNodes: readonly NamespacedServer[],
  sentinels: readonly NamespacedServer[],
  timeoutMs: number,
): Promise<string> {
  return waitFor(
    'the sentinels to agree on the primary and see its replicas and each other',
    async () => {
      const primary = await agreedPrimary(ns, masterName, sentinels);
      if (primary === undefined) {
        throw new LabError('the sentinels disagree on the primary');
      }
      for (const sentinel of sentinels) {
        const master = parseFlatPairs(
          await cliInNamespace(ns, sentinel.host, sentinel.port, ['SENTINEL', 'MASTER', masterName]),
        );
        const flags = master.get('flags') ?? '';
        if (
          master.get('num-slaves') !== String(dataNodes.length - 1) ||
          master.get('num-other-sentinels') !== String(sentinels.length - 1) ||
          flags !== 'master'
        ) {
          throw new LabError(
            `${sentinel.address}: flags ${flags}, ${master.get('num-slaves')} replicas,` +
              ` ${master.get('num-other-sentinels')} other sentinels`,
          );
        }
      }
      for (const node of dataNodes) {
        const info = parseInfo(await cliInNamespace(ns, node.host, node.port, ['INFO', 'replication']));
        if (node.address === primary) {
          if (info.get('role') !== 'master') {
            throw new LabError(`${node.address}: role ${info.get('role')}`);
          }
        } else if (
          hostPort(info.get('master_host') ?? '', Number(info.get('master_port'))) !== primary ||
          info.get('master_link_status') !== 'up'
        ) {
          throw new LabError(
            `${node.address}: replicates ${info.get('master_host')}, link ${info.get('master_link_status')}`,
          );
        }
      }
      return primary;
    },
    timeoutMs,
    200,
  );
}

/**
 * SENTINEL FAILOVER through the first sentinel; waits until the sentinels agree on a new primary
 * and every other data node replicates it. Returns the old and new primary addresses.
 */
export async function sentinelFailover(
  ns: string,
  masterName: string,
  group: SentinelGroup,
  timeoutMs: number,
): Promise<{ previous: string; promoted: string }> {
  const previous = await waitSentinelsSettled(ns, masterName, group.dataNodes, group.sentinels, timeoutMs);
  const [first] = group.sentinels;
  await cliInNamespace(ns, first.host, first.port, ['SENTINEL', 'FAILOVER', masterName]);
  await waitFor(
    `the sentinels to promote a replica of ${previous}`,
    async () => {
      const primary = await agreedPrimary(ns, masterName, group.sentinels);
      return primary !== undefined && primary !== previous ? primary : undefined;
    },
    timeoutMs,
    200,
  );
  // Sentinel turns the old primary into a replica only after its next INFO round (up to 10 s);
  // doing what it would do right away keeps the lab quick and identical in outcome.
  const promotedNow = await agreedPrimary(ns, masterName, group.sentinels);
  const old = group.dataNodes.find((node) => node.address === previous);
  if (old !== undefined && promotedNow !== undefined) {
    const role = await cliInNamespace(ns, old.host, old.port, ['ROLE']);
    if (role.startsWith('master')) {
      const [host, port] = promotedNow.split(':');
      await cliInNamespace(ns, old.host, old.port, ['REPLICAOF', host, port]);
    }
  }
  const promoted = await waitSentinelsSettled(ns, masterName, group.dataNodes, group.sentinels, timeoutMs);
  return { previous, promoted };
}

/** `host:port` of sentinel `index`. */
export function sentinelAddress(index: number): string {
  return hostPort(SENTINEL_ADDRESSES[index], SENTINEL_PORT);
}
