import { isIP } from 'node:net';
import type { ConnectionOptions } from '../connection/index.js';
import { ConfigError } from '../errors.js';
import type { AddressMapper, MappedAddress } from './address-mapper.js';
import type { AddressOptions, AddressTarget } from './address-options.js';
import { type AddressContext, formatAddress, type NodeAddress, splitHostPort } from './node-address.js';
import { PortDiscovery } from './port-discovery.js';

/**
 * Fresh probes for a node discovery cannot place before its announced address is dialed (the later
 * ones only while some exposed port did not answer).
 */
const UNPLACED_PROBES = 3;

/**
 * The mapper built from the user's `addresses` option: `map` (static or function), then the `resolve`
 * hook, then `discover`; the first that knows an address wins, else the announced address is kept.
 * The TLS servername follows the announced name unless `servername` says otherwise.
 */
export class ConfiguredAddressMapper implements AddressMapper {
  private readonly options: AddressOptions;
  private readonly staticMap: Map<string, NodeAddress | string> | undefined;
  /** Which resolver candidate to use next, per announced address (advanced on failure). */
  private readonly candidateIndex = new Map<string, number>();
  readonly discovery: PortDiscovery | undefined;

  constructor(options: AddressOptions, connectionOptions: ConnectionOptions = {}) {
    this.options = options;
    if (options.map !== undefined && typeof options.map !== 'function') {
      this.staticMap = new Map();
      for (const [key, target] of Object.entries(options.map)) {
        this.staticMap.set(normalizeKey(key), parseTarget(`addresses.map["${key}"]`, target));
      }
    }
    if (options.discover) this.discovery = new PortDiscovery(options.discover, connectionOptions);
  }

  async resolve(announced: NodeAddress, context: AddressContext): Promise<MappedAddress> {
    if (context.source === 'config' && !this.options.mapConfiguredHosts) return announced;
    const target = (await this.lookup(announced, context)) ?? announced;
    const servername = this.servernameFor(announced, target);
    return servername === undefined ? target : { ...target, servername };
  }

  reportFailure(announced: NodeAddress, _target: NodeAddress, _error: Error): void {
    const key = formatAddress(announced);
    this.candidateIndex.set(key, (this.candidateIndex.get(key) ?? 0) + 1);
  }

  close(): void {}

  private async lookup(announced: NodeAddress, context: AddressContext): Promise<NodeAddress | undefined> {
    const { map, resolve } = this.options;
    if (this.staticMap) {
      const hit =
        this.staticMap.get(formatAddress(announced)) ?? this.staticMap.get(normalizeKey(announced.host));
      if (hit !== undefined) return typeof hit === 'string' ? { host: hit, port: announced.port } : hit;
    } else if (typeof map === 'function') {
      const target = await map(announced);
      if (target !== undefined) return toAddress('addresses.map()', target, announced.port);
    }
    if (resolve) {
      const candidates = await resolve(announced.host, announced.port);
      if (candidates.length > 0) {
        const index = (this.candidateIndex.get(formatAddress(announced)) ?? 0) % candidates.length;
        return candidates[index];
      }
    }
    if (this.discovery) {
      const asked = performance.now();
      await this.discovery.reprobe(0);
      let found = this.discovery.find(announced, context.nodeId);
      // A node we cannot place (after a failover or scale-out): answers from a probe that started after
      // this lookup — not one that was already running before it. While some exposed port did not
      // answer, the node may be behind it: a failover leader kills the normal clients of the nodes it
      // reconfigures (probes included), and a loaded machine times probes out. Probing again then (1 s
      // apart), rather than dialing the announced address, keeps the client off the private network.
      for (let probes = 0; found === undefined && probes < UNPLACED_PROBES; probes++) {
        if (probes > 0 && this.discovery.failures.length === 0) break;
        await this.discovery.probeSince(probes === 0 ? asked : performance.now(), 1000);
        found = this.discovery.find(announced, context.nodeId);
      }
      if (found) return found.exposed;
    }
    return undefined;
  }

  private servernameFor(announced: NodeAddress, target: NodeAddress): string | undefined {
    const { servername } = this.options;
    if (typeof servername === 'function') return servername(announced);
    if (servername && servername[announced.host] !== undefined) return servername[announced.host];
    if (target.host !== announced.host && isIP(announced.host) === 0) return announced.host;
    return undefined;
  }
}

function normalizeKey(key: string): string {
  const trimmed = key.trim();
  if (trimmed.startsWith('[') || trimmed.split(':').length === 2) {
    const { host, port } = splitHostPort(trimmed, 0);
    return port === 0 ? host : formatAddress({ host, port });
  }
  return trimmed;
}

/** A target string without a port maps the host and keeps the announced port (kept as a bare host). */
function parseTarget(field: string, target: AddressTarget): NodeAddress | string {
  if (typeof target === 'string') {
    const { host, port } = splitHostPort(target, 0);
    return port === 0 ? host : { host, port };
  }
  return toAddress(field, target, 0);
}

function toAddress(field: string, target: AddressTarget, defaultPort: number): NodeAddress {
  if (typeof target === 'string') return splitHostPort(target, defaultPort);
  if (target && typeof target.host === 'string' && Number.isInteger(target.port)) return target;
  throw new ConfigError(field, `must return "host:port" or { host, port }, got ${JSON.stringify(target)}.`);
}
