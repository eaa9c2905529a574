/**
 * Rewrites the cluster topology replies so that every node address is the proxy's: CLUSTER NODES,
 * REPLICAS/SLAVES (the same line format), SLOTS and SHARDS, in RESP2 and RESP3. Frames of an unexpected
 * shape are returned untouched (a rewriter never breaks a reply it does not understand).
 */
import type { RespFrame } from '../resp/index.js';
import type { AddressRewriter } from './address-rewriter.js';
import { frameInteger, frameItems, frameRecord, frameText, withInteger, withText } from './frame-values.js';

/** One CLUSTER NODES line: `id ip:port@cport[,hostname] flags ...`. */
export function rewriteNodesLine(line: string, rw: AddressRewriter): string {
  const fields = line.split(' ');
  if (fields.length < 8) return line;
  const [address, ...aux] = fields[1].split(',');
  const at = address.indexOf('@');
  const hostPort = at < 0 ? address : address.slice(0, at);
  const colon = hostPort.lastIndexOf(':');
  if (colon < 0) return line;
  const port = Number(hostPort.slice(colon + 1));
  if (!Number.isInteger(port) || port === 0) return line;
  let host = hostPort.slice(0, colon);
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  const proxyPort = rw.portFor(fields[0], host, port);
  if (proxyPort === undefined) return line;
  const rewrittenAux = aux.map((part, index) => {
    if (part.startsWith('hostname=')) return part === 'hostname=' ? part : `hostname=${rw.advertiseHost}`;
    if (index === 0 && !part.includes('=') && part !== '') return rw.advertiseHost;
    return part;
  });
  // The cluster bus is not proxied: its port is given as 0.
  fields[1] = [`${rw.endpoint(proxyPort)}@0`, ...rewrittenAux].join(',');
  return fields.join(' ');
}

export function rewriteNodesText(text: string, rw: AddressRewriter): string {
  return text
    .split('\n')
    .map((line) => rewriteNodesLine(line, rw))
    .join('\n');
}

/** CLUSTER NODES: one bulk (RESP2) or verbatim (RESP3) string. */
export function rewriteClusterNodes(frame: RespFrame, rw: AddressRewriter): RespFrame {
  const text = frameText(frame);
  return text === undefined ? frame : withText(frame, rewriteNodesText(text, rw));
}

/** CLUSTER REPLICAS / SLAVES: an array of CLUSTER NODES lines. */
export function rewriteClusterReplicas(frame: RespFrame, rw: AddressRewriter): RespFrame {
  const items = frameItems(frame);
  if (items === undefined) return frame;
  for (let i = 0; i < items.length; i++) items[i] = rewriteClusterNodes(items[i], rw);
  return frame;
}

/** CLUSTER SLOTS: `[start, end, [ip, port, id, metadata], ...replicas]` per range. */
export function rewriteClusterSlots(frame: RespFrame, rw: AddressRewriter): RespFrame {
  for (const range of frameItems(frame) ?? []) {
    const entries = frameItems(range);
    if (entries === undefined) continue;
    for (let i = 2; i < entries.length; i++) {
      const node = frameItems(entries[i]);
      if (node === undefined || node.length < 2) continue;
      const host = frameText(node[0]);
      const port = frameInteger(node[1]);
      if (port === undefined || port === 0 || host === '?') continue;
      const proxyPort = rw.portFor(frameText(node[2]), host ?? '', port);
      if (proxyPort === undefined) continue;
      // A NULL endpoint means "the node you asked", which the client reached through the proxy: keep it.
      if (host !== undefined) node[0] = withText(node[0], rw.advertiseHost);
      node[1] = withInteger(node[1], proxyPort);
      const metadata = frameRecord(node[3]);
      if (metadata !== undefined) advertiseHostFields(metadata, rw, ['hostname', 'ip']);
    }
  }
  return frame;
}

/** CLUSTER SHARDS: shards (maps or flat arrays) holding `nodes`, each with id/port/tls-port/ip/endpoint/hostname. */
export function rewriteClusterShards(frame: RespFrame, rw: AddressRewriter): RespFrame {
  for (const shardFrame of frameItems(frame) ?? []) {
    const shard = frameRecord(shardFrame);
    for (const nodeFrame of frameItems(shard?.get('nodes')) ?? []) {
      const node = frameRecord(nodeFrame);
      if (node === undefined) continue;
      const portFrame = node.get('port');
      const tlsFrame = node.get('tls-port');
      const port = frameInteger(portFrame) || frameInteger(tlsFrame);
      const endpoint = frameText(node.get('endpoint'));
      if (port === undefined || port === 0 || endpoint === '?') continue;
      const host = endpoint || frameText(node.get('ip')) || '';
      const proxyPort = rw.portFor(frameText(node.get('id')), host, port);
      if (proxyPort === undefined) continue;
      if (portFrame !== undefined && frameInteger(portFrame) !== 0)
        node.set('port', withInteger(portFrame, proxyPort));
      if (tlsFrame !== undefined && frameInteger(tlsFrame) !== 0)
        node.set('tls-port', withInteger(tlsFrame, proxyPort));
      advertiseHostFields(node, rw, ['ip', 'endpoint', 'hostname'], ['ip', 'endpoint']);
    }
  }
  return frame;
}

/**
 * Sets `keys` to the advertised host. Empty values stay empty, except for `alwaysKeys` (an empty ip or
 * endpoint means "the node that answered", which for the client is the proxy: say so explicitly).
 */
function advertiseHostFields(
  record: NonNullable<ReturnType<typeof frameRecord>>,
  rw: AddressRewriter,
  keys: string[],
  alwaysKeys: string[] = [],
): void {
  for (const key of keys) {
    const value = record.get(key);
    if (value === undefined) continue;
    const text = frameText(value);
    if (text === undefined && value.type !== 'bulk') continue;
    if ((text === undefined || text === '') && !alwaysKeys.includes(key)) continue;
    record.set(
      key,
      value.type === 'bulk' || value.type === 'simple' ? withText(value, rw.advertiseHost) : value,
    );
  }
}
