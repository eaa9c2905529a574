/**
 * The kube lab ingress with several targets for one port (proxy replicas behind a Service): rules
 * parse, connections alternate between live targets, and a target that refuses is skipped for the next.
 */
import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../../src/lab/index.js';
import { parseForwardRule, startForwarder } from '../../src/lab/kube/tcp-forwarder.js';

const servers: net.Server[] = [];
afterAll(() => {
  for (const server of servers) server.close();
});

/** A server that answers every connection with its name, then closes. */
async function namedServer(name: string): Promise<number> {
  const server = net.createServer((socket) => socket.end(name));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}

function ask(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let text = '';
    socket.on('data', (chunk) => {
      text += chunk.toString();
    });
    socket.on('close', () => resolve(text));
    socket.on('error', reject);
  });
}

describe('tcp-forwarder with several targets', () => {
  it('parses one or several targets and refuses malformed rules', () => {
    expect(parseForwardRule('198.19.0.1:31000=198.18.0.41:31000,198.18.0.42:31000')).toEqual({
      listenHost: '198.19.0.1',
      listenPort: 31000,
      targets: [
        { host: '198.18.0.41', port: 31000 },
        { host: '198.18.0.42', port: 31000 },
      ],
    });
    expect(parseForwardRule('198.19.0.1:6379=198.18.0.11:6379').targets).toHaveLength(1);
    expect(() => parseForwardRule('198.19.0.1:1=198.18.0.41:1,')).toThrow(/bad forward rule/);
  });

  it('alternates between live targets and skips one that refuses', async () => {
    const a = await namedServer('a');
    const b = await namedServer('b');
    const dead = await findFreePort();
    const [spread, skipping] = await Promise.all([findFreePort(), findFreePort()]);
    servers.push(
      ...(await startForwarder([
        parseForwardRule(`127.0.0.1:${spread}=127.0.0.1:${a},127.0.0.1:${b}`),
        parseForwardRule(`127.0.0.1:${skipping}=127.0.0.1:${dead},127.0.0.1:${b}`),
      ])),
    );
    const spreadAnswers = [];
    for (let i = 0; i < 4; i++) spreadAnswers.push(await ask(spread));
    expect(spreadAnswers.sort()).toEqual(['a', 'a', 'b', 'b']);
    for (let i = 0; i < 4; i++) expect(await ask(skipping)).toBe('b');
  });
});
