import type { RespValue } from './types.js';

/**
 * A reply value as text, for code that reads names, addresses and fields out of replies: a string as it
 * is, a Buffer decoded as UTF-8, a number or big number in decimal; `undefined` for anything else (null,
 * arrays, maps, booleans), so the caller decides what a missing or malformed field means.
 */
export function replyText(value: RespValue | undefined): string | undefined {
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return undefined;
}
