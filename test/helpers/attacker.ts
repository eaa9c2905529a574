/**
 * Tools for attacking a proxy from its client side: rogue listeners that count every connection and
 * keep every byte (the "anything outside the cluster" a tricked proxy would reach), and a raw socket
 * exchange that records every reply so a test can check no backend address ever appeared.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

/** A listener standing for a host outside the cluster (or inside its network, not a member). */
export class Rogue {
  connections = 0;
  private readonly received: Buffer[] = [];
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly host: string,
    readonly port: number,
  ) {}

  static async listen(host: string): Promise<Rogue> {
    let rogue: Rogue | undefined;
    const server = createServer((socket) => {
      if (rogue === undefined) return;
      rogue.connections++;
      rogue.sockets.add(socket);
      socket.on('data', (chunk: Buffer) => rogue?.received.push(chunk));
      socket.on('error', () => {});
      socket.on('close', () => rogue?.sockets.delete(socket));
    });
    const port = await new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, host, () => {
        const address = server.address();
        resolve(typeof address === 'object' && address !== null ? address.port : 0);
      });
    });
    rogue = new Rogue(server, host, port);
    return rogue;
  }

  /** Everything any connection sent, as latin1 text. */
  get bytes(): string {
    return Buffer.concat(this.received).toString('latin1');
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Every reply text any exchange received, for the final "no backend address" check. */
export const transcript: string[] = [];

/**
 * Sends `bytes` to `port` and resolves with what came back once `until` matches the text received (or
 * the connection closed, or `timeoutMs` passed). The text is also added to {@link transcript}.
 */
export function exchange(
  port: number,
  bytes: Buffer | string,
  until: RegExp = /\r\n$/,
  timeoutMs = 5000,
  host = '127.0.0.1',
): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, host, () => socket.write(bytes));
    let text = '';
    const done = (): void => {
      clearTimeout(timer);
      transcript.push(text);
      socket.destroy();
      resolve(text);
    };
    const timer = setTimeout(done, timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
      if (until.test(text)) done();
    });
    socket.on('error', () => {});
    socket.on('close', done);
  });
}

/** Sends `bytes` and collects what comes back until the proxy closes the socket (`closed`) or `timeoutMs`. */
export function exchangeUntilClosed(
  port: number,
  bytes: Buffer | string,
  timeoutMs = 5000,
): Promise<{ text: string; closed: boolean }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    let text = '';
    const done = (closed: boolean): void => {
      clearTimeout(timer);
      transcript.push(text);
      socket.destroy();
      resolve({ text, closed });
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
    });
    socket.on('error', () => {});
    socket.on('close', () => done(true));
  });
}

/** The RESP multibulk encoding of `args`. */
export function resp(...args: string[]): string {
  return `*${args.length}\r\n${args.map((arg) => `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`).join('')}`;
}

/** Polls `condition` every 50 ms; throws after `timeoutMs`. */
export async function eventually(
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
