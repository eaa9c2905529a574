/** Small checks every option validator shares: each failure is a ConfigError naming the field. */
import { ConfigError } from '../errors.js';

export function requireString(field: string, value: unknown): string {
  if (typeof value !== 'string') throw new ConfigError(field, `must be a string, got ${describe(value)}.`);
  return value;
}

export function requireBoolean(field: string, value: unknown): boolean {
  if (typeof value !== 'boolean')
    throw new ConfigError(field, `must be true or false, got ${describe(value)}.`);
  return value;
}

export function requireInteger(field: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new ConfigError(field, `must be an integer >= ${min}, got ${describe(value)}.`);
  }
  return value;
}

/** `true`/`false` or node:tls options, resolved: `true` → `{}` (a copy, frozen), `false` → undefined. */
export function requireTls(
  field: string,
  value: unknown,
): Readonly<import('node:tls').ConnectionOptions> | undefined {
  if (value === undefined || value === false) return undefined;
  if (value === true) return Object.freeze({});
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError(field, `must be true/false or node:tls options, got ${describe(value)}.`);
  }
  // A copy: freezing the caller's object (or its Buffers, which cannot be frozen) is not ours to do.
  return Object.freeze({ ...value });
}

/** How a wrong value is named in a message (never its content for objects). */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `"${value}"`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}
