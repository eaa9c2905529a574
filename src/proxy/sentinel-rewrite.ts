/**
 * Sentinel replies and events, rewritten so that every address is the proxy's: SENTINEL
 * get-master-addr-by-name (`[ip, port]`), MASTER (one record), MASTERS / REPLICAS / SLAVES / SENTINELS
 * (lists of records with `ip`, `port`, and `master-host`/`master-port` for replicas; RESP2 flat arrays or
 * RESP3 maps), and the text of pub/sub events (+switch-master, +sdown, +odown, +slave,
 * +promoted-slave, ...), where any `ip port` pair or `ip:port` word naming a known node is replaced.
 */
import type { RespFrame } from '../resp/index.js';
import type { AddressRewriter } from './address-rewriter.js';
import { frameInteger, frameItems, frameRecord, frameText, withInteger, withText } from './frame-values.js';
import { sentinelNodeId } from './sentinel-directory.js';

/** `SENTINEL get-master-addr-by-name`: `[ip, port]` (or a null for an unknown name). */
export function rewriteSentinelAddress(frame: RespFrame, rw: AddressRewriter): RespFrame {
  const items = frameItems(frame);
  if (items === undefined || items.length !== 2) return frame;
  const host = frameText(items[0]);
  const port = frameInteger(items[1]);
  if (host === undefined || port === undefined) return frame;
  const proxyPort = rw.portFor(undefined, host, port);
  if (proxyPort === undefined) return frame;
  items[0] = withText(items[0], rw.advertiseHost);
  items[1] = withInteger(items[1], proxyPort);
  return frame;
}

/** One instance record (`SENTINEL MASTER`, or an element of the lists). */
export function rewriteSentinelRecord(frame: RespFrame, rw: AddressRewriter): RespFrame {
  const record = frameRecord(frame);
  if (record === undefined) return frame;
  rewriteFields(record, 'ip', 'port', rw, record.get('runid'));
  rewriteFields(record, 'master-host', 'master-port', rw, undefined);
  // A replica's name is its `ip:port`.
  const nameFrame = record.get('name');
  const name = frameText(nameFrame);
  if (nameFrame !== undefined && name?.includes(':') === true) {
    const rewritten = rewriteEventText(name, rw);
    if (rewritten !== name) record.set('name', withText(nameFrame, rewritten));
  }
  return frame;
}

/** `SENTINEL MASTERS / REPLICAS / SLAVES / SENTINELS`: a list of records. */
export function rewriteSentinelRecords(frame: RespFrame, rw: AddressRewriter): RespFrame {
  const items = frameItems(frame);
  if (items === undefined) return frame;
  for (let i = 0; i < items.length; i++) items[i] = rewriteSentinelRecord(items[i], rw);
  return frame;
}

function rewriteFields(
  record: NonNullable<ReturnType<typeof frameRecord>>,
  hostKey: string,
  portKey: string,
  rw: AddressRewriter,
  runIdFrame: RespFrame | undefined,
): void {
  const hostFrame = record.get(hostKey);
  const portFrame = record.get(portKey);
  const host = frameText(hostFrame);
  const port = frameInteger(portFrame);
  if (hostFrame === undefined || portFrame === undefined || host === undefined || port === undefined) return;
  const runId = frameText(runIdFrame);
  const proxyPort = rw.portFor(runId === undefined ? undefined : sentinelNodeId(runId), host, port);
  if (proxyPort === undefined) return;
  record.set(hostKey, withText(hostFrame, rw.advertiseHost));
  record.set(portKey, withInteger(portFrame, proxyPort));
}

const LOOKS_LIKE_HOST = /[.:]/;
const DIGITS = /^\d{1,5}$/;

/**
 * A sentinel event's text: `ip port` pairs and `ip:port` words of known nodes are replaced. Words that
 * do not look like addresses (names, flags, `@`) are left alone and never counted as unknown.
 */
export function rewriteEventText(text: string, rw: AddressRewriter): string {
  const words = text.split(' ');
  let changed = false;
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const next = words[i + 1];
    if (next !== undefined && DIGITS.test(next) && LOOKS_LIKE_HOST.test(word)) {
      const proxyPort = rw.portFor(undefined, word, Number(next));
      if (proxyPort !== undefined) {
        words[i] = rw.advertiseHost;
        words[i + 1] = String(proxyPort);
        changed = true;
      }
      i++;
      continue;
    }
    const colon = word.lastIndexOf(':');
    if (colon > 0 && DIGITS.test(word.slice(colon + 1))) {
      const host = word.slice(0, colon).replace(/^\[(.*)\]$/, '$1');
      const proxyPort = rw.portFor(undefined, host, Number(word.slice(colon + 1)));
      if (proxyPort !== undefined) {
        words[i] = rw.endpoint(proxyPort);
        changed = true;
      }
    }
  }
  return changed ? words.join(' ') : text;
}

/** A pub/sub message (RESP2 array or RESP3 push): `message channel payload` / `pmessage pattern channel payload`. */
export function rewritePubsubEvent(frame: RespFrame, rw: AddressRewriter): RespFrame {
  const items = frameItems(frame);
  if (items === undefined || items.length < 3) return frame;
  const kind = frameText(items[0]);
  if (kind !== 'message' && kind !== 'pmessage') return frame;
  const last = items.length - 1;
  const payload = frameText(items[last]);
  if (payload === undefined) return frame;
  const rewritten =
    frameText(items[last - 1]) === HELLO_CHANNEL ? rewriteHello(payload, rw) : rewriteEventText(payload, rw);
  if (rewritten !== payload) items[last] = withText(items[last], rewritten);
  return frame;
}

/** The channel sentinels announce themselves on, through the data nodes (readable by any subscriber). */
const HELLO_CHANNEL = '__sentinel__:hello';

/** `ip,port,runid,epoch,master-name,master-ip,master-port,master-epoch`. */
function rewriteHello(text: string, rw: AddressRewriter): string {
  const fields = text.split(',');
  if (fields.length < 8) return text;
  const pairs: Array<[number, number, string | undefined]> = [
    [0, 1, sentinelNodeId(fields[2])],
    [5, 6, undefined],
  ];
  for (const [hostAt, portAt, id] of pairs) {
    const proxyPort = rw.portFor(id, fields[hostAt], Number(fields[portAt]));
    if (proxyPort === undefined) continue;
    fields[hostAt] = rw.advertiseHost;
    fields[portAt] = String(proxyPort);
  }
  return fields.join(',');
}
