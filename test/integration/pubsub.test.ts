import { describe, expect, it } from 'vitest';
import type { PubSubMessage, RedisClient } from '../../src/client/index.js';
import { Connection } from '../../src/connection/index.js';
import { CommandRejectedError } from '../../src/errors.js';
import { useClients } from '../helpers/clients.js';
import { useServer } from '../helpers/lab.js';

const lab = useServer();
const openClient = useClients();

function client(protocol: 2 | 3 = 3): RedisClient {
  const c = openClient({ port: lab.server.port, protocol, reconnect: { kind: 'constant', delay: 50 } });
  return c;
}

function nextMessage(received: PubSubMessage[], count = 1, ms = 5_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + ms;
    const poll = () => {
      if (received.length >= count) resolve();
      else if (Date.now() > deadline)
        reject(new Error(`only ${received.length} of ${count} messages arrived`));
      else setTimeout(poll, 5);
    };
    poll();
  });
}

describe('Connection pairs subscribe-family commands with their confirmation frames', () => {
  it.each([3, 2] as const)(
    'RESP%i: multi-channel subscribe, argument-less unsubscribe, commands in between',
    async (protocol) => {
      const connection = new Connection({ port: lab.server.port, protocol });
      await connection.connect();
      try {
        const subscribed = connection.send(['SUBSCRIBE', 'a', 'b', 'c']);
        const pattern = connection.send(['PSUBSCRIBE', 'p*']);
        const ping = connection.send(['PING']);
        expect(((await subscribed) as unknown[]).map((frame) => (frame as unknown[])[1])).toEqual([
          'a',
          'b',
          'c',
        ]);
        expect(((await pattern) as unknown[]).length).toBe(1);
        // RESP3 answers PING normally; RESP2 in subscribed mode answers ["pong", ""].
        expect(await ping).toEqual(protocol === 3 ? 'PONG' : ['pong', '']);
        expect(connection.serverSubscriptions.channel.size).toBe(3);
        // No channel named: one frame per subscribed channel (not patterns).
        const all = (await connection.send(['UNSUBSCRIBE'])) as unknown[][];
        expect(all.map((frame) => frame[1]).sort()).toEqual(['a', 'b', 'c']);
        expect(connection.serverSubscriptions.channel.size).toBe(0);
        // Nothing left: one frame with a null channel.
        expect(((await connection.send(['UNSUBSCRIBE'])) as unknown[]).length).toBe(1);
        await connection.send(['PUNSUBSCRIBE']);
        expect(await connection.send(['PING'])).toBe('PONG');
      } finally {
        connection.disconnect();
      }
    },
  );
});

describe.each([3, 2] as const)('pub/sub over RESP%i', (protocol) => {
  it('delivers to a listener while the client keeps serving commands', async () => {
    const redis = client(protocol);
    const publisher = client();
    const received: PubSubMessage[] = [];
    const sub = await redis.subscribe(['news', 'sport'], (message) => received.push(message));
    await redis.set(`k${protocol}`, 'v');
    expect(await redis.get(`k${protocol}`)).toBe('v');
    expect(await publisher.publish('news', 'hello')).toBe(1);
    await publisher.publish('sport', 'goal');
    await nextMessage(received, 2);
    expect(received).toEqual([
      { kind: 'channel', channel: 'news', message: 'hello' },
      { kind: 'channel', channel: 'sport', message: 'goal' },
    ]);
    await sub.unsubscribe();
    expect(await publisher.call('PUBSUB', 'NUMSUB', 'news')).toEqual(['news', 0]);
    // Still a working client after unsubscribing.
    expect(await redis.ping()).toBe('PONG');
  });

  it('iterates with for await; break unsubscribes', async () => {
    const redis = client(protocol);
    const publisher = client();
    const sub = redis.subscribe('feed');
    await sub.ready;
    for (let i = 0; i < 3; i++) await publisher.publish('feed', `m${i}`);
    const seen: string[] = [];
    for await (const message of sub) {
      seen.push(message.message);
      if (seen.length === 3) break;
    }
    expect(seen).toEqual(['m0', 'm1', 'm2']);
    expect(sub.isClosed).toBe(true);
    expect(await publisher.call('PUBSUB', 'NUMSUB', 'feed')).toEqual(['feed', 0]);
  });

  it('pattern and sharded subscriptions', async () => {
    const redis = client(protocol);
    const publisher = client();
    const received: PubSubMessage[] = [];
    await redis.psubscribe('ev:*', (message) => received.push(message));
    await redis.ssubscribe('shard-a', (message) => received.push(message));
    await publisher.publish('ev:1', 'x');
    expect(await publisher.spublish('shard-a', 'y')).toBe(1);
    await nextMessage(received, 2);
    expect(received).toContainEqual({ kind: 'pattern', pattern: 'ev:*', channel: 'ev:1', message: 'x' });
    expect(received).toContainEqual({ kind: 'shard', channel: 'shard-a', message: 'y' });
  });

  it('withBuffers(): payloads arrive as the published bytes; a text subscription on the same channel gets text', async () => {
    const redis = client(protocol);
    const publisher = client();
    const bytes = Buffer.from([0x00, 0xff, 0xfe, 0x80, 0x0a, 0xc3]);
    const raw: Array<{ channel: string; message: Buffer; pattern?: string }> = [];
    const text: PubSubMessage[] = [];
    const view = redis.withBuffers();
    await view.subscribe('bin', (message) => raw.push(message));
    await redis.subscribe('bin', (message) => text.push(message));
    await view.psubscribe('bin*', (message) => raw.push(message));
    // The connection keeps serving commands with text replies meanwhile.
    expect(await redis.set(`bin:k${protocol}`, 'v')).toBe('OK');
    expect(await redis.get(`bin:k${protocol}`)).toBe('v');
    expect(await publisher.publish('bin', bytes)).toBe(2);
    await publisher.publish('bin', 'plain');
    await nextMessage(raw as never[], 4);
    await nextMessage(text, 2);
    const direct = raw.filter((m) => m.pattern === undefined);
    expect(direct.map((m) => m.message)).toEqual([bytes, Buffer.from('plain')]);
    expect(direct.every((m) => Buffer.isBuffer(m.message) && m.channel === 'bin')).toBe(true);
    expect(raw.filter((m) => m.pattern === 'bin*').map((m) => m.message)).toEqual([
      bytes,
      Buffer.from('plain'),
    ]);
    expect(text.map((m) => m.message)).toEqual([bytes.toString(), 'plain']);
    expect(await redis.get(`bin:k${protocol}`)).toBe('v');
  });
});

