/** Small accessors over {@link RespFrame} for the rewriters: read and replace text and integers in place of type. */
import type { RespFrame } from '../resp/index.js';

/** Text of a simple, bulk or verbatim string (UTF-8); undefined for other types and nulls. */
export function frameText(frame: RespFrame | undefined): string | undefined {
  if (frame === undefined) return undefined;
  switch (frame.type) {
    case 'simple':
      return frame.value;
    case 'bulk':
      if (frame.value === null) return undefined;
      return typeof frame.value === 'string' ? frame.value : frame.value.toString('utf8');
    case 'verbatim':
      return typeof frame.value === 'string' ? frame.value : frame.value.toString('utf8');
    default:
      return undefined;
  }
}

/** The same kind of string frame holding `text`. */
export function withText(frame: RespFrame, text: string): RespFrame {
  switch (frame.type) {
    case 'simple':
      return { type: 'simple', value: text };
    case 'verbatim':
      return { type: 'verbatim', format: frame.format, value: text };
    default:
      return { type: 'bulk', value: text };
  }
}

/** An integer frame, or a string frame holding decimal digits, as a number. */
export function frameInteger(frame: RespFrame | undefined): number | undefined {
  if (frame === undefined) return undefined;
  if (frame.type === 'integer') return Number(frame.value);
  const text = frameText(frame);
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined;
}

/** The same kind of frame (integer or string) holding `value`. */
export function withInteger(frame: RespFrame, value: number): RespFrame {
  return frame.type === 'integer' ? { type: 'integer', value } : withText(frame, String(value));
}

/** Elements of an array, set or push; undefined otherwise. */
export function frameItems(frame: RespFrame | undefined): RespFrame[] | undefined {
  if (frame === undefined) return undefined;
  if (frame.type === 'array') return frame.value ?? undefined;
  if (frame.type === 'set' || frame.type === 'push') return frame.value;
  return undefined;
}

/**
 * Key/value pairs of a RESP3 map or a RESP2 flat array, as mutable references: `set(i, v)` replaces
 * the value of pair i in the original frame.
 */
export interface Record {
  readonly keys: string[];
  get(key: string): RespFrame | undefined;
  set(key: string, value: RespFrame): void;
}

export function frameRecord(frame: RespFrame | undefined): Record | undefined {
  if (frame === undefined) return undefined;
  if (frame.type === 'map') {
    const pairs = frame.value;
    const keys = pairs.map(([key]) => frameText(key) ?? '');
    return {
      keys,
      get: (key) => pairs[keys.indexOf(key)]?.[1],
      set: (key, value) => {
        const index = keys.indexOf(key);
        if (index >= 0) pairs[index][1] = value;
      },
    };
  }
  const items = frameItems(frame);
  if (items === undefined || items.length % 2 !== 0) return undefined;
  const keys: string[] = [];
  for (let i = 0; i < items.length; i += 2) keys.push(frameText(items[i]) ?? '');
  return {
    keys,
    get: (key) => {
      const index = keys.indexOf(key);
      return index < 0 ? undefined : items[index * 2 + 1];
    },
    set: (key, value) => {
      const index = keys.indexOf(key);
      if (index >= 0) items[index * 2 + 1] = value;
    },
  };
}
