/**
 * A minimal RESP2 writer over one socket, for the cache workload's invalidation check: the writes come
 * from a connection the cached client knows nothing about, like another application server's would.
 * Commands are sent one at a time; each must be answered with `+OK`.
 */
import { connect, type Socket } from 'node:net';

export class RawWriter {
  private buffered = '';
  private waiting: ((line: string) => void) | undefined;

  private constructor(private readonly socket: Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      this.buffered += chunk;
      const end = this.buffered.indexOf('\r\n');
      if (end >= 0 && this.waiting !== undefined) {
        const line = this.buffered.slice(0, end);
        this.buffered = this.buffered.slice(end + 2);
        const resolve = this.waiting;
        this.waiting = undefined;
        resolve(line);
      }
    });
  }

  static open(port: number): Promise<RawWriter> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => resolve(new RawWriter(socket)));
      socket.once('error', reject);
    });
  }

  /** SET key value; rejects unless the server answers +OK. */
  async set(key: string, value: string): Promise<void> {
    const parts = ['SET', key, value];
    const frame = `*${parts.length}\r\n${parts.map((p) => `$${Buffer.byteLength(p)}\r\n${p}\r\n`).join('')}`;
    const line = await new Promise<string>((resolve) => {
      this.waiting = resolve;
      this.socket.write(frame);
    });
    if (line !== '+OK') throw new Error(`SET ${key} answered ${line}`);
  }

  close(): void {
    this.socket.destroy();
  }
}
