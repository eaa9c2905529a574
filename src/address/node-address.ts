/** A host and port as a server announced it or as a socket should reach it. */
export interface NodeAddress {
  host: string;
  port: number;
}

/** Where an announced address came from: used to explain an unreachable node. */
export type AddressSource =
  | 'config'
  | 'cluster-shards'
  | 'cluster-slots'
  | 'cluster-nodes'
  | 'moved'
  | 'ask'
  | 'sentinel-master'
  | 'sentinel-replicas'
  | 'sentinel-sentinels'
  | 'switch-master'
  | 'role'
  | 'info-replication';

/** What is known about an announced address when it is mapped. */
export interface AddressContext {
  source: AddressSource;
  /** Cluster node id or sentinel run id, when known. */
  nodeId?: string;
  /** `host:port` of the server whose reply carried the address. */
  announcedBy?: string;
  /** `master`/`replica`/`sentinel`, when known. */
  role?: string;
}

/** `host:port`, with IPv6 hosts in brackets. */
export function formatAddress(address: NodeAddress): string {
  return address.host.includes(':') ? `[${address.host}]:${address.port}` : `${address.host}:${address.port}`;
}