describe('pub/sub behaviour', () => {
  it('keyspace notifications through psubscribe', async () => {
    const redis = client();
    await redis.call('CONFIG', 'SET', 'notify-keyspace-events', 'KEA');
    try {
      const events = redis.psubscribe('__keyspace@0__:ks:*');
      await events.ready;
      await redis.set('ks:1', 'v');
      await redis.del('ks:1');
      const seen: string[] = [];
      for await (const event of events) {
        expect(event.channel).toBe('__keyspace@0__:ks:1');
        seen.push(event.message);
        if (seen.length === 2) break;
      }
      expect(seen).toEqual(['set', 'del']);
    } finally {
      await redis.call('CONFIG', 'SET', 'notify-keyspace-events', '');
    }
  });

  it('a slow iterator keeps the newest maxBuffered messages and counts the dropped ones', async () => {
    const redis = client();
    const publisher = client();
    const drops: Array<{ dropped: number }> = [];
    redis.on('dropped', (event: { dropped: number }) => drops.push(event));
    const sub = redis.subscribe('flood', { maxBuffered: 5 });
    await sub.ready;
    const pipeline = publisher.pipeline();
    for (let i = 0; i < 20; i++) pipeline.publish('flood', String(i));
    await pipeline.exec();
    await redis.ping(); // the messages were pushed before this reply on the same connection
    expect(sub.dropped).toBe(15);
    expect(drops.length).toBe(15);
    expect(drops.at(-1)?.dropped).toBe(15);
    const kept: string[] = [];
    for await (const message of sub) {
      kept.push(message.message);
      if (kept.length === 5) break;
    }
    expect(kept).toEqual(['15', '16', '17', '18', '19']);
  });

  it('two subscriptions to one channel: unsubscribing one keeps the other', async () => {
    const redis = client();
    const publisher = client();
    const first: PubSubMessage[] = [];
    const second: PubSubMessage[] = [];
    const a = await redis.subscribe('shared', (m) => first.push(m));
    await redis.subscribe('shared', (m) => second.push(m));
    await a.unsubscribe();
    await publisher.publish('shared', 'only-second');
    await nextMessage(second);
    expect(first).toEqual([]);
  });

  it('rejects raw subscribe commands with a typed error', async () => {
    const redis = client();
    const error = await redis.call('SUBSCRIBE', 'x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommandRejectedError);
    expect((error as CommandRejectedError).code).toBe('ERR_USE_SUBSCRIBE_API');
  });

  it.each([3, 2] as const)(
    'RESP%i: subscriptions come back after the server restarts (gap measured)',
    async (protocol) => {
      const redis = client(protocol);
      const received: PubSubMessage[] = [];
      await redis.subscribe('survivor', (m) => received.push(m));
      await redis.psubscribe('surv*', () => undefined);
      const restored = new Promise<{ count: number; ms: number }>((resolve) =>
        redis.once('resubscribed', resolve),
      );
      const killedAt = performance.now();
      await lab.server.restart();
      const info = await restored;
      expect(info.count).toBe(2);
      const publisher = client();
      // Messages published while the subscriber was away are lost (Redis pub/sub keeps nothing); after the
      // confirmation, delivery resumes.
      await publisher.publish('survivor', 'after-restart');
      await nextMessage(received);
      console.log(
        `[pubsub] RESP${protocol}: subscriptions restored ${info.ms} ms after the drop was noticed, ` +
          `${Math.round(performance.now() - killedAt)} ms after the restart began (server restart included)`,
      );
      expect(received.at(-1)?.message).toBe('after-restart');
    },
  );
});
