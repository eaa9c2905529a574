/** The configuration of `client.duplicate(overrides)`: the original's resolved one, some options replaced. */
import { ConfigError } from '../errors.js';
import { COMMON_KEYS, resolveCommon } from './common-options.js';
import type { CommonOptions, ResolvedConfig } from './config.js';
import { describe } from './config-checks.js';

const OVERRIDABLE = new Set<string>(COMMON_KEYS);

/**
 * Options a duplicate may change: any option every topology shares (the topology itself, its hosts and
 * its sentinel or cluster settings stay those of the original).
 */
export type DuplicateOverrides = CommonOptions;

/**
 * `settings` with the options named in `overrides` validated and resolved as createClient would, every
 * other value (defaults included) kept as the original resolved it. An option given as `undefined` keeps the
 * original's value.
 */
export function duplicateConfig(settings: ResolvedConfig, overrides?: DuplicateOverrides): ResolvedConfig {
  if (overrides === undefined) return settings;
  if (overrides === null || typeof overrides !== 'object' || Array.isArray(overrides)) {
    throw new ConfigError('overrides', `must be an object of client options, got ${describe(overrides)}.`);
  }
  const given = Object.keys(overrides).filter(
    (key) => (overrides as Record<string, unknown>)[key] !== undefined,
  );
  for (const key of given) {
    if (!OVERRIDABLE.has(key)) {
      throw new ConfigError(
        key,
        'cannot be changed by duplicate(): a duplicate keeps the original topology; ' +
          `it may change ${[...OVERRIDABLE].join(', ')}.`,
      );
    }
  }
  if (given.length === 0) return settings;
  const resolved = resolveCommon(overrides as Record<string, unknown>) as unknown as Record<string, unknown>;
  const next: Record<string, unknown> = { ...settings };
  for (const key of given) next[key] = resolved[key];
  if (settings.kind === 'cluster' && next.db !== 0) {
    throw new ConfigError('db', 'a Redis Cluster has only database 0; remove db or set it to 0.');
  }
  // The sentinel connections follow an explicit connectTimeout, as createClient does.
  if (settings.kind === 'sentinel' && given.includes('connectTimeout')) {
    next.sentinelConnectTimeout = next.connectTimeout;
  }
  return Object.freeze(next) as unknown as ResolvedConfig;
}
