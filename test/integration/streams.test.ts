import { describe, expect, it } from 'vitest';
import type { RedisClient, StreamEntry } from '../../src/client/index.js';
import { useClients } from '../helpers/clients.js';
import { useServer } from '../helpers/lab.js';

const lab = useServer();
const openClient = useClients();

function client(protocol: 2 | 3 = 3): RedisClient {
  const c = openClient({ port: lab.server.port, protocol });
  return c;
}

async function take(iterable: AsyncIterable<StreamEntry>, n: number, ack = true): Promise<StreamEntry[]> {
  const out: StreamEntry[] = [];
  if (n === 0) return out;
  for await (const entry of iterable) {
    if (ack) await entry.ack();
    out.push(entry);
    if (out.length === n) break;
  }
  return out;
}

describe.each([3, 2] as const)('stream consumer groups over RESP%i', (protocol) => {
  it('reads new entries, acknowledges them, and leaves nothing pending', async () => {
    const redis = client(protocol);
    const stream = `st${protocol}:a`;
    const consumer = redis.streamConsumer({ stream, group: 'g', consumer: 'c1', block: 200 });
    const reading = take(consumer, 3);
    // The group is created at '$': add entries once the consumer is blocked reading.
    await new Promise((resolve) => setTimeout(resolve, 50));
    for (let i = 0; i < 3; i++) await redis.xadd(stream, '*', [{ field: 'n', value: i }]);
    const entries = await reading;
    expect(entries.map((e) => [e.fields.n, e.source])).toEqual([
      ['0', 'new'],
      ['1', 'new'],
      ['2', 'new'],
    ]);
    const pending = (await redis.call('XPENDING', stream, 'g')) as unknown[];
    expect(pending[0]).toBe(0);
  });

  it('recovers its own unacknowledged entries after a restart, and claims idle ones from a dead consumer', async () => {
    const redis = client(protocol);
    const stream = `st${protocol}:b`;
    await redis.call('XGROUP', 'CREATE', stream, 'g', '$', 'MKSTREAM');
    await redis.xadd(stream, '*', [{ field: 'job', value: 'one' }]);
    await redis.xadd(stream, '*', [{ field: 'job', value: 'two' }]);
    // c1 receives both and "crashes" without acknowledging.
    const crashed = await take(
      redis.streamConsumer({ stream, group: 'g', consumer: 'c1', block: 100 }),
      2,
      false,
    );
    expect(crashed.map((e) => e.fields.job)).toEqual(['one', 'two']);
    // c1 restarts: its own pending entries come first.
    const again = await take(
      redis.streamConsumer({ stream, group: 'g', consumer: 'c1', block: 100 }),
      1,
      true,
    );
    expect(again.map((e) => [e.fields.job, e.source])).toEqual([['one', 'pending']]);
    // c1 is gone for good; c2 claims what stayed idle more than 30 ms.
    await new Promise((resolve) => setTimeout(resolve, 60));
    const claimed = await take(
      redis.streamConsumer({ stream, group: 'g', consumer: 'c2', block: 100, claimIdle: 30 }),
      1,
      true,
    );
    expect(claimed.map((e) => [e.fields.job, e.source])).toEqual([['two', 'claimed']]);
    expect(((await redis.call('XPENDING', stream, 'g')) as unknown[])[0]).toBe(0);
  });

  it('stop() ends an iteration blocked on a long read', async () => {
    const redis = client(protocol);
    const consumer = redis.streamConsumer({ stream: `st${protocol}:c`, group: 'g', consumer: 'c', block: 0 });
    const done = take(consumer, 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    consumer.stop();
    expect(await done).toEqual([]);
    expect(await redis.ping()).toBe('PONG');
  });
});
