/**
 * How many connections pub/sub costs, as README's "Coming from ioredis / node-redis" section states it:
 * on RESP3 one connection carries both the subscription and ordinary commands (ioredis and node-redis
 * need a dedicated subscriber client); on RESP2, where a subscribed connection can run nothing else, the
 * client opens a second connection for the subscription by itself.
 */
import { describe, expect, it } from 'vitest';
import { useClients } from '../helpers/clients.js';
import { useServer } from '../helpers/lab.js';

const lab = useServer();
const openClient = useClients();

/** Connections the server sees under `name` (CLIENT LIST), and how many of them are subscribed. */
async function connectionsNamed(name: string): Promise<{ total: number; subscribed: number }> {
  const observer = openClient({ port: lab.server.port });
  const list = String(await observer.call('CLIENT', 'LIST'));
  const mine = list.split('\n').filter((line) => line.includes(` name=${name} `));
  return { total: mine.length, subscribed: mine.filter((line) => !/ sub=0 psub=0 /.test(line)).length };
}

describe('pub/sub connections', () => {
  it('RESP3: a subscription and ordinary commands share one connection', async () => {
    const redis = openClient({ port: lab.server.port, protocol: 3, clientName: 'resp3-subscriber' });
    const sub = await redis.subscribe('one-connection', () => {});
    expect(await redis.set('after-subscribe', 'v')).toBe('OK');
    expect(await connectionsNamed('resp3-subscriber')).toEqual({ total: 1, subscribed: 1 });
    await sub.unsubscribe();
  });

  it('RESP2: the client opens a separate subscriber connection by itself', async () => {
    const redis = openClient({ port: lab.server.port, protocol: 2, clientName: 'resp2-subscriber' });
    const sub = await redis.subscribe('two-connections', () => {});
    expect(await redis.set('after-subscribe', 'v')).toBe('OK');
    expect(await connectionsNamed('resp2-subscriber')).toEqual({ total: 2, subscribed: 1 });
    await sub.unsubscribe();
  });
});
