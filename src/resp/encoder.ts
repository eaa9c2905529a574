/**
 * Value encoder: turns a typed {@link RespFrame} tree into RESP bytes. Used by tests, the fake server
 * and the proxy; not the client's hot path (commands go through command-writer.ts).
 */

/**
 * One RESP2/RESP3 frame.
 *
 * - `bulk` / `array` with `value: null` encode the RESP2 nulls `$-1` / `*-1`; `null` encodes RESP3 `_`.
 * - `verbatim.format` is the 3-character format (`txt`, `mkd`).
 * - `attribute` wraps the value it annotates: `|n` pairs, then `value`.
 */
export type RespFrame =
  | { type: 'simple'; value: string }
  | { type: 'error'; value: string }
  | { type: 'integer'; value: number | bigint }
  | { type: 'bulk'; value: string | Buffer | null }
  | { type: 'array'; value: RespFrame[] | null }
  | { type: 'null' }
  | { type: 'boolean'; value: boolean }
  | { type: 'double'; value: number }
  | { type: 'bignum'; value: bigint }
  | { type: 'bulkError'; value: string }
  | { type: 'verbatim'; format: string; value: string | Buffer }
  | { type: 'map'; value: Array<[RespFrame, RespFrame]> }
  | { type: 'set'; value: RespFrame[] }
  | { type: 'attribute'; attributes: Array<[RespFrame, RespFrame]>; value: RespFrame }
  | { type: 'push'; value: RespFrame[] };

const CRLF = Buffer.from('\r\n');

/** Text of a double as RESP3 sends it: `inf`, `-inf`, `nan`, or the shortest round-tripping decimal. */
export function formatDouble(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (value === Number.POSITIVE_INFINITY) return 'inf';
  if (value === Number.NEGATIVE_INFINITY) return '-inf';
  if (Object.is(value, -0)) return '-0';
  return String(value);
}

function assertLine(text: string, what: string): void {
  if (text.includes('\r') || text.includes('\n')) throw new TypeError(`${what} must not contain CR or LF`);
}

function collect(frame: RespFrame, out: Buffer[]): void {
  switch (frame.type) {
    case 'simple':
      assertLine(frame.value, 'simple string');
      out.push(Buffer.from(`+${frame.value}\r\n`));
      return;
    case 'error':
      assertLine(frame.value, 'error');
      out.push(Buffer.from(`-${frame.value}\r\n`));
      return;
    case 'integer':
      if (typeof frame.value === 'number' && !Number.isInteger(frame.value)) {
        throw new TypeError(`integer frame holds a non-integer: ${frame.value}`);
      }
      out.push(Buffer.from(`:${frame.value}\r\n`));
      return;
    case 'bulk':
      if (frame.value === null) out.push(Buffer.from('$-1\r\n'));
      else collectBulk('$', typeof frame.value === 'string' ? Buffer.from(frame.value) : frame.value, out);
      return;
    case 'bulkError':
      collectBulk('!', Buffer.from(frame.value), out);
      return;
    case 'verbatim': {
      if (frame.format.length !== 3) throw new TypeError('verbatim format must be 3 characters');
      const body = typeof frame.value === 'string' ? Buffer.from(frame.value) : frame.value;
      collectBulk('=', Buffer.concat([Buffer.from(`${frame.format}:`), body]), out);
      return;
    }
    case 'array':
      if (frame.value === null) out.push(Buffer.from('*-1\r\n'));
      else collectAll('*', frame.value, out);
      return;
    case 'set':
      collectAll('~', frame.value, out);
      return;
    case 'push':
      collectAll('>', frame.value, out);
      return;
    case 'map':
      collectPairs('%', frame.value, out);
      return;
    case 'attribute':
      collectPairs('|', frame.attributes, out);
      collect(frame.value, out);
      return;
    case 'null':
      out.push(Buffer.from('_\r\n'));
      return;
    case 'boolean':
      out.push(Buffer.from(frame.value ? '#t\r\n' : '#f\r\n'));
      return;
    case 'double':
      out.push(Buffer.from(`,${formatDouble(frame.value)}\r\n`));
      return;
    case 'bignum':
      out.push(Buffer.from(`(${frame.value}\r\n`));
      return;
  }
}

function collectBulk(prefix: string, body: Buffer, out: Buffer[]): void {
  out.push(Buffer.from(`${prefix}${body.length}\r\n`), body, CRLF);
}

function collectAll(prefix: string, items: readonly RespFrame[], out: Buffer[]): void {
  out.push(Buffer.from(`${prefix}${items.length}\r\n`));
  for (const item of items) collect(item, out);
}

function collectPairs(prefix: string, pairs: ReadonlyArray<[RespFrame, RespFrame]>, out: Buffer[]): void {
  out.push(Buffer.from(`${prefix}${pairs.length}\r\n`));
  for (const [key, value] of pairs) {
    collect(key, out);
    collect(value, out);
  }
}

/** Encodes one frame (and everything inside it) as RESP bytes. */
export function encodeFrame(frame: RespFrame): Buffer {
  const out: Buffer[] = [];
  collect(frame, out);
  return Buffer.concat(out);
}
