/**
 * Asking one node for the cluster's topology: CLUSTER SHARDS on Redis >= 7, else CLUSTER SLOTS, else
 * CLUSTER NODES (the first the node supports), with the SHARDS answer checked against CLUSTER SLOTS when
 * it leaves slots without an owner. The one place that fallback is written: the topology, `slotbridge
 * doctor` and the proxy's cluster directory all ask through {@link fetchClusterView}.
 */
import { type AddressSource, formatAddress, type NodeAddress } from '../../address/index.js';
import type { Connection } from '../../connection/index.js';
import { ReplyError, type RespValue } from '../../resp/index.js';
import { ClusterError } from './cluster-error.js';
import { parseClusterNodes, parseClusterShards, parseClusterSlots } from './cluster-topology-parsers.js';
import type { ClusterView, ViewParseOptions } from './cluster-view.js';
import { needsSlotsCrossCheck, preferCoveringView } from './shards-cross-check.js';

/** The three commands that describe a cluster. */
export type ViewCommand = 'SHARDS' | 'SLOTS' | 'NODES';

/** The address source each view command stands for (names the reply in explanations). */
export const VIEW_SOURCES: Record<ViewCommand, AddressSource> = {
  SHARDS: 'cluster-shards',
  SLOTS: 'cluster-slots',
  NODES: 'cluster-nodes',
};

/** Default wait for one view reply. */
export const VIEW_TIMEOUT_MS = 2_000;

export interface FetchViewOptions {
  /** Ask only this command (the one that worked before): a node of one cluster runs one version. */
  readonly command?: ViewCommand | undefined;
  /** Use announced hostnames instead of IPs when present. */
  readonly preferHostname?: boolean;
  /** The connection uses TLS: a node's TLS port is the one to use (see ViewParseOptions). */
  readonly tls?: boolean;
  /** Per-reply timeout in ms (default {@link VIEW_TIMEOUT_MS}). */
  readonly timeout?: number;
}

/** A node's view and the command that gave it. */
export interface FetchedView {
  readonly view: ClusterView;
  readonly command: ViewCommand;
}

/** The commands to try on a node of `serverVersion`, best first. */
export function viewCommandOrder(serverVersion: string | undefined, known?: ViewCommand): ViewCommand[] {
  if (known !== undefined) return [known];
  const version = Number.parseInt(serverVersion ?? '0', 10);
  return version >= 7 ? ['SHARDS', 'SLOTS', 'NODES'] : ['SLOTS', 'NODES'];
}

/**
 * Asks one node (over a connected `connection`, which answers as `answeredBy`) for the topology with
 * the best command it supports. A reply error moves on to the next command; any other failure (the
 * connection broke, a timeout) is thrown as it is. No command worked: ERR_CLUSTER_TOPOLOGY.
 */
export async function fetchClusterView(
  connection: Connection,
  answeredBy: NodeAddress,
  options: FetchViewOptions = {},
): Promise<FetchedView> {
  const order = viewCommandOrder(connection.serverVersion, options.command);
  const timeout = options.timeout ?? VIEW_TIMEOUT_MS;
  const parseOptions: ViewParseOptions = {
    answeredBy,
    preferHostname: options.preferHostname ?? false,
    tls: options.tls ?? false,
  };
  let lastError: unknown;
  for (const command of order) {
    let reply: RespValue;
    try {
      reply = await connection.send(['CLUSTER', command], { timeout });
    } catch (error) {
      if (!(error instanceof ReplyError)) throw error;
      lastError = error;
      continue;
    }
    const view =
      command === 'SHARDS'
        ? await crossCheckShards(connection, parseClusterShards(reply, parseOptions), parseOptions, timeout)
        : command === 'SLOTS'
          ? parseClusterSlots(reply, parseOptions)
          : parseClusterNodes(reply, parseOptions);
    return { view, command };
  }
  throw new ClusterError(
    'ERR_CLUSTER_TOPOLOGY',
    `${formatAddress(answeredBy)} answered but gave no cluster topology (CLUSTER ${order.join('/')} failed: ` +
      `${(lastError as Error | undefined)?.message}). Is it a cluster node (cluster-enabled yes)?`,
    { cause: lastError },
  );
}

/**
 * A SHARDS view that leaves slots without an owner is checked against CLUSTER SLOTS from the same
 * node (Redis 7.2/7.4 list a shard with `slots []` after a failover: see shards-cross-check.ts).
 */
async function crossCheckShards(
  connection: Connection,
  view: ClusterView,
  parseOptions: ViewParseOptions,
  timeout: number,
): Promise<ClusterView> {
  if (!needsSlotsCrossCheck(view)) return view;
  let reply: RespValue;
  try {
    reply = await connection.send(['CLUSTER', 'SLOTS'], { timeout });
  } catch (error) {
    if (!(error instanceof ReplyError)) throw error;
    return view;
  }
  return preferCoveringView(view, parseClusterSlots(reply, parseOptions));
}
