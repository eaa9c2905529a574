/**
 * Parsers for the three topology replies: CLUSTER SHARDS (Redis >= 7), CLUSTER SLOTS (>= 3) and
 * CLUSTER NODES (every version; the one the seed names). Each returns a {@link ClusterView} and never
 * throws on odd entries: a node it cannot place is skipped, so the rest of the cluster stays usable.
 *
 * Endpoint rules (Redis 7): a NULL or empty endpoint means "the node that answered" (same host, the
 * announced port); `?` means unknown and the node is skipped.
 */

import { ProtocolError } from '../../errors.js';
import { type RespValue, replyText } from '../../resp/index.js';
import type {
  ClusterNodeInfo,
  ClusterShardInfo,
  ClusterView,
  SlotMigrationMarker,
  ViewParseOptions,
} from './cluster-view.js';
import { SLOT_COUNT } from './cluster-view.js';

/** Resolves an announced endpoint by the Redis 7 rules; undefined = unknown (skip the node). */
export function resolveEndpoint(
  endpoint: string | null | undefined,
  hostname: string | undefined,
  options: ViewParseOptions,
): string | undefined {
  if (options.preferHostname && hostname !== undefined && hostname !== '' && hostname !== '?')
    return hostname;
  if (endpoint === '?') return undefined;
  if (endpoint === null || endpoint === undefined || endpoint === '') return options.answeredBy.host;
  if (endpoint.length >= 2 && endpoint.startsWith('[') && endpoint.endsWith(']'))
    return endpoint.slice(1, -1);
  return endpoint;
}

function integer(value: RespValue | undefined): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  const s = replyText(value);
  if (s === undefined || !/^\d+$/.test(s)) return undefined;
  return Number(s);
}

/** A RESP3 map or a RESP2 flat key/value array as a Map with string keys. */
function record(value: RespValue | undefined): Map<string, RespValue> | undefined {
  const out = new Map<string, RespValue>();
  if (value instanceof Map) {
    for (const [key, entry] of value) {
      const name = replyText(key);
      if (name !== undefined) out.set(name, entry);
    }
    return out;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i + 1 < value.length; i += 2) {
      const name = replyText(value[i]);
      if (name !== undefined) out.set(name, value[i + 1]);
    }
    return out;
  }
  return undefined;
}

function validSlotRange(start: number | undefined, end: number | undefined): start is number {
  return start !== undefined && end !== undefined && start <= end && end < SLOT_COUNT;
}

function notAnArray(command: string): ProtocolError {
  return new ProtocolError(`${command} reply is not an array`);
}

// ---------------------------------------------------------------- CLUSTER SHARDS

/** Parses CLUSTER SHARDS (RESP2 flat arrays or RESP3 maps). */
export function parseClusterShards(reply: RespValue, options: ViewParseOptions): ClusterView {
  if (!Array.isArray(reply)) throw notAnArray('CLUSTER SHARDS');
  const shards: ClusterShardInfo[] = [];
  for (const entry of reply) {
    const shard = record(entry);
    if (shard === undefined) continue;
    const slots: Array<readonly [number, number]> = [];
    const rawSlots = shard.get('slots');
    if (Array.isArray(rawSlots)) {
      for (let i = 0; i + 1 < rawSlots.length; i += 2) {
        const start = integer(rawSlots[i]);
        const end = integer(rawSlots[i + 1]);
        if (validSlotRange(start, end)) slots.push([start, end as number]);
      }
    }
    let primary: ClusterNodeInfo | undefined;
    const replicas: ClusterNodeInfo[] = [];
    const rawNodes = shard.get('nodes');
    const nodes = Array.isArray(rawNodes) ? rawNodes : [];
    const parsed = nodes.map((node) => shardNode(node, options));
    // Right after a failover a shard can list two nodes with role master: the failed old primary
    // (health "fail") and the promoted one (Redis 7.2/7.4, in either order). The healthy one owns
    // the slots; the other is kept as an unhealthy replica so it is never routed to.
    const masters = parsed.filter((node) => node?.role === 'primary');
    const chosen = masters.find((node) => node?.healthy) ?? masters.at(-1);
    const primaryId = chosen?.id;
    for (const node of parsed) {
      if (node === undefined) continue;
      if (node === chosen) primary = node;
      else if (node.role === 'primary')
        replicas.push({ ...node, role: 'replica', primaryId, healthy: false });
      else replicas.push({ ...node, primaryId });
    }
    if (primary !== undefined) shards.push({ primary, replicas, slots });
  }
  return { source: 'cluster-shards', shards, migrations: [] };
}

