import type { RespValue } from '../resp/index.js';
import { toNumber } from './reply-transforms.js';

/**
 * The JS shape of a reply, generated from the spec's `reply_schema`. {@link shapeReply} brings a RESP2 or a
 * RESP3 reply to that one shape:
 * - `r` raw (kept as decoded); `s` string (a Buffer on a `withBuffers()` view); `n` number (RESP3
 *   integers/doubles, RESP2 integers and numeric strings, `inf`/`nan` included); `b` boolean (RESP3 true/false,
 *   RESP2 1/0);
 * - `['a', element, width]` array; when `width` > 1 and the reply is a RESP2 flat array, it is regrouped
 *   into `width`-long tuples first (ZRANGE WITHSCORES, HRANDFIELD WITHVALUES);
 * - `['t', [items], rest]` tuple; `['m', value]` map → plain object (RESP3 map, RESP2 flat array or pairs);
 * - `['o', {key: shape}, rest]` object with known keys (others shaped by `rest`);
 * - `['u', [alternatives]]` one of several shapes, chosen by what the reply is.
 */
export type ReplyShape =
  | 'r'
  | 's'
  | 'n'
  | 'b'
  | readonly ['a', ReplyShape, number]
  | readonly ['t', readonly ReplyShape[], ReplyShape]
  | readonly ['m', ReplyShape]
  | readonly ['o', { readonly [key: string]: ReplyShape }, ReplyShape]
  | readonly ['u', readonly ReplyShape[]];

/** Shapes `reply`; `buffers` keeps bulk strings as Buffers (and turns status strings into Buffers). */
export function shapeReply(reply: RespValue, shape: ReplyShape, buffers: boolean): unknown {
  if (reply === null || reply instanceof Error) return reply;
  if (typeof shape === 'string') return shapeScalar(reply, shape, buffers);
  switch (shape[0]) {
    case 'a':
      return shapeArray(reply, shape[1], shape[2], buffers);
    case 't': {
      if (!Array.isArray(reply)) return reply;
      const items = shape[1];
      return reply.map((item, i) => shapeReply(item, i < items.length ? items[i] : shape[2], buffers));
    }
    case 'm':
      return shapeObject(reply, undefined, shape[1], buffers);
    case 'o':
      return shapeObject(reply, shape[1], shape[2], buffers);
    case 'u':
      return shapeReply(reply, chooseAlternative(reply, shape[1]), buffers);
  }
}

function shapeScalar(reply: RespValue, shape: 's' | 'n' | 'b' | 'r', buffers: boolean): unknown {
  switch (shape) {
    case 'r':
      return reply;
    case 's':
      if (buffers) return typeof reply === 'string' ? Buffer.from(reply) : reply;
      return Buffer.isBuffer(reply) ? reply.toString() : reply;
    case 'n':
      return Array.isArray(reply) || reply instanceof Map ? reply : toNumber(reply);
    case 'b':
      return reply === true || reply === 1 || reply === 1n;
  }
}

function shapeArray(reply: RespValue, element: ReplyShape, width: number, buffers: boolean): unknown {
  if (reply instanceof Map) reply = [...reply].map(([key, value]) => [key, value]);
  if (!Array.isArray(reply)) return reply;
  let list: RespValue[] = reply;
  if (width > 1 && list.length > 0 && !Array.isArray(list[0])) {
    const grouped: RespValue[] = [];
    for (let i = 0; i + width <= list.length; i += width) grouped.push(list.slice(i, i + width));
    list = grouped;
  }
  return list.map((item) => shapeReply(item, element, buffers));
}

