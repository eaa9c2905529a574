/**
 * Reply shapes BullMQ expects (ioredis' RESP2 shapes) from what a slotbridge client returns on either
 * protocol: RESP3 answers maps as Map, scores as numbers and XREAD as a map of streams.
 */
import { ConnectionError, type RespArg, type RespValue } from '../../client/index.js';

/** The message BullMQ's isNotConnectionError() recognises: such failures are retried, not reported. */
export const CONNECTION_CLOSED_MESSAGE = 'Connection is closed.';

/**
 * A lost or closed connection, reworded so BullMQ treats it as one (it retries the operation instead of
 * emitting an error); the slotbridge error, with its address and delivery, stays as `cause`.
 */
export function bullmqError(error: unknown): unknown {
  if (!(error instanceof ConnectionError)) return error;
  return new ConnectionError(error.code, CONNECTION_CLOSED_MESSAGE, error.address, { cause: error });
}

/** Script and command arguments as ioredis sends them: null and undefined as '', booleans as text. */
export function toArg(value: unknown): RespArg {
  if (typeof value === 'string' || typeof value === 'number' || Buffer.isBuffer(value)) return value;
  if (value === undefined || value === null) return '';
  if (typeof value === 'bigint') return value;
  return String(value);
}

/** A field → value hash from a RESP3 Map or a RESP2 flat array; {} for a missing key. */
export function toRecord(reply: RespValue): Record<string, string> {
  const out: Record<string, string> = {};
  if (reply instanceof Map) {
    for (const [field, value] of reply) out[String(field)] = String(value);
  } else if (Array.isArray(reply)) {
    for (let i = 0; i + 1 < reply.length; i += 2) out[String(reply[i])] = String(reply[i + 1]);
  }
  return out;
}

/** A score as Redis writes it in RESP2 ('inf', '-inf', '1.5'). */
export function scoreText(score: RespValue): string {
  if (typeof score === 'number') {
    if (score === Number.POSITIVE_INFINITY) return 'inf';
    if (score === Number.NEGATIVE_INFINITY) return '-inf';
  }
  return String(score);
}

/** ZRANGE … WITHSCORES flat, as [member, score, member, score, …] strings (RESP3 answers pairs). */
export function flatScores(reply: RespValue): string[] {
  if (!Array.isArray(reply)) return [];
  const out: string[] = [];
  for (const item of reply) {
    if (Array.isArray(item)) out.push(String(item[0]), scoreText(item[1]));
    else out.push(typeof item === 'number' ? scoreText(item) : String(item));
  }
  return out;
}

/** BZPOPMIN's [key, member, score], the score as text; null on timeout. */
export function poppedMember(reply: RespValue): [string, string, string] | null {
  if (!Array.isArray(reply) || reply.length < 3) return null;
  return [String(reply[0]), String(reply[1]), scoreText(reply[2])];
}

/** XREAD as [[stream, [[id, [field, value, …]], …]], …] (RESP3 answers a Map of streams); null if none. */
export function streamEntries(reply: RespValue): unknown {
  if (reply instanceof Map) return [...reply].map(([stream, entries]) => [stream, entries]);
  return reply;
}

/** A string array (RESP3 sets and RESP2 arrays alike). */
export function strings(reply: RespValue): string[] {
  return Array.isArray(reply) ? reply.map(String) : [];
}

/** Text of a bulk or verbatim string reply. */
export function text(reply: RespValue): string {
  return typeof reply === 'string' ? reply : Buffer.isBuffer(reply) ? reply.toString() : String(reply);
}
