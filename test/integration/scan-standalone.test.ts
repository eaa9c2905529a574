/** scanIterator on a single server: the plain SCAN cursor loop, MATCH/COUNT/TYPE passed through. */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createClient, type RedisClient } from '../../src/client/index.js';
import { useServer } from '../helpers/lab.js';

const lab = useServer();
let client: RedisClient;

beforeAll(async () => {
  client = createClient({ port: lab.server.port });
  const pipeline = client.pipeline();
  for (let i = 0; i < 500; i++) pipeline.call('SET', `one:${i}`, '1');
  for (let i = 0; i < 20; i++) pipeline.call('RPUSH', `onelist:${i}`, 'x');
  await pipeline.exec();
});

afterAll(async () => {
  await client.quit();
});

test('walks every key once with several SCAN calls', async () => {
  const keys: string[] = [];
  for await (const key of client.scanIterator({ match: 'one:*', count: 50 })) keys.push(key);
  expect(keys).toHaveLength(500);
  expect(new Set(keys).size).toBe(500);
  const calls = Number(/cmdstat_scan:calls=(\d+)/.exec(await lab.server.cli('INFO', 'commandstats'))?.[1]);
  expect(calls).toBeGreaterThan(5);
});

test('TYPE filters by type; an empty match yields nothing; breaking out early stops the walk', async () => {
  const lists: string[] = [];
  for await (const key of client.scanIterator({ type: 'list' })) lists.push(key);
  expect(lists.sort()).toEqual(Array.from({ length: 20 }, (_, i) => `onelist:${i}`).sort());
  const none: string[] = [];
  for await (const key of client.scanIterator({ match: 'nothing:*' })) none.push(key);
  expect(none).toEqual([]);
  let seen = 0;
  for await (const _ of client.scanIterator({ count: 10 })) {
    if (++seen === 3) break;
  }
  expect(seen).toBe(3);
});
