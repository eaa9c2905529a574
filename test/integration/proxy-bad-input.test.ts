import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { Connection } from '../../src/connection/index.js';
import { useClusterProxy } from '../helpers/proxy.js';

// The smallest cluster the lab builds: bad input is about the proxy, not the cluster.
const fixture = useClusterProxy({ replicasPerPrimary: 0 });

/** Sends `bytes` and resolves with everything the proxy sent until it closed the connection. */
function sendAndWaitClose(port: number, bytes: Buffer | string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    let received = '';
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
    });
    socket.on('error', () => {});
    socket.on('close', () => resolve(received));
    setTimeout(() => {
      socket.destroy();
      reject(new Error(`the proxy did not close the connection; got ${JSON.stringify(received)}`));
    }, 5000).unref();
  });
}

async function healthyClientWorks(): Promise<void> {
  const connection = new Connection({
    host: '127.0.0.1',
    port: fixture.proxy.entry.port,
    protocol: 2,
    reconnect: false,
  });
  try {
    await connection.connect();
    expect(await connection.send(['PING'])).toBe('PONG');
  } finally {
    connection.disconnect();
  }
}

describe('slotbridge proxy under bad client input', () => {
  it('a 1 GB bulk header: a clear -ERR, then close, without waiting for the payload', async () => {
    const text = await sendAndWaitClose(fixture.proxy.entry.port, '*2\r\n$3\r\nGET\r\n$1073741824\r\n');
    expect(text).toMatch(/^-ERR Protocol error: invalid bulk length.*slotbridge proxy.*\r\n$/);
    await healthyClientWorks();
  });

  it('garbage bytes in a multibulk: -ERR and close; other clients unaffected', async () => {
    const text = await sendAndWaitClose(fixture.proxy.entry.port, Buffer.from('*2\r\n:oops\r\n\x00\xff'));
    expect(text).toMatch(/^-ERR Protocol error: expected '\$'/);
    await healthyClientWorks();
    expect(fixture.proxy.metrics.clientProtocolErrors).toBeGreaterThanOrEqual(2);
  });

  it('binary garbage on an inline line goes to the server, which answers; the proxy stays up', async () => {
    const socket = connect(fixture.proxy.entry.port, '127.0.0.1');
    const reply = await new Promise<string>((resolve) => {
      socket.once('data', (chunk: Buffer) => resolve(chunk.toString('latin1')));
      socket.write(Buffer.from([0x01, 0x02, 0x41, 0x0d, 0x0a]));
    });
    socket.destroy();
    expect(reply.startsWith('-ERR')).toBe(true);
    await healthyClientWorks();
  });

  it('abrupt disconnects mid-command (header, payload, mid-pipeline) leave nothing behind', async () => {
    const pieces = [
      '*3\r\n$3\r\nSET\r\n$1',
      '*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$100\r\nabc',
      'PING\r\nPING\r\n*1\r\n$4\r\nPI',
    ];
    for (const piece of pieces) {
      await new Promise<void>((resolve) => {
        const socket = connect(fixture.proxy.entry.port, '127.0.0.1', () => {
          socket.write(piece, () => {
            socket.resetAndDestroy();
            resolve();
          });
        });
        socket.on('error', () => {});
      });
    }
    await waitFor(() => fixture.proxy.connectionCount === 0);
    await healthyClientWorks();
  });

  it('1,000 idle connections: all accepted and paired, other clients still served, all released on close', async () => {
    const sockets: Socket[] = [];
    try {
      for (let i = 0; i < 1000; i++) {
        sockets.push(
          await new Promise<Socket>((resolve, reject) => {
            const socket = connect(fixture.proxy.entry.port, '127.0.0.1', () => resolve(socket));
            socket.once('error', reject);
          }),
        );
      }
      await waitFor(() => fixture.proxy.connectionCount === 1000);
      await healthyClientWorks();
      // An idle connection still works when it finally speaks.
      const last = sockets[999];
      const reply = await new Promise<string>((resolve) => {
        last.once('data', (chunk: Buffer) => resolve(chunk.toString()));
        last.write('PING\r\n');
      });
      expect(reply).toBe('+PONG\r\n');
    } finally {
      for (const socket of sockets) socket.destroy();
    }
    await waitFor(() => fixture.proxy.connectionCount === 0);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
