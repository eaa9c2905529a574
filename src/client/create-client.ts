import { RedisClient } from './client.js';
import type { ClientConfig } from './config.js';
import { createTopology } from './create-topology.js';
import { ConnectionSet } from './health.js';
import { normalizeConfig } from './normalize-config.js';

/**
 * Creates a client from a URL or a config object; with no argument, from `REDIS_URL`
 * (else `redis://127.0.0.1:6379`). The configuration is validated at once: a mistake throws a
 * ConfigError naming the option. The same code serves any topology; only the config changes.
 *
 * ```ts
 * const client = createClient(process.env.REDIS_URL);
 * await client.set('greeting', 'hello');
 * ```
 */
export function createClient(config?: string | ClientConfig): RedisClient {
  const normalized = normalizeConfig(config);
  const connections = new ConnectionSet();
  return new RedisClient(normalized, createTopology(normalized, connections), connections);
}
