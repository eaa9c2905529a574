/**
 * A scripted TCP server for faults a real redis-server cannot produce: malformed frames, half replies,
 * stalls. `onCommand` sees each raw chunk a client sends and answers with whatever bytes it wants.
 */
import net from 'node:net';

export interface FakeServer {
  port: number;
  address: string;
  connections: number;
  close(): Promise<void>;
}

export async function startFakeServer(
  onData: (socket: net.Socket, chunk: Buffer, state: { count: number }) => void,
): Promise<FakeServer> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    fake.connections++;
    const state = { count: 0 };
    socket.on('data', (chunk) => {
      state.count++;
      onData(socket, chunk, state);
    });
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  const fake: FakeServer = {
    port,
    address: `127.0.0.1:${port}`,
    connections: 0,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}

const RESP2_INFO = '# Server\r\nredis_version:5.0.14\r\nredis_mode:standalone\r\n';

/**
 * Answers HELLO like a RESP2-only server (so the client falls back), and the INFO server the client then
 * asks to learn the version, like Redis 5; everything else via `reply`.
 */
export function resp2Server(reply: (socket: net.Socket, text: string) => void) {
  return (socket: net.Socket, chunk: Buffer) => {
    const text = chunk.toString('latin1');
    if (text.includes('HELLO')) {
      socket.write("-ERR unknown command 'HELLO'\r\n");
      return;
    }
    if (/^\*2\r\n\$4\r\nINFO\r\n\$6\r\nserver\r\n$/i.test(text)) {
      socket.write(`$${Buffer.byteLength(RESP2_INFO)}\r\n${RESP2_INFO}\r\n`);
      return;
    }
    reply(socket, text);
  };
}
