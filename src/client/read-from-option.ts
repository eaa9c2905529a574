/** `readFrom` of a cluster or a sentinel group, validated once for both. */
import { ConfigError } from '../errors.js';
import { READ_FROM_MODES, type ReadFrom, type ReadFromMode, type ZoneReadFrom } from '../topology/index.js';
import { describe } from './config-checks.js';

/**
 * A read preference: one of {@link READ_FROM_MODES}, `{ zone, fallback? }`, or (cluster only,
 * `allowFunction`) a function choosing the node.
 */
export function validateReadFrom(field: string, value: unknown, allowFunction: true): ReadFrom;
export function validateReadFrom(
  field: string,
  value: unknown,
  allowFunction: false,
): ReadFromMode | ZoneReadFrom;
export function validateReadFrom(field: string, value: unknown, allowFunction: boolean): ReadFrom {
  if (typeof value === 'function' && allowFunction) return value as ReadFrom;
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return validateZoneReadFrom(field, value);
  }
  if (typeof value === 'string' && (READ_FROM_MODES as readonly string[]).includes(value)) {
    return value as ReadFromMode;
  }
  const modes = READ_FROM_MODES.join(', ');
  const or = allowFunction ? ' or a function (nodes) => node' : '';
  throw new ConfigError(
    field,
    `must be one of ${modes}${or}, or { zone, fallback? }, got ${describe(value)}.`,
  );
}

/** `readFrom: { zone, fallback? }` (cluster or sentinel), frozen. */
function validateZoneReadFrom(field: string, value: object): ZoneReadFrom {
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (key !== 'zone' && key !== 'fallback') {
      throw new ConfigError(`${field}.${key}`, 'unknown option. Known: zone, fallback.');
    }
  }
  if (typeof record.zone !== 'string' || record.zone === '') {
    throw new ConfigError(`${field}.zone`, "must be the client's availability zone, e.g. 'eu-west-1a'.");
  }
  const fallback = record.fallback;
  if (fallback !== undefined && fallback !== 'preferReplica' && fallback !== 'primary') {
    throw new ConfigError(`${field}.fallback`, "must be 'preferReplica' (default) or 'primary'.");
  }
  return Object.freeze(fallback === undefined ? { zone: record.zone } : { zone: record.zone, fallback });
}