function shapeObject(
  reply: RespValue,
  known: { readonly [key: string]: ReplyShape } | undefined,
  rest: ReplyShape,
  buffers: boolean,
): unknown {
  const out: Record<string, unknown> = {};
  const put = (key: RespValue, value: RespValue) => {
    const name = Buffer.isBuffer(key) ? key.toString() : String(key);
    const shape = known !== undefined && Object.hasOwn(known, name) ? known[name] : rest;
    out[name] = shapeReply(value, shape, buffers);
  };
  if (reply instanceof Map) {
    for (const [key, value] of reply) put(key, value);
  } else if (Array.isArray(reply) && reply.length > 0 && Array.isArray(reply[0])) {
    // RESP2 sends some maps as a list of [key, value] pairs (XREAD, XREADGROUP).
    for (const pair of reply as RespValue[][]) put(pair[0], pair[1]);
  } else if (Array.isArray(reply)) {
    for (let i = 0; i + 1 < reply.length; i += 2) put(reply[i], reply[i + 1]);
  } else {
    return reply;
  }
  return out;
}

function kindOf(shape: ReplyShape): 'scalar' | 'list' | 'map' {
  if (typeof shape === 'string') return 'scalar';
  return shape[0] === 'm' || shape[0] === 'o' ? 'map' : shape[0] === 'u' ? 'scalar' : 'list';
}

/**
 * Among several object shapes (XINFO STREAM and XINFO STREAM FULL), the one whose known keys the reply has
 * most of; the keys are a RESP3 map's, or every other element of a RESP2 flat array.
 */
function bestObject(reply: RespValue, objects: readonly ReplyShape[]): ReplyShape | undefined {
  let best: ReplyShape | undefined;
  let bestScore = -1;
  for (const shape of objects) {
    if (typeof shape === 'string' || shape[0] !== 'o') continue;
    const known = shape[1];
    let score = 0;
    if (reply instanceof Map) {
      for (const key of reply.keys()) if (Object.hasOwn(known, String(key))) score++;
    } else if (Array.isArray(reply)) {
      for (let i = 0; i < reply.length; i += 2) if (Object.hasOwn(known, String(reply[i]))) score++;
    }
    if (score > bestScore) {
      best = shape;
      bestScore = score;
    }
  }
  return best;
}

function chooseAlternative(reply: RespValue, alternatives: readonly ReplyShape[]): ReplyShape {
  const aggregates = alternatives.filter((shape) => kindOf(shape) !== 'scalar');
  const maps = aggregates.filter((shape) => kindOf(shape) === 'map');
  if (reply instanceof Map) return (maps.length > 1 ? bestObject(reply, maps) : maps[0]) ?? 'r';
  if (Array.isArray(reply) && maps.length > 1 && maps.length === aggregates.length) {
    return bestObject(reply, maps) ?? 'r';
  }
  if (Array.isArray(reply)) {
    if (aggregates.length <= 1) return aggregates[0] ?? 'r';
    // Tuples first (more specific), then arrays whose elements are nested like the reply's first element.
    const nested = reply.length > 0 && (Array.isArray(reply[0]) || reply[0] instanceof Map);
    const tuple = aggregates.find((shape) => {
      if (typeof shape === 'string' || shape[0] !== 't') return false;
      return (kindOf(shape[1][0] ?? 'r') !== 'scalar') === nested;
    });
    if (tuple !== undefined) return tuple;
    const list = aggregates.find((shape) => {
      if (typeof shape === 'string' || shape[0] !== 'a') return false;
      return (kindOf(shape[1]) !== 'scalar') === nested;
    });
    return list ?? aggregates.find((shape) => shape[0] === 'a') ?? aggregates[0];
  }
  const scalars = alternatives.filter((shape) => kindOf(shape) === 'scalar' && shape !== 'r');
  if (typeof reply === 'number' || typeof reply === 'bigint') {
    return scalars.find((shape) => shape === 'n') ?? scalars.find((shape) => shape === 'b') ?? 'r';
  }
  if (typeof reply === 'boolean') return scalars.find((shape) => shape === 'b') ?? 'r';
  return scalars.find((shape) => shape === 's') ?? scalars.find((shape) => shape === 'n') ?? 'r';
}
