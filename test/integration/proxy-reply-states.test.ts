/**
 * Reply states through the proxy, against a real lab cluster, compared byte for byte with the node
 * itself: a reply nested as deep as Lua's stack (Redis's "Script return recursive object"), CLIENT REPLY
 * ON/OFF/SKIP across pipelines, MULTI, RESET, RESP3 pub/sub and commands the proxy refuses, and MONITOR
 * with its client addresses rewritten.
 */
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { exchange, resp } from '../helpers/attacker.js';
import { useClusterProxy } from '../helpers/proxy.js';

const fixture = useClusterProxy({}, { allow: ['monitor'] });

/** Node 0's own port and its proxy port. */
function ports(): { direct: number; proxied: number } {
  const node = fixture.cluster.nodes[0];
  const row = fixture.proxy.portTable().find((r) => r.node.port === node.port);
  if (row === undefined) throw new Error('node 0 has no proxy port');
  return { direct: node.port, proxied: row.proxyPort };
}

const END = resp('CLIENT', 'REPLY', 'ON') + resp('ECHO', 'end-of-pipeline');
const ENDED = /\$15\r\nend-of-pipeline\r\n$/;

/** The same pipeline sent to the node and through the proxy: what each returned. */
async function both(commands: string[][]): Promise<{ direct: string; proxied: string }> {
  const bytes = commands.map((args) => resp(...args)).join('') + END;
  const { direct, proxied } = ports();
  return {
    direct: await exchange(direct, bytes, ENDED, 10_000),
    proxied: await exchange(proxied, bytes, ENDED, 10_000),
  };
}

/** A socket that keeps what it received and waits for text matching a pattern. */
class Live {
  text = '';
  private waiter: (() => void) | undefined;
  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.text += chunk.toString('latin1');
      this.waiter?.();
    });
    socket.on('error', () => {});
  }
  static open(port: number): Promise<Live> {
    return new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1', () => resolve(new Live(socket)));
    });
  }
  send(...args: string[]): void {
    this.socket.write(resp(...args));
  }
  until(pattern: RegExp): Promise<string> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (pattern.test(this.text)) {
          this.waiter = undefined;
          resolve(this.text);
        }
      };
      this.waiter = check;
      this.socket.once('close', () =>
        reject(new Error(`closed before ${pattern}; got ${JSON.stringify(this.text)}`)),
      );
      check();
    });
  }
}

const open: Live[] = [];
afterEach(() => {
  for (const live of open.splice(0)) live.socket.destroy();
});

describe('deep replies', () => {
  it('EVAL returning a recursive table: the whole reply arrives and the connection stays usable', async () => {
    const script = 'local a = {}; local b = {a}; a[1] = b; return a';
    const bytes = resp('EVAL', script, '0') + resp('PING');
    const done = /-ERR reached lua stack limit\r\n\+PONG\r\n$/;
    const direct = await exchange(ports().direct, bytes, done, 10_000);
    const proxied = await exchange(ports().proxied, bytes, done, 10_000);
    expect(direct).toMatch(done);
    expect(proxied.length).toBe(direct.length);
    expect(proxied).toBe(direct);
    // Deeper than any fixed limit a proxy might have kept.
    expect(proxied.split('*1\r\n').length - 1).toBeGreaterThan(1000);
    expect(fixture.logs.join('\n')).not.toMatch(/closing a client/);
  });
});

