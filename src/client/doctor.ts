/**
 * `diagnose()`: what `slotbridge doctor` reports. Connects like the client would, lists every node the
 * servers announce, tries each announced address from here, and when something is unreachable proposes
 * the `addresses` config (discover when exposed ports are known, a map otherwise) or the proxy command.
 */
import {
  type AddressOptions,
  ConfiguredAddressMapper,
  formatAddress,
  type NodeAddress,
  NodeConnector,
  PortDiscovery,
} from '../address/index.js';
import { Connection, type ConnectionOptions } from '../connection/index.js';
import { fetchClusterView } from '../topology/cluster/view-fetch.js';
import { parseInstanceList, parseMasterAddress } from '../topology/sentinel/sentinel-replies.js';
import type { ClientConfig } from './config.js';
import { connectionOptionsFrom } from './create-topology.js';
import { normalizeConfig } from './normalize-config.js';

/** One node as the servers announce it, and whether it answers from here. */
export interface DoctorNode {
  role: 'master' | 'replica' | 'sentinel' | 'standalone';
  id?: string;
  /** Slot ranges (cluster primaries), e.g. `0-5460`. */
  slots?: string;
  announced: string;
  hostname?: string;
  /** The server whose reply named it. */
  announcedBy: string;
  /** Where the socket went (differs from `announced` when an `addresses` mapping applies). */
  target: string;
  reachable: boolean;
  latencyMs?: number;
  error?: string;
  /** With `expose`: the exposed address found to be this node by identity. */
  exposedAs?: string;
}

export interface DoctorReport {
  kind: 'standalone' | 'unix' | 'cluster' | 'sentinel';
  /** The configured hosts and whether each answered. */
  seeds: Array<{ address: string; reachable: boolean; latencyMs?: number; error?: string }>;
  nodes: DoctorNode[];
  /** True when every seed answered and every announced node is reachable. */
  ok: boolean;
  /** Plain-words findings, most important first. */
  findings: string[];
  /** A ready-to-paste `addresses` option, when one would fix what is unreachable. */
  suggestedAddresses?: AddressOptions;
  /** A `slotbridge proxy` command line for clients that are not slotbridge. */
  proxyCommand?: string;
}

export interface DiagnoseOptions {
  /** Exposed ports to match nodes by identity: `{ host, ports: '30001-30006' }`. */
  expose?: { host: string; ports: string };
  /** Per-address connect timeout in ms (default 2000). */
  timeout?: number;
}

