/**
 * Replies that describe connections or the server's own settings: CLIENT INFO / CLIENT LIST lines
 * (`addr=` is the connection's peer — for the server, the proxy's backend-side address — and `laddr=` the
 * node's own address) and CONFIG GET (address parameters and secrets). Their backend addresses are
 * replaced or withheld; nothing else changes.
 */
import type { RespFrame } from '../resp/index.js';
import type { AddressRewriter } from './address-rewriter.js';
import { frameRecord, frameText, withText } from './frame-values.js';

/** One `id=.. addr=.. laddr=.. ...` line. */
export function rewriteClientLine(line: string, rw: AddressRewriter, own: boolean): string {
  return line
    .split(' ')
    .map((field) => {
      if (field.startsWith('laddr=')) return `laddr=${rw.endpoint(rw.ownPort())}`;
      if (field.startsWith('addr=')) return `addr=${own ? rw.clientAddress : '?:0'}`;
      return field;
    })
    .join(' ');
}

/** CLIENT INFO (one line, the caller's own) or CLIENT LIST (one line per connection). */
export function rewriteClientInfo(frame: RespFrame, rw: AddressRewriter): RespFrame {
  const text = frameText(frame);
  if (text === undefined) return frame;
  const lines = text.split('\n');
  const own = lines.filter((line) => line.trim() !== '').length === 1;
  return withText(
    frame,
    lines.map((line) => (line === '' ? line : rewriteClientLine(line, rw, own))).join('\n'),
  );
}

/** CONFIG GET parameters whose values name backend addresses or hold secrets. */
const WITHHELD =
  /^(port|tls-port|bind|bind-source-addr|unixsocket|.*announce.*|replicaof|slaveof|masterauth|masteruser|requirepass|sentinel.*|cluster-config-file|dir|logfile|pidfile)$/i;

/** CONFIG GET: `name value` pairs (RESP2 flat array, RESP3 map); withheld values become empty strings. */
export function rewriteConfigGet(frame: RespFrame, rw: AddressRewriter): RespFrame {
  const record = frameRecord(frame);
  if (record === undefined) return frame;
  for (const key of record.keys) {
    const value = record.get(key);
    if (value !== undefined && WITHHELD.test(key)) {
      rw.replaced++;
      record.set(key, withText(value, ''));
    }
  }
  return frame;
}