describe('CLIENT REPLY', () => {
  const pipelines: Record<string, string[][]> = {
    'OFF then ON': [
      ['CLIENT', 'REPLY', 'OFF'],
      ['PING', 'a'],
      ['ECHO', 'b'],
      ['NOSUCH'],
      ['CLIENT', 'REPLY', 'ON'],
      ['PING', 'c'],
    ],
    SKIP: [
      ['CLIENT', 'REPLY', 'SKIP'],
      ['PING', 'a'],
      ['PING', 'b'],
    ],
    'SKIP SKIP': [
      ['CLIENT', 'REPLY', 'SKIP'],
      ['CLIENT', 'REPLY', 'SKIP'],
      ['PING', 'a'],
      ['PING', 'b'],
    ],
    'SKIP ON': [
      ['CLIENT', 'REPLY', 'SKIP'],
      ['CLIENT', 'REPLY', 'ON'],
      ['PING', 'a'],
    ],
    'OFF SKIP ON': [
      ['CLIENT', 'REPLY', 'OFF'],
      ['CLIENT', 'REPLY', 'SKIP'],
      ['PING', 'a'],
      ['CLIENT', 'REPLY', 'ON'],
      ['PING', 'b'],
    ],
    'SKIP an error': [['CLIENT', 'REPLY', 'SKIP'], ['GET'], ['PING', 'a']],
    'bad arguments': [
      ['CLIENT', 'REPLY', 'FOO'],
      ['CLIENT', 'REPLY'],
      ['PING', 'a'],
    ],
    'SKIP MULTI': [['CLIENT', 'REPLY', 'SKIP'], ['MULTI'], ['PING', 'a'], ['EXEC'], ['PING', 'b']],
    'OFF inside MULTI is queued work': [
      ['CLIENT', 'REPLY', 'OFF'],
      ['MULTI'],
      ['PING', 'a'],
      ['EXEC'],
      ['PING', 'b'],
    ],
    'OFF RESET': [['CLIENT', 'REPLY', 'OFF'], ['RESET'], ['PING', 'a']],
    'SKIP RESET': [['CLIENT', 'REPLY', 'SKIP'], ['RESET'], ['PING', 'a']],
    'RESP3 pub/sub': [
      ['HELLO', '3'],
      ['SUBSCRIBE', 'ch'],
      ['CLIENT', 'REPLY', 'OFF'],
      ['PING'],
      ['CLIENT', 'REPLY', 'ON'],
      ['PING'],
      ['UNSUBSCRIBE'],
    ],
    // Refused by the proxy, skipped or silenced: no reply, as the server gives none either.
    'a refused command skipped': [
      ['CLIENT', 'REPLY', 'SKIP'],
      ['CONFIG', 'SET', 'maxmemory', '0'],
      ['PING', 'a'],
    ],
    'a refused command while OFF': [
      ['CLIENT', 'REPLY', 'OFF'],
      ['CONFIG', 'SET', 'maxmemory', '0'],
      ['CLIENT', 'REPLY', 'ON'],
      ['PING', 'a'],
    ],
  };
  for (const [name, commands] of Object.entries(pipelines)) {
    it(`${name}: the same replies as from the node`, async () => {
      const { direct, proxied } = await both(commands);
      // HELLO's connection id differs between two connections; nothing else may.
      const sameId = (text: string): string => text.replace(/\$2\r\nid\r\n:\d+/, '$2\r\nid\r\n:N');
      expect(sameId(proxied)).toBe(sameId(direct));
    });
  }

  it('a refused command answered in between keeps the pairing', async () => {
    const { proxied } = await both([
      ['CLIENT', 'REPLY', 'SKIP'],
      ['PING', 'skipped'],
      ['CONFIG', 'SET', 'maxmemory', '0'],
      ['PING', 'a'],
    ]);
    expect(proxied).toMatch(
      /^-NOPERM slotbridge proxy refuses 'config\|set'[^\r\n]*\r\n\$1\r\na\r\n\+OK\r\n\$15\r\n/,
    );
  });

  it('OFF or SKIP inside MULTI is refused: the server would break the EXEC reply', async () => {
    const { proxied } = await both([
      ['MULTI'],
      ['CLIENT', 'REPLY', 'OFF'],
      ['PING', 'a'],
      ['EXEC'],
      ['PING', 'b'],
    ]);
    expect(proxied).toMatch(
      /^\+OK\r\n-ERR slotbridge proxy refuses CLIENT REPLY OFF\/SKIP inside MULTI[^\r\n]*\r\n\+QUEUED\r\n-EXECABORT[^\r\n]*\r\n\$1\r\nb\r\n\+OK\r\n/,
    );
  });
});

describe('MONITOR', () => {
  it('streams lines with client addresses rewritten; replies stay paired; RESET ends it', async () => {
    const { proxied } = ports();
    const monitor = await Live.open(proxied);
    const other = await Live.open(proxied);
    open.push(monitor, other);
    monitor.send('MONITOR');
    await monitor.until(/^\+OK\r\n/);
    other.send('PING', 'from-another-client');
    await other.until(/from-another-client/);
    monitor.send('PING', 'from-the-monitor');
    await monitor.until(
      /"from-another-client"[\s\S]*\$16\r\nfrom-the-monitor\r\n[\s\S]*"from-the-monitor"\r\n/,
    );
    const own = `127.0.0.1:${monitor.socket.localPort}`;
    expect(monitor.text).toMatch(/\+\d+\.\d+ \[0 \?:0\] "PING" "from-another-client"\r\n/);
    expect(monitor.text).toContain(`[0 ${own}] "PING" "from-the-monitor"\r\n`);
    const backendPorts = fixture.backendPorts();
    for (const port of backendPorts) expect(monitor.text).not.toMatch(new RegExp(`:${port}\\b`));
    monitor.send('RESET');
    monitor.send('PING', 'after-reset');
    await monitor.until(/\+RESET\r\n[\s\S]*\$11\r\nafter-reset\r\n$/);
    expect(fixture.proxy.metrics.commandsDenied).toBeGreaterThanOrEqual(0);
  });
});
