import { ConnectionError } from '../errors.js';
import { type AddressSource, formatAddress, type NodeAddress } from './node-address.js';

/** Everything known about a node that could not be reached, for the explanation. */
export interface UnreachableNode {
  /** The address the server announced. */
  announced: NodeAddress;
  /** Where the socket actually went (differs from `announced` when a mapping applied). */
  target: NodeAddress;
  /** Which reply carried the address. */
  source: AddressSource;
  /** `host:port` of the server that announced it (the seed that answered). */
  announcedBy?: string;
  nodeId?: string;
  role?: string;
  /** Slot ranges served, e.g. `0-5460`. */
  slots?: string;
  /** The socket error. */
  cause: Error;
}

const SOURCE_NAMES: Record<AddressSource, string> = {
  config: 'the configuration',
  'cluster-shards': 'CLUSTER SHARDS',
  'cluster-slots': 'CLUSTER SLOTS',
  'cluster-nodes': 'CLUSTER NODES',
  moved: 'a MOVED redirect',
  ask: 'an ASK redirect',
  'sentinel-master': 'SENTINEL get-master-addr-by-name',
  'sentinel-replicas': 'SENTINEL REPLICAS',
  'sentinel-sentinels': 'SENTINEL SENTINELS',
  'switch-master': 'a +switch-master event',
  'failover-event': "a failover leader's +selected-slave event",
  role: 'ROLE',
  'info-replication': 'INFO replication',
};

/**
 * A node a server told us about cannot be reached from here although the server that told us could:
 * the seed's problem (internal addresses of minikube, Kubernetes, docker). The message says which node,
 * which address was announced and by whom, the socket error, and the three ways out.
 */
export class UnreachableNodeError extends ConnectionError {
  readonly node: UnreachableNode;

  constructor(node: UnreachableNode) {
    super('ERR_NODE_UNREACHABLE', explainUnreachable(node), formatAddress(node.target), {
      cause: node.cause,
    });
    this.node = node;
  }
}

/** The plain-words explanation used by UnreachableNodeError and `slotbridge doctor`. */
export function explainUnreachable(node: UnreachableNode): string {
  const announced = formatAddress(node.announced);
  const target = formatAddress(node.target);
  const who = [
    node.nodeId ? `node ${node.nodeId.slice(0, 12)}` : 'a node',
    node.role ? node.role : undefined,
    node.slots ? `slots ${node.slots}` : undefined,
  ]
    .filter(Boolean)
    .join(', ');
  const mapped = target === announced ? '' : ` (mapped to ${target})`;
  const by = node.announcedBy ? `The server at ${node.announcedBy}` : 'A server';
  const code = (node.cause as NodeJS.ErrnoException).code ?? node.cause.name;
  return (
    `Cannot reach ${who}: ${by} announced it as ${announced} in ${SOURCE_NAMES[node.source]}${mapped}, ` +
    `and connecting there failed (${code}: ${node.cause.message}). ` +
    "The server that announced it was reachable, so this address is probably internal to the servers' network " +
    '(minikube, Kubernetes, docker). Ways out: ' +
    `(1) addresses.map: { '${announced}': '<host:port reachable from here>' }; ` +
    "(2) addresses.discover: { host: '<ingress host>', ports: '<exposed ports>' } to match nodes by identity; " +
    '(3) run `slotbridge proxy` next to the servers and connect through it. ' +
    'Run `slotbridge doctor <url>` to see every node, what is reachable, and a ready-to-paste config.'
  );
}
