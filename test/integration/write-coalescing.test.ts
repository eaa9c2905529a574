/**
 * When a connection writes (README, "Coming from ioredis / node-redis"): commands of one tick go out in
 * one write; while replies are awaited, so do commands issued in different ticks of one turn of the
 * event loop (they wait for the loop's I/O phase); an idle connection writes a lone command at once.
 * Socket writes are counted by wrapping `net.Socket.prototype.write` for the server's port.
 */
import { Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useClients } from '../helpers/clients.js';
import { useServer } from '../helpers/lab.js';

const lab = useServer({});
const client = useClients();

let writes: string[] = [];
const originalWrite = Socket.prototype.write;

beforeEach(() => {
  writes = [];
  const port = lab.server.port;
  Socket.prototype.write = function (this: Socket, chunk: unknown, ...rest: unknown[]) {
    if (this.remotePort === port) writes.push(Buffer.isBuffer(chunk) ? chunk.toString() : String(chunk));
    return (originalWrite as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof Socket.prototype.write;
});

afterEach(() => {
  Socket.prototype.write = originalWrite;
});

/** Runs `fn` in a timer callback: two timers due at once run in one timers phase, each its own tick. */
function inTimer<T>(fn: () => T): Promise<T> {
  return new Promise((resolve) => setTimeout(() => resolve(fn()), 0));
}

describe('when a connection writes', () => {
  it('commands issued in one tick share one write', async () => {
    const redis = client({ port: lab.server.port });
    await redis.connect();
    writes = [];
    const replies = await Promise.all(Array.from({ length: 50 }, (_, i) => redis.set(`w:${i}`, i)));
    expect(replies.every((reply) => reply === 'OK')).toBe(true);
    expect(writes).toHaveLength(1);
  });

  it('an idle connection writes a lone command within its tick', async () => {
    const redis = client({ port: lab.server.port });
    await redis.connect();
    writes = [];
    let sent: Promise<unknown> | undefined;
    const first = inTimer(() => {
      sent = redis.get('w:idle');
    });
    // The next timer of the same phase runs after the first one's ticks: the GET is on the wire already.
    const seen = await inTimer(() => writes.length);
    await first;
    await sent;
    expect(seen).toBe(1);
  });

  it('while a reply is awaited, commands from two ticks of one loop turn share one write', async () => {
    const redis = client({ port: lab.server.port });
    await redis.set('w:1', '1');
    await redis.set('w:2', '2');
    writes = [];
    // WAIT stays on the shared connection and, with no replica, holds its reply for 200 ms.
    const waiting = redis.call('WAIT', '1', '200');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(writes).toHaveLength(1);
    const [a, b] = await Promise.all([inTimer(() => redis.get('w:1')), inTimer(() => redis.get('w:2'))]);
    expect(await Promise.all([a, b])).toEqual(['1', '2']);
    expect(writes).toHaveLength(2);
    expect(writes[1]).toContain('w:1');
    expect(writes[1]).toContain('w:2');
    expect(await waiting).toBe(0);
  });
});
