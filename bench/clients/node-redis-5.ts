/** node-redis 5.x (the `redis5` alias of `redis@5`), defaults. */
import { createRequire } from 'node:module';
import { createClient, createCluster } from 'redis5';
import { nodeRedisModule } from './node-redis-common.js';

const { version } = createRequire(import.meta.url)('redis5/package.json') as { version: string };

export const nodeRedis5 = nodeRedisModule({ version, createClient, createCluster }, {}, 'defaults (RESP2)');
