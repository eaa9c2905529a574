import type { HealthCheckOptions } from '../connection/index.js';
import { ConfigError } from '../errors.js';
import type { CommonOptions } from './config.js';

/** The option names this file validates (production operations: liveness and credentials). */
export const OPERATIONS_KEYS = ['keepAlive', 'healthCheck', 'credentials'] as const;

/** Validates `keepAlive`, `healthCheck` and `credentials` of a config record into `out`. */
export function validateOperationsOptions(record: Record<string, unknown>, out: CommonOptions): void {
  if (record.keepAlive !== undefined) out.keepAlive = nonNegativeInteger('keepAlive', record.keepAlive);
  if (record.healthCheck !== undefined) out.healthCheck = validateHealthCheck(record.healthCheck);
  if (record.credentials !== undefined) {
    if (typeof record.credentials !== 'function') {
      throw new ConfigError(
        'credentials',
        `must be a function returning (a promise of) { username?, password, expiresAt? }, got ${typeof record.credentials}.`,
      );
    }
    out.credentials = record.credentials as CommonOptions['credentials'];
  }
}

function validateHealthCheck(value: unknown): HealthCheckOptions | false {
  if (value === false) return false;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError('healthCheck', 'must be false or { interval?, timeout? } in ms.');
  }
  const out: HealthCheckOptions = {};
  for (const [key, field] of Object.entries(value)) {
    if (key !== 'interval' && key !== 'timeout') {
      throw new ConfigError(`healthCheck.${key}`, 'unknown option. Known: interval, timeout.');
    }
    out[key] = nonNegativeInteger(`healthCheck.${key}`, field);
  }
  if (out.timeout === 0)
    throw new ConfigError(
      'healthCheck.timeout',
      'must be > 0 (use healthCheck: false to turn the check off).',
    );
  return out;
}

function nonNegativeInteger(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new ConfigError(
      field,
      `must be an integer >= 0 (ms), got ${JSON.stringify(value) ?? typeof value}.`,
    );
  }
  return value;
}
