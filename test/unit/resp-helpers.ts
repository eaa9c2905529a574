import type { RespDecoderOptions } from '../../src/resp/decoder.js';
import { RespDecoder } from '../../src/resp/decoder.js';
import { ReplyError } from '../../src/resp/reply-error.js';
import type { RespValue } from '../../src/resp/types.js';

/** What a decoder reported, in order. */
export interface Decoded {
  replies: RespValue[];
  pushes: RespValue[][];
  attributes: Array<Map<RespValue, RespValue>>;
}

export function collectingDecoder(options: Partial<RespDecoderOptions> = {}): {
  decoder: RespDecoder;
  out: Decoded;
} {
  const out: Decoded = { replies: [], pushes: [], attributes: [] };
  const decoder = new RespDecoder({
    onReply: (value) => out.replies.push(value),
    onPush: (value) => out.pushes.push(value),
    onAttribute: (attrs) => out.attributes.push(attrs),
    ...options,
  });
  return { decoder, out };
}

/** Feeds `bytes` cut at the given offsets (sorted, deduplicated inside). */
export function feedSplit(decoder: RespDecoder, bytes: Buffer, cuts: readonly number[]): void {
  const points = [...new Set(cuts.filter((c) => c > 0 && c < bytes.length))].sort((a, b) => a - b);
  let from = 0;
  for (const point of points) {
    decoder.feed(bytes.subarray(from, point));
    from = point;
  }
  decoder.feed(bytes.subarray(from));
}

/** Replaces error values by a plain description so deep equality compares what matters. */
export function normalize(value: unknown): unknown {
  if (value instanceof ReplyError) return { replyError: value.message, code: value.code };
  if (Array.isArray(value)) return value.map(normalize);
  if (value instanceof Map) {
    return new Map([...value.entries()].map(([k, v]) => [normalize(k), normalize(v)] as const));
  }
  return value;
}
