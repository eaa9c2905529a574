/**
 * The kube lab's address plan. Every address lies in 198.18.0.0/15 (RFC 2544 benchmarking range,
 * never routed on the internet) and exists only inside the lab's own network namespaces:
 *
 * - cluster network 198.18.0.0/24 (namespace `sb-cl-…`): every Redis process on its own address;
 * - laptop link 198.19.0.0/24: the ingress at 198.19.0.1, the laptop at 198.19.0.2 (no default route).
 */

/** Port every data node listens on inside the cluster network (like a pod's containerPort). */
export const DATA_PORT = 6379;
/** Port every sentinel listens on inside the cluster network. */
export const SENTINEL_PORT = 26379;

/** The ingress end of the cluster network (the "node" that can reach the pods). */
export const INGRESS_CLUSTER_ADDRESS = '198.18.0.1';
/** The ingress end of the laptop link: every exposed port listens here. */
export const INGRESS_ADDRESS = '198.19.0.1';
/** The laptop end of the laptop link. */
export const LAPTOP_ADDRESS = '198.19.0.2';
/** Prefix length of both links. */
export const PREFIX_LENGTH = 24;

/**
 * The cluster interface's first (primary) address, put there before any pod's: Linux picks it as the
 * source of connections between pods, and it never moves, so a pod move that deletes other addresses
 * never strands a connection (a replica's link to its primary would otherwise outlive its source
 * address, and the primary would never see it close). Nothing listens on it.
 */
export const CLUSTER_SOURCE_ADDRESS = '198.18.0.2';

/** Cluster nodes 198.18.0.11-16 (three primaries, three replicas once created). */
export const CLUSTER_NODE_ADDRESSES = [
  '198.18.0.11',
  '198.18.0.12',
  '198.18.0.13',
  '198.18.0.14',
  '198.18.0.15',
  '198.18.0.16',
] as const;
/** Sentinel group data nodes 198.18.0.21-23: the first starts as primary, the others as its replicas. */
export const SENTINEL_DATA_ADDRESSES = ['198.18.0.21', '198.18.0.22', '198.18.0.23'] as const;
/** Sentinels 198.18.0.31-33. */
export const SENTINEL_ADDRESSES = ['198.18.0.31', '198.18.0.32', '198.18.0.33'] as const;
/**
 * Spare cluster-network addresses for workloads started later next to the servers (e.g. the proxy
 * in its "pod"): present on the cluster interface, nothing listens there until someone does.
 */
export const WORKLOAD_ADDRESSES = ['198.18.0.41', '198.18.0.42', '198.18.0.43'] as const;

/** Ingress port of the cluster seed (one cluster node, like a Service of type NodePort). */
export const SEED_INGRESS_PORT = 6379;
/** Ingress port of the sentinel entry (one sentinel). */
export const SENTINEL_INGRESS_PORT = 26379;
/** Cluster node N (0-based) is exposed on 30001 + N. */
export const CLUSTER_NODE_INGRESS_BASE = 30001;
/** Sentinel group data node N is exposed on 30011 + N. */
export const SENTINEL_DATA_INGRESS_BASE = 30011;
/** Sentinel N is exposed on 30021 + N. */
export const SENTINEL_INGRESS_BASE = 30021;

/** `host:port` */
export function hostPort(host: string, port: number): string {
  return `${host}:${port}`;
}

/**
 * The address a pod at `host` gets when it is restarted (KubeLab.moveClusterPods / moveSentinelPods):
 * the last octet moves to the next hundred (.11 → .111 → .211 → .11), so every move changes every
 * address, stays inside 198.18.0.0/24 and never collides with another pod's.
 */
export function nextPodAddress(host: string): string {
  const parts = host.split('.');
  const last = Number(parts[3]);
  parts[3] = String(((Math.floor(last / 100) + 1) % 3) * 100 + (last % 100));
  return parts.join('.');
}
