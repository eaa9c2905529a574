import { ConfigError } from '../errors.js';

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
  | 'failover-event'
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

/** Splits `host`, `host:port`, `[v6]:port` or a bare IPv6 address. */
export function splitHostPort(value: string, defaultPort: number): { host: string; port: number } {
  let host = value.trim();
  let portText: string | undefined;
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    if (end < 0) throw new ConfigError('host', `"${value}" has an unclosed "[" (IPv6 form is [::1]:6379).`);
    portText = host.slice(end + 1).replace(/^:/, '') || undefined;
    host = host.slice(1, end);
  } else {
    const colons = host.split(':').length - 1;
    if (colons === 1) {
      const index = host.lastIndexOf(':');
      portText = host.slice(index + 1);
      host = host.slice(0, index);
    }
  }
  if (host === '') throw new ConfigError('host', `"${value}" has no host name.`);
  const port = portText === undefined ? defaultPort : parsePort(portText, value);
  if (portText !== undefined && (port < 1 || port > 65535))
    throw new ConfigError('port', `${port} in "${value}" is outside 1-65535.`);
  return { host, port };
}

function parsePort(text: string, value: string): number {
  if (!/^\d+$/.test(text)) throw new ConfigError('port', `"${text}" in "${value}" is not a port number.`);
  return Number(text);
}
