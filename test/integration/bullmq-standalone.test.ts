/**
 * slotbridge/bullmq on a single server: BullMQ's own classes over the adapter (Queue, Worker,
 * QueueEvents, FlowProducer, a job scheduler, delayed, prioritised and retried jobs), and the adapter's
 * contract with BullMQ's connection code (duplicates, scripts, status, events, closing).
 */
import { Queue, Worker } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/index.js';
import { createBullMQClient } from '../../src/integrations/bullmq/index.js';
import { featureTour } from '../helpers/bullmq-workloads.js';
import { useServer } from '../helpers/lab.js';

const lab = useServer();
const clients: ReturnType<typeof createClient>[] = [];
function client() {
  const made = createClient({ port: lab.server.port });
  clients.push(made);
  return made;
}
afterAll(() => {
  for (const made of clients) made.disconnect();
});

describe('slotbridge/bullmq on a single server', () => {
  it('runs the feature tour with BullMQ classes', async () => {
    await featureTour(createBullMQClient(client()), 'bull', 'tour');
  }, 30_000);

  it('keeps the shared client open; the duplicates BullMQ makes are closed with the worker', async () => {
    const shared = client();
    const connection = createBullMQClient(shared);
    const queue = new Queue('shared', { connection });
    const worker = new Worker('shared', async () => 'ok', { connection, name: 'w1' });
    await worker.waitUntilReady();
    const job = await queue.add('a', {});
    await new Promise<void>((resolve) => worker.once('completed', () => resolve()));
    expect((await queue.getJob(job.id as string))?.returnvalue).toBe('ok');
    // The worker's blocking connection carries the name BullMQ gives it (CLIENT SETNAME by the duplicate).
    const names = String(await shared.call('CLIENT', 'LIST'))
      .split('\n')
      .map((line) => /name=(\S*)/.exec(line)?.[1]);
    expect(names.some((name) => name?.endsWith(':w:w1'))).toBe(true);
    await worker.close();
    await queue.close();
    expect(connection.status).toBe('ready');
    expect(await shared.ping()).toBe('PONG');
    await queue.obliterate({ force: true }).catch(() => undefined);
  }, 30_000);

  it('status and events follow connect, disconnect and a reconnect after the end', async () => {
    const connection = createBullMQClient(client());
    expect(connection.status).toBe('wait');
    const seen: string[] = [];
    for (const event of ['ready', 'close', 'end']) connection.on(event, () => seen.push(event));
    await connection.connect();
    expect(connection.status).toBe('ready');
    expect(await connection.get('missing')).toBeNull();
    connection.disconnect();
    expect(connection.status).toBe('end');
    await expect(connection.get('missing')).rejects.toThrow('Connection is closed.');
    // BullMQ reconnects a connection it ended (cluster recovery, a stuck blocking read): it works again.
    await connection.connect();
    expect(connection.status).toBe('ready');
    expect(await connection.set('k', 'v', { PX: 10_000 })).toBe('OK');
    expect(seen).toEqual(['ready', 'close', 'end', 'ready']);
    expect(await connection.quit()).toBe('OK');
    expect(connection.status).toBe('end');
  });

  it('runs scripts by name (EVALSHA, EVAL after NOSCRIPT), in pipelines and in transactions', async () => {
    const connection = createBullMQClient(client());
    await connection.connect();
    connection.defineCommand('sum:1', {
      numberOfKeys: 1,
      lua: 'return redis.call("INCRBY", KEYS[1], ARGV[1])',
    });
    expect(typeof (connection as unknown as Record<string, unknown>)['sum:1']).toBe('function');
    await connection.del('{s}n');
    expect(await connection.runCommand('sum:1', ['{s}n', 2])).toBe(2);
    const copy = connection.duplicate();
    expect(await copy.runCommand('sum:1', [['{s}n', 3]])).toBe(5);
    expect(await client().call('SCRIPT', 'FLUSH')).toBe('OK');
    const pipeline = connection.pipeline().runCommand('sum:1', ['{s}n', 1]).llen('{s}l');
    expect(await pipeline.exec()).toEqual([
      [null, 6],
      [null, 0],
    ]);
    const multi = connection.multi().runCommand('sum:1', ['{s}n', 1]).hgetall('{s}h').del('{s}x');
    expect(await multi.exec()).toEqual([
      [null, 7],
      [null, {}],
      [null, 0],
    ]);
    await copy.quit();
  });
});
