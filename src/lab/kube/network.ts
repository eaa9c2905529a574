/**
 * The kube lab's three namespaces and two links:
 *
 *   cluster (sb-cl-…)  sbc0 198.18.0.2, .11…/24 ──veth── sbi-cl 198.18.0.1/24  ingress (sb-in-…)
 *   ingress (sb-in-…)  sbi-lp 198.19.0.1/24 ──veth── sbl0 198.19.0.2/24   laptop (sb-lp-…)
 *
 * The laptop has only its link route (no default route, so 198.18.x fails with ENETUNREACH);
 * the ingress does not forward packets (ip_forward stays 0 in a new namespace): only the TCP
 * forwarders running inside it connect the laptop to the cluster.
 */
import { LabError } from '../errors.js';
import {
  CLUSTER_SOURCE_ADDRESS,
  INGRESS_ADDRESS,
  INGRESS_CLUSTER_ADDRESS,
  LAPTOP_ADDRESS,
  PREFIX_LENGTH,
} from './address-plan.js';
import {
  createNamespace,
  deleteNamespace,
  deleteNamespaceSync,
  execInNamespace,
  namespaceName,
  runIp,
} from './netns.js';

/** Names of the lab's namespaces. */
export interface KubeNamespaces {
  /** Where the Redis processes run, each on its own address. */
  readonly cluster: string;
  /** Where the TCP forwarders run: reaches the cluster network and the laptop link. */
  readonly ingress: string;
  /** Where clients run: reaches only the ingress address. */
  readonly laptop: string;
}

/** One of the lab's namespaces, by role. */
export type KubeNamespaceRole = keyof KubeNamespaces;

/** Interface names (per namespace, so parallel labs never collide). */
const CLUSTER_LINK = 'sbc0';
const INGRESS_CLUSTER_LINK = 'sbi-cl';
const INGRESS_LAPTOP_LINK = 'sbi-lp';
const LAPTOP_LINK = 'sbl0';

/** The created namespaces; `remove` deletes them (and with them the veth pairs). */
export interface KubeNetwork {
  readonly namespaces: KubeNamespaces;
  remove(): Promise<void>;
  removeSync(): void;
}

/**
 * Creates the namespaces, links and addresses. `clusterAddresses` are all put on the cluster
 * interface. On failure everything created so far is deleted before the error is rethrown.
 */
export async function createKubeNetwork(
  suffix: string,
  clusterAddresses: readonly string[],
): Promise<KubeNetwork> {
  const namespaces: KubeNamespaces = {
    cluster: namespaceName('cl', suffix),
    ingress: namespaceName('in', suffix),
    laptop: namespaceName('lp', suffix),
  };
  const created: string[] = [];
  const network: KubeNetwork = {
    namespaces,
    remove: async () => {
      const results = await Promise.allSettled(created.map((name) => deleteNamespace(name)));
      const failed = results.find((result) => result.status === 'rejected');
      if (failed !== undefined && failed.status === 'rejected') {
        throw failed.reason;
      }
    },
    removeSync: () => {
      for (const name of created) {
        try {
          deleteNamespaceSync(name);
        } catch {
          // Best effort at exit; the sweeper removes the rest.
        }
      }
    },
  };
  try {
    for (const name of [namespaces.cluster, namespaces.ingress, namespaces.laptop]) {
      await createNamespace(name);
      created.push(name);
    }
    await linkNamespaces(namespaces, clusterAddresses);
    return network;
  } catch (error) {
    await network.remove().catch(() => {});
    throw error;
  }
}

async function linkNamespaces(ns: KubeNamespaces, clusterAddresses: readonly string[]): Promise<void> {
  await runIp([
    '-n',
    ns.cluster,
    'link',
    'add',
    CLUSTER_LINK,
    'type',
    'veth',
    'peer',
    'name',
    INGRESS_CLUSTER_LINK,
  ]);
  await runIp(['-n', ns.cluster, 'link', 'set', INGRESS_CLUSTER_LINK, 'netns', ns.ingress]);
  await runIp([
    '-n',
    ns.ingress,
    'link',
    'add',
    INGRESS_LAPTOP_LINK,
    'type',
    'veth',
    'peer',
    'name',
    LAPTOP_LINK,
  ]);
  await runIp(['-n', ns.ingress, 'link', 'set', LAPTOP_LINK, 'netns', ns.laptop]);

  for (const address of [CLUSTER_SOURCE_ADDRESS, ...clusterAddresses]) {
    await runIp(['-n', ns.cluster, 'addr', 'add', `${address}/${PREFIX_LENGTH}`, 'dev', CLUSTER_LINK]);
  }
  await runIp([
    '-n',
    ns.ingress,
    'addr',
    'add',
    `${INGRESS_CLUSTER_ADDRESS}/${PREFIX_LENGTH}`,
    'dev',
    INGRESS_CLUSTER_LINK,
  ]);
  await runIp([
    '-n',
    ns.ingress,
    'addr',
    'add',
    `${INGRESS_ADDRESS}/${PREFIX_LENGTH}`,
    'dev',
    INGRESS_LAPTOP_LINK,
  ]);
  await runIp(['-n', ns.laptop, 'addr', 'add', `${LAPTOP_ADDRESS}/${PREFIX_LENGTH}`, 'dev', LAPTOP_LINK]);

  await runIp(['-n', ns.cluster, 'link', 'set', CLUSTER_LINK, 'up']);
  await runIp(['-n', ns.ingress, 'link', 'set', INGRESS_CLUSTER_LINK, 'up']);
  await runIp(['-n', ns.ingress, 'link', 'set', INGRESS_LAPTOP_LINK, 'up']);
  await runIp(['-n', ns.laptop, 'link', 'set', LAPTOP_LINK, 'up']);
}

/**
 * Puts `addresses` on the cluster interface (a pod getting its new IP). Also lets Linux keep the
 * other addresses of the /24 when its first one (198.18.0.11) is deleted: by default deleting a
 * primary address deletes every secondary of its subnet with it.
 */
export async function addClusterAddresses(clusterNs: string, addresses: readonly string[]): Promise<void> {
  const sysctl = `/proc/sys/net/ipv4/conf/${CLUSTER_LINK}/promote_secondaries`;
  const result = await execInNamespace(clusterNs, process.execPath, [
    '-e',
    `require('node:fs').writeFileSync(${JSON.stringify(sysctl)}, '1')`,
  ]);
  if (result.code !== 0) {
    throw new LabError(`could not set ${sysctl} in namespace ${clusterNs}: ${result.stderr.trim()}`);
  }
  for (const address of addresses) {
    await runIp(['-n', clusterNs, 'addr', 'add', `${address}/${PREFIX_LENGTH}`, 'dev', CLUSTER_LINK]);
  }
}

/** Takes `addresses` off the cluster interface (a deleted pod's IP is gone, not merely closed). */
export async function removeClusterAddresses(clusterNs: string, addresses: readonly string[]): Promise<void> {
  for (const address of addresses) {
    await runIp(['-n', clusterNs, 'addr', 'del', `${address}/${PREFIX_LENGTH}`, 'dev', CLUSTER_LINK]);
  }
}