function shardNode(value: RespValue, options: ViewParseOptions): ClusterNodeInfo | undefined {
  const node = record(value);
  if (node === undefined) return undefined;
  // A node listening both ways lists both ports: the one that matches how the client connects.
  const plain = integer(node.get('port'));
  const tls = integer(node.get('tls-port'));
  const port = options.tls ? (tls ?? plain) : (plain ?? tls);
  if (port === undefined || port === 0) return undefined;
  const hostnameValue = replyText(node.get('hostname'));
  const hostname = hostnameValue === '' ? undefined : hostnameValue;
  const endpointValue = node.get('endpoint');
  const endpoint = endpointValue === null ? null : replyText(endpointValue);
  const host = resolveEndpoint(endpoint ?? replyText(node.get('ip')), hostname, options);
  if (host === undefined) return undefined;
  const health = replyText(node.get('health'));
  return {
    id: replyText(node.get('id')),
    host,
    port,
    hostname,
    role: replyText(node.get('role')) === 'master' ? 'primary' : 'replica',
    primaryId: undefined,
    healthy: health === undefined || health === 'online',
    loading: health === 'loading',
    flags: [],
  };
}

// ---------------------------------------------------------------- CLUSTER SLOTS

/** Parses CLUSTER SLOTS: `[start, end, [host, port, id, {hostname}], ...replicas]` per range. */
export function parseClusterSlots(reply: RespValue, options: ViewParseOptions): ClusterView {
  if (!Array.isArray(reply)) throw notAnArray('CLUSTER SLOTS');
  const byPrimary = new Map<string, { primary: ClusterNodeInfo; replicas: Map<string, ClusterNodeInfo> }>();
  const slotsOf = new Map<string, Array<readonly [number, number]>>();
  for (const range of reply) {
    if (!Array.isArray(range) || range.length < 3) continue;
    const start = integer(range[0]);
    const end = integer(range[1]);
    if (!validSlotRange(start, end)) continue;
    const primary = slotsNode(range[2], 'primary', undefined, options);
    if (primary === undefined) continue;
    const key = primary.id ?? `${primary.host}:${primary.port}`;
    let shard = byPrimary.get(key);
    if (shard === undefined) {
      shard = { primary, replicas: new Map() };
      byPrimary.set(key, shard);
      slotsOf.set(key, []);
    }
    slotsOf.get(key)?.push([start, end as number]);
    for (let i = 3; i < range.length; i++) {
      const replica = slotsNode(range[i], 'replica', primary.id, options);
      if (replica !== undefined) shard.replicas.set(replica.id ?? `${replica.host}:${replica.port}`, replica);
    }
  }
  const shards: ClusterShardInfo[] = [];
  for (const [key, shard] of byPrimary) {
    shards.push({
      primary: shard.primary,
      replicas: [...shard.replicas.values()],
      slots: slotsOf.get(key) ?? [],
    });
  }
  return { source: 'cluster-slots', shards, migrations: [] };
}

function slotsNode(
  value: RespValue,
  role: 'primary' | 'replica',
  primaryId: string | undefined,
  options: ViewParseOptions,
): ClusterNodeInfo | undefined {
  if (!Array.isArray(value) || value.length < 2) return undefined;
  const port = integer(value[1]);
  if (port === undefined || port === 0) return undefined;
  const metadata = record(value[3]);
  const hostnameValue = replyText(metadata?.get('hostname'));
  const hostname = hostnameValue === '' ? undefined : hostnameValue;
  const endpoint = value[0] === null ? null : replyText(value[0]);
  const host = resolveEndpoint(endpoint, hostname, options);
  if (host === undefined) return undefined;
  return { id: replyText(value[2]), host, port, hostname, role, primaryId, healthy: true, flags: [] };
}

// ---------------------------------------------------------------- CLUSTER NODES

/** One line of CLUSTER NODES, before grouping into shards. */
export interface ClusterNodesLine {
  readonly node: ClusterNodeInfo | undefined;
  readonly id: string;
  /** Announced address could not be used (`:0@0`, noaddr, `?`). */
  readonly noAddress: boolean;
  readonly slots: Array<readonly [number, number]>;
  readonly migrations: SlotMigrationMarker[];
}