/** Diagnoses the deployment a URL or config names; never throws for an unreachable server (it reports it). */
export async function diagnose(
  config: string | ClientConfig,
  options: DiagnoseOptions = {},
): Promise<DoctorReport> {
  const normalized = normalizeConfig(config);
  const timeout = options.timeout ?? 2000;
  const base: ConnectionOptions = {
    ...connectionOptionsFrom(normalized),
    reconnect: false,
    connectTimeout: timeout,
    commandTimeout: timeout,
  };
  const mapper = normalized.addresses ? new ConfiguredAddressMapper(normalized.addresses, base) : undefined;
  // Every probe opens the way the client would: through the mapping, with its TLS servername.
  const nodes = new NodeConnector(base, mapper);
  const report: DoctorReport = { kind: normalized.kind, seeds: [], nodes: [], ok: true, findings: [] };

  if (normalized.kind === 'unix' || normalized.kind === 'standalone') {
    const address = normalized.kind === 'unix' ? normalized.path : formatAddress(normalized);
    const probe = await tryConnect(
      normalized.kind === 'unix'
        ? new Connection({ ...base, path: normalized.path })
        : nodes.open({ host: normalized.host, port: normalized.port }),
    );
    report.seeds.push({ address, ...probe.result });
    probe.connection?.disconnect();
    report.ok = probe.result.reachable;
    report.findings.push(
      probe.result.reachable
        ? `${address} answers; a single server never redirects clients, so nothing else needs to be reachable.`
        : `${address} does not answer: ${probe.result.error}`,
    );
    return report;
  }

  const seeds =
    normalized.kind === 'sentinel'
      ? nodes.with({
          ...base,
          db: 0,
          username: normalized.sentinelUsername,
          password: normalized.sentinelPassword,
          tls: normalized.sentinelTls,
        })
      : nodes;
  let answered: { connection: Connection; address: NodeAddress } | undefined;
  for (const seed of normalized.hosts) {
    const probe = await tryConnect(seeds.open(await seeds.resolve(seed, { source: 'config' })));
    report.seeds.push({ address: formatAddress(seed), ...probe.result });
    if (probe.connection && answered === undefined)
      answered = { connection: probe.connection, address: seed };
    else probe.connection?.disconnect();
  }
  if (answered === undefined) {
    report.ok = false;
    report.findings.push(
      `None of the configured hosts answers (${report.seeds.map((s) => `${s.address}: ${s.error}`).join('; ')}). ` +
        'Check the address you expose (port-forward, NodePort, ingress) before anything else.',
    );
    return report;
  }
  const announcedBy = formatAddress(answered.address);
  try {
    if (normalized.kind === 'cluster') {
      const { view } = await fetchClusterView(answered.connection, answered.address, {
        tls: Boolean(base.tls),
        timeout,
      });
      for (const shard of view.shards) {
        const slots = shard.slots.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(',');
        for (const node of [shard.primary, ...shard.replicas]) {
          report.nodes.push({
            role: node.role === 'primary' ? 'master' : 'replica',
            ...(node.id ? { id: node.id } : {}),
            ...(node.role === 'primary' && slots ? { slots } : {}),
            announced: formatAddress(node),
            ...(node.hostname ? { hostname: node.hostname } : {}),
            announcedBy,
            target: '',
            reachable: false,
          });
        }
      }
    } else {
      const name = normalized.name;
      const connection = answered.connection;
      const master = parseMasterAddress(await connection.send(['SENTINEL', 'GET-MASTER-ADDR-BY-NAME', name]));
      if (master === undefined) {
        report.ok = false;
        report.findings.push(
          `Sentinel ${announcedBy} does not know a master named "${name}" (check sentinel.name).`,
        );
        return report;
      }
      const masterRecord = parseInstanceList([await connection.send(['SENTINEL', 'MASTER', name])])[0];
      report.nodes.push({
        role: 'master',
        ...(masterRecord?.get('runid') ? { id: masterRecord.get('runid')! } : {}),
        announced: formatAddress(master),
        announcedBy,
        target: '',
        reachable: false,
      });
      for (const record of parseInstanceList(await connection.send(['SENTINEL', 'REPLICAS', name]))) {
        report.nodes.push(instanceNode('replica', record, announcedBy));
      }
      for (const record of parseInstanceList(await connection.send(['SENTINEL', 'SENTINELS', name]))) {
        report.nodes.push(instanceNode('sentinel', record, announcedBy));
      }
    }
  } finally {
    answered.connection.disconnect();
  }

  // Try every announced address from here (through the configured mapping, if any).
  await Promise.all(
    report.nodes.map(async (node) => {
      const announced = parseAddress(node.announced);
      const context = {
        source: 'cluster-shards' as const,
        announcedBy,
        role: node.role,
        ...(node.id ? { nodeId: node.id } : {}),
      };
      const connector = node.role === 'sentinel' ? seeds : nodes;
      const target = await connector.resolve(announced, context);
      node.target = formatAddress(target);
      const probe = await tryConnect(connector.open(target));
      probe.connection?.disconnect();
      Object.assign(node, probe.result);
    }),
  );
  const unreachable = report.nodes.filter((node) => !node.reachable);
  report.ok = unreachable.length === 0;
  if (report.ok) {
    report.findings.push(`All ${report.nodes.length} announced nodes answer from here: nothing to fix.`);
    return report;
  }
  report.findings.push(
    `${unreachable.length} of ${report.nodes.length} announced nodes do not answer from here although ${announcedBy} does: ` +
      'the servers announce addresses of their own network (minikube, Kubernetes, docker).',
  );
  for (const node of unreachable) {
    report.findings.push(
      `  ${node.role} ${node.id ? `${node.id.slice(0, 12)} ` : ''}at ${node.announced}: ${node.error}`,
    );
  }

  if (options.expose) {
    const discovery = new PortDiscovery(
      { host: options.expose.host, ports: options.expose.ports, probeTimeout: timeout },
      base,
    );
    await discovery.probe();
    for (const node of report.nodes) {
      const found = discovery.find(parseAddress(node.announced), node.id);
      if (found) node.exposedAs = formatAddress(found.exposed);
    }
    const missing = unreachable.filter((node) => node.exposedAs === undefined);
    if (missing.length === 0) {
      report.suggestedAddresses = { discover: { host: options.expose.host, ports: options.expose.ports } };
      report.findings.push(
        `Every unreachable node was found among the exposed ports by identity: use discover.`,
      );
    } else {
      report.findings.push(
        `${missing.length} node(s) are not among the exposed ports (${missing.map((n) => n.announced).join(', ')}): expose them too, or use the proxy.`,
      );
    }
  }
  if (report.suggestedAddresses === undefined) {
    const map: Record<string, string> = {};
    for (const node of unreachable) map[node.announced] = node.exposedAs ?? '<host:port reachable from here>';
    report.suggestedAddresses = { map };
  }
  const seedUrl = normalized.kind === 'cluster' ? `redis://${announcedBy}` : `redis://${announcedBy}`;
  report.proxyCommand =
    normalized.kind === 'cluster'
      ? `slotbridge proxy --cluster ${seedUrl} --advertise <address clients use> --ports 31000-31099`
      : `slotbridge proxy --sentinel ${seedUrl} --name ${normalized.name} --advertise <address clients use> --ports 31000-31099`;
  return report;
}

function instanceNode(
  role: 'replica' | 'sentinel',
  record: ReadonlyMap<string, string>,
  announcedBy: string,
): DoctorNode {
  const runid = record.get('runid');
  return {
    role,
    ...(runid ? { id: runid } : {}),
    announced: formatAddress({ host: record.get('ip') ?? '?', port: Number(record.get('port') ?? 0) }),
    announcedBy,
    target: '',
    reachable: false,
  };
}

async function tryConnect(
  connection: Connection,
): Promise<{ connection?: Connection; result: { reachable: boolean; latencyMs?: number; error?: string } }> {
  const started = performance.now();
  try {
    await connection.connect();
    await connection.send(['PING']);
    return {
      connection,
      result: { reachable: true, latencyMs: Math.round((performance.now() - started) * 10) / 10 },
    };
  } catch (error) {
    connection.disconnect();
    const code = (error as { code?: string }).code;
    return { result: { reachable: false, error: `${code ? `${code}: ` : ''}${(error as Error).message}` } };
  }
}

function parseAddress(text: string): NodeAddress {
  if (text.startsWith('[')) {
    const end = text.indexOf(']');
    return { host: text.slice(1, end), port: Number(text.slice(end + 2)) };
  }
  const colon = text.lastIndexOf(':');
  return { host: text.slice(0, colon), port: Number(text.slice(colon + 1)) };
}
