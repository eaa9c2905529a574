import { parseDouble, type RespValue } from '../resp/index.js';

/**
 * Reply transforms shared by command definitions. Each gives one JS shape whatever the protocol:
 * RESP3 sends maps, doubles and sets natively; RESP2 sends flat arrays and numeric strings.
 */

/** A key or value as sent: strings go as UTF-8, Buffers as bytes. */
export type RedisKey = string | Buffer;
/** A value argument: numbers are sent as their decimal text. */
export type RedisValue = string | Buffer | number;

/** A bulk or status string (null kept); on a `withBuffers()` view a Buffer (typed as string here). */
export function toStringOrNull(reply: RespValue, buffers = false): string | null {
  if (reply === null) return null;
  if (buffers) return (Buffer.isBuffer(reply) ? reply : Buffer.from(String(reply))) as unknown as string;
  return typeof reply === 'string' ? reply : String(reply);
}

function toText(reply: RespValue, buffers: boolean): string {
  return toStringOrNull(reply, buffers) as string;
}

/** An integer, a double or a numeric string (RESP2 doubles) → number; `inf`/`-inf`/`nan` understood. */
export function toNumber(reply: RespValue): number {
  if (typeof reply === 'number') return reply;
  if (typeof reply === 'bigint') return Number(reply);
  if (typeof reply === 'string') return parseDouble(reply);
  if (Buffer.isBuffer(reply)) return parseDouble(reply.toString());
  return Number.NaN;
}

export function toNumberOrNull(reply: RespValue): number | null {
  return reply === null ? null : toNumber(reply);
}

export function toBoolean(reply: RespValue): boolean {
  return reply === 1 || reply === true || reply === 'OK';
}

export function toStringArray(reply: RespValue, buffers = false): string[] {
  return Array.isArray(reply) ? reply.map((item) => toText(item, buffers)) : [];
}

export function toNullableStringArray(reply: RespValue, buffers = false): Array<string | null> {
  return Array.isArray(reply) ? reply.map((item) => toStringOrNull(item, buffers)) : [];
}

/** HGETALL, CONFIG GET...: a RESP3 map or a RESP2 flat [k, v, k, v] array → a plain object. */
export function toRecord(reply: RespValue, buffers = false): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  if (reply instanceof Map) {
    for (const [key, value] of reply) out[String(key)] = toText(value, buffers);
  } else if (Array.isArray(reply)) {
    for (let i = 0; i + 1 < reply.length; i += 2) out[String(reply[i])] = toText(reply[i + 1], buffers);
  }
  return out;
}

/** A sorted-set entry. */
export interface ScoredMember {
  member: string;
  score: number;
}

/** ZRANGE ... WITHSCORES: RESP3 [[m, s], ...] or RESP2 [m, s, m, s] → [{ member, score }]. */
export function toScoredMembers(reply: RespValue, buffers = false): ScoredMember[] {
  if (!Array.isArray(reply)) return [];
  const out: ScoredMember[] = [];
  if (reply.length > 0 && Array.isArray(reply[0])) {
    for (const pair of reply as RespValue[][])
      out.push({ member: toText(pair[0], buffers), score: toNumber(pair[1]) });
    return out;
  }
  for (let i = 0; i + 1 < reply.length; i += 2) {
    out.push({ member: toText(reply[i], buffers), score: toNumber(reply[i + 1]) });
  }
  return out;
}

/** A hash field with its value. */
export interface FieldValue {
  field: string;
  value: string;
}

/** HRANDFIELD ... WITHVALUES: RESP3 [[f, v], ...] or RESP2 [f, v, f, v] → [{ field, value }]. */
export function toFieldValues(reply: RespValue, buffers = false): FieldValue[] {
  if (!Array.isArray(reply)) return [];
  const out: FieldValue[] = [];
  if (reply.length > 0 && Array.isArray(reply[0])) {
    for (const pair of reply as RespValue[][])
      out.push({ field: toText(pair[0], buffers), value: toText(pair[1], buffers) });
    return out;
  }
  for (let i = 0; i + 1 < reply.length; i += 2) {
    out.push({ field: toText(reply[i], buffers), value: toText(reply[i + 1], buffers) });
  }
  return out;
}

/** INFO text (RESP3 verbatim string or RESP2 bulk) → { section: { field: value } }, section names lower-case. */
export function parseInfo(reply: RespValue): Record<string, Record<string, string>> {
  const text = Buffer.isBuffer(reply) ? reply.toString() : String(reply ?? '');
  const out: Record<string, Record<string, string>> = {};
  let section: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith('# ')) {
      section = {};
      out[line.slice(2).trim().toLowerCase()] = section;
    } else if (line !== '') {
      const colon = line.indexOf(':');
      if (colon > 0) section[line.slice(0, colon)] = line.slice(colon + 1);
    }
  }
  return out;
}