/** Splits `ip:port@cport[,hostname][,key=value...]` into parts; IPv6 may come bare or in brackets. */
export function parseNodeAddress(
  field: string,
): { ip: string; port: number; busPort: number | undefined; hostname: string | undefined } | undefined {
  const parts = field.split(',');
  const address = parts[0];
  let hostname: string | undefined;
  for (const aux of parts.slice(1)) {
    if (aux.startsWith('hostname=')) hostname = aux.slice('hostname='.length);
    else if (!aux.includes('=') && hostname === undefined) hostname = aux;
  }
  if (hostname === '') hostname = undefined;
  const at = address.indexOf('@');
  const hostPort = at < 0 ? address : address.slice(0, at);
  const busPort = at < 0 ? undefined : integer(address.slice(at + 1));
  const colon = hostPort.lastIndexOf(':');
  if (colon < 0) return undefined;
  const port = integer(hostPort.slice(colon + 1));
  if (port === undefined) return undefined;
  let ip = hostPort.slice(0, colon);
  if (ip.startsWith('[') && ip.endsWith(']')) ip = ip.slice(1, -1);
  return { ip, port, busPort, hostname };
}

const UNHEALTHY_FLAGS = new Set(['fail', 'fail?', 'handshake', 'noaddr']);

/** Parses one CLUSTER NODES line; undefined for a blank or truncated line. */
export function parseClusterNodesLine(line: string, options: ViewParseOptions): ClusterNodesLine | undefined {
  const fields = line.trim().split(/\s+/);
  if (fields.length < 8) return undefined;
  const [id, addressField, flagField, primaryField] = fields;
  const flags = flagField.split(',');
  const address = parseNodeAddress(addressField);
  const slots: Array<readonly [number, number]> = [];
  const migrations: SlotMigrationMarker[] = [];
  for (const token of fields.slice(8)) {
    if (token.startsWith('[')) {
      const marker = parseMigrationMarker(token, id);
      if (marker !== undefined) migrations.push(marker);
      continue;
    }
    const dash = token.indexOf('-');
    const start = integer(dash < 0 ? token : token.slice(0, dash));
    const end = dash < 0 ? start : integer(token.slice(dash + 1));
    if (validSlotRange(start, end)) slots.push([start, end as number]);
  }
  const noAddress =
    address === undefined || address.port === 0 || flags.includes('noaddr') || address.ip === '?';
  let node: ClusterNodeInfo | undefined;
  if (!noAddress && address !== undefined) {
    const host = resolveEndpoint(address.ip, address.hostname, options);
    if (host !== undefined) {
      node = {
        id,
        host,
        port: address.port,
        hostname: address.hostname,
        role: flags.includes('master') ? 'primary' : 'replica',
        primaryId: primaryField === '-' ? undefined : primaryField,
        healthy: !flags.some((flag) => UNHEALTHY_FLAGS.has(flag)),
        flags,
        configEpoch: integer(fields[6]),
      };
    }
  }
  return { node, id, noAddress: node === undefined, slots, migrations };
}

/** `[slot->-id]` (this node migrates the slot to id) or `[slot-<-id]` (imports it from id). */
function parseMigrationMarker(token: string, nodeId: string): SlotMigrationMarker | undefined {
  const inner = token.slice(1, token.endsWith(']') ? -1 : undefined);
  for (const [separator, direction] of [
    ['->-', 'migrating'],
    ['-<-', 'importing'],
  ] as const) {
    const at = inner.indexOf(separator);
    if (at < 0) continue;
    const slot = integer(inner.slice(0, at));
    if (slot === undefined || slot >= SLOT_COUNT) return undefined;
    return { slot, direction, nodeId, peerId: inner.slice(at + separator.length) };
  }
  return undefined;
}

/** Parses the whole CLUSTER NODES text. */
export function parseClusterNodes(reply: RespValue, options: ViewParseOptions): ClusterView {
  const body = replyText(reply);
  if (body === undefined) throw new ProtocolError('CLUSTER NODES reply is not a string');
  const lines: ClusterNodesLine[] = [];
  for (const line of body.split('\n')) {
    const parsed = parseClusterNodesLine(line, options);
    if (parsed !== undefined) lines.push(parsed);
  }
  const shards = new Map<string, ClusterShardInfo>();
  const migrations: SlotMigrationMarker[] = [];
  for (const line of lines) {
    migrations.push(...line.migrations);
    if (line.node?.role === 'primary') {
      shards.set(line.id, { primary: line.node, replicas: [], slots: line.slots });
    }
  }
  for (const line of lines) {
    const node = line.node;
    if (node === undefined || node.role !== 'replica' || node.primaryId === undefined) continue;
    shards.get(node.primaryId)?.replicas.push(node);
  }
  return { source: 'cluster-nodes', shards: [...shards.values()], migrations };
}
