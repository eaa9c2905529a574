import type { RespValue } from '../resp/index.js';

/**
 * Reply transforms shared by command definitions. Each gives one JS shape whatever the protocol:
 * RESP3 sends maps, doubles and sets natively; RESP2 sends flat arrays and numeric strings.
 */

/** A key or value as sent: strings go as UTF-8, Buffers as bytes. */
export type RedisKey = string | Buffer;
/** A value argument: numbers are sent as their decimal text. */
export type RedisValue = string | Buffer | number;

export function toStringOrNull(reply: RespValue): string | null {
  if (reply === null) return null;
  return typeof reply === 'string' ? reply : String(reply);
}

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

export function toStringArray(reply: RespValue): string[] {
  return Array.isArray(reply) ? (reply as string[]) : [];
}

export function toNullableStringArray(reply: RespValue): Array<string | null> {
  return Array.isArray(reply) ? (reply as Array<string | null>) : [];
}

/** HGETALL, CONFIG GET...: a RESP3 map or a RESP2 flat [k, v, k, v] array → a plain object. */
export function toRecord(reply: RespValue): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  if (reply instanceof Map) {
    for (const [key, value] of reply) out[String(key)] = String(value);
  } else if (Array.isArray(reply)) {
    for (let i = 0; i + 1 < reply.length; i += 2) out[String(reply[i])] = String(reply[i + 1]);
  }
  return out;
}

/** A sorted-set entry. */
export interface ScoredMember {
  member: string;
  score: number;
}

/** ZRANGE ... WITHSCORES: RESP3 [[m, s], ...] or RESP2 [m, s, m, s] → [{ member, score }]. */
export function toScoredMembers(reply: RespValue): ScoredMember[] {
  if (!Array.isArray(reply)) return [];
  const out: ScoredMember[] = [];
  if (reply.length > 0 && Array.isArray(reply[0])) {
    for (const pair of reply as RespValue[][])
      out.push({ member: String(pair[0]), score: toNumber(pair[1]) });
    return out;
  }
  for (let i = 0; i + 1 < reply.length; i += 2) {
    out.push({ member: String(reply[i]), score: toNumber(reply[i + 1]) });
  }
  return out;
}

function parseDouble(text: string): number {
  switch (text) {
    case 'inf':
    case '+inf':
      return Number.POSITIVE_INFINITY;
    case '-inf':
      return Number.NEGATIVE_INFINITY;
    case 'nan':
      return Number.NaN;
    default:
      return Number(text);
  }
}
