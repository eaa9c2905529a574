/**
 * node-redis 6.x, defaults; and the same with its per-command timeout off. 6.x gives every command a
 * 5 s timeout by default (DEFAULT_COMMAND_TIMEOUT), armed per command with `AbortSignal.timeout()` and an
 * abort listener: a CPU profile of the 100-in-flight loop shows that machinery (AbortSignal creation,
 * listeners, the garbage it leaves) as the largest cost. The second column measures the release without
 * it; the variants below (measured in the run's "why node-redis 6" table) change one thing each.
 */
import { createRequire } from 'node:module';
import { createClient, createCluster } from 'redis';
import { nodeRedisModule } from './node-redis-common.js';

const { version } = createRequire(import.meta.url)('redis/package.json') as { version: string };

export const nodeRedis6 = nodeRedisModule(
  { version, createClient, createCluster },
  {},
  'defaults (RESP3, commandOptions.timeout 5000 ms)',
);

export const nodeRedis6NoTimeout = nodeRedisModule(
  { version, createClient, createCluster },
  { commandOptions: { timeout: 0 } },
  'defaults but commandOptions: { timeout: 0 } (no per-command timeout)',
);

/** Variant: RESP2 instead of 6.x's default RESP3 (5.x's default), everything else default. */
export const nodeRedis6Resp2 = nodeRedisModule(
  { version, createClient, createCluster },
  { RESP: 2 },
  'defaults but RESP: 2',
);

/** Variant: maintenance notifications off, everything else default. */
export const nodeRedis6NoMaint = nodeRedisModule(
  { version, createClient, createCluster },
  { maintNotifications: 'disabled' },
  "defaults but maintNotifications: 'disabled'",
);
