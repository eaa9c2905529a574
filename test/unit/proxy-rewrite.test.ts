import { describe, expect, it } from 'vitest';
import { AddressRewriter, type NodeLookup } from '../../src/proxy/address-rewriter.js';
import { rewriteNodesText } from '../../src/proxy/cluster-rewrite.js';
import { rewriteInfoText } from '../../src/proxy/replication-rewrite.js';
import { type ReplyKind, replyKind } from '../../src/proxy/reply-kind.js';
import { rewriteReply } from '../../src/proxy/reply-rewrite.js';
import { encodeFrame, type RespFrame, readFrame } from '../../src/resp/index.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const C = 'c'.repeat(40);
/** Announced address and proxy port of each node. */
const NODES = [
  { id: A, host: '10.0.0.1', port: 6379, proxyPort: 31000 },
  { id: B, host: '10.0.0.2', port: 6379, proxyPort: 31001 },
  { id: C, host: '10.0.0.3', port: 6380, proxyPort: 31002 },
];
const lookup: NodeLookup = {
  byId: (id) => NODES.find((node) => node.id === id),
  byAnnounced: (host, port) => NODES.find((node) => node.host === host && node.port === port),
};

function rewriter(): AddressRewriter {
  return new AddressRewriter(lookup, 'proxy.example', { host: '10.0.0.1' });
}

function rewrite(
  kind: ReplyKind,
  frame: RespFrame,
  queued?: ReplyKind[],
): { text: string; rw: AddressRewriter } {
  const rw = rewriter();
  // Through the bytes, as the proxy does.
  const out = rewriteReply(kind, readFrame(encodeFrame(frame)), rw, queued);
  return { text: encodeFrame(out).toString('latin1'), rw };
}

const bulk = (value: string | null): RespFrame => ({ type: 'bulk', value });
const int = (value: number): RespFrame => ({ type: 'integer', value });
const arr = (...value: RespFrame[]): RespFrame => ({ type: 'array', value });
const map = (...pairs: Array<[string, RespFrame]>): RespFrame => ({
  type: 'map',
  value: pairs.map(([k, v]) => [bulk(k), v]),
});
const flat = (...pairs: Array<[string, RespFrame]>): RespFrame =>
  arr(...pairs.flatMap(([k, v]) => [bulk(k), v]));

/** No backend address survives: neither the announced IPs nor their ports. */
function expectNoBackend(text: string): void {
  expect(text).not.toMatch(/10\.0\.0\.\d/);
  expect(text).not.toMatch(/\b63(79|80)\b/);
}

const NODES_TEXT = [
  `${A} 10.0.0.1:6379@16379,host-a myself,master - 0 0 1 connected 0-5460`,
  `${B} :6379@16379 master - 0 1 2 connected 5461-10922 [5461->-${C}]`,
  `${C} 10.0.0.3:6380@16380 slave ${A} 0 1 1 connected`,
  `${'d'.repeat(40)} :0@0 master,noaddr - 0 0 0 disconnected`,
  '',
].join('\n');

describe('proxy rewriters', () => {
  it('CLUSTER NODES (RESP2 bulk and RESP3 verbatim): every address and hostname becomes the proxy', () => {
    for (const frame of [
      bulk(NODES_TEXT),
      { type: 'verbatim', format: 'txt', value: NODES_TEXT } as RespFrame,
    ]) {
      const { text } = rewrite('cluster-nodes', frame);
      expect(text).toContain(`${A} proxy.example:31000@0,proxy.example myself,master`);
      // An empty ip is the node's own id: it still gets its own port.
      expect(text).toContain(`${B} proxy.example:31001@0 master`);
      expect(text).toContain(`${C} proxy.example:31002@0 slave ${A}`);
      expect(text).toContain(':0@0 master,noaddr');
      expect(text).toContain(`[5461->-${C}]`);
      expectNoBackend(text.replace(':0@0', ''));
    }
    const { text } = rewrite('cluster-nodes', { type: 'verbatim', format: 'txt', value: NODES_TEXT });
    expect(text.startsWith('=')).toBe(true);
  });

  it('CLUSTER REPLICAS: each line', () => {
    const line = `${C} 10.0.0.3:6380@16380 slave ${A} 0 1 1 connected`;
    const { text } = rewrite('cluster-replicas', arr(bulk(line)));
    expect(text).toContain('proxy.example:31002@0');
    expectNoBackend(text);
  });

  it('CLUSTER SLOTS: ip, port and hostname metadata (RESP2 flat, RESP3 map); NULL endpoint kept', () => {
    const slots = arr(
      arr(
        int(0),
        int(5460),
        arr(bulk('10.0.0.1'), int(6379), bulk(A), flat(['hostname', bulk('host-a')])),
        arr(bulk('10.0.0.3'), int(6380), bulk(C)),
      ),
      arr(int(5461), int(10922), arr(bulk(null), int(6379), bulk(B), map(['ip', bulk('10.0.0.2')]))),
    );
    const { text, rw } = rewrite('cluster-slots', slots);
    expectNoBackend(text);
    expect(rw.replaced).toBe(3);
    const parsed = readFrame(Buffer.from(text, 'latin1'));
    expect(parsed).toMatchObject({
      value: [
        {
          value: [
            {},
            {},
            { value: [{ value: Buffer.from('proxy.example') }, { value: 31000 }, {}, {}] },
            { value: [{}, { value: 31002 }, {}] },
          ],
        },
        { value: [{}, {}, { value: [{ value: null }, { value: 31001 }, {}, {}] }] },
      ],
    });
  });

  it('CLUSTER SHARDS (RESP2 flat arrays and RESP3 maps): port, tls-port, ip, endpoint, hostname', () => {
    for (const record of [flat, map]) {
      const shards = arr(
        record(
          ['slots', arr(int(0), int(5460))],
          [
            'nodes',
            arr(
              record(
                ['id', bulk(A)],
                ['port', int(6379)],
                ['tls-port', int(6390)],
                ['ip', bulk('')],
                ['endpoint', bulk('')],
                ['hostname', bulk('host-a')],
                ['role', bulk('master')],
              ),
              record(
                ['id', bulk(C)],
                ['port', int(6380)],
                ['ip', bulk('10.0.0.3')],
                ['endpoint', bulk('10.0.0.3')],
                ['role', bulk('replica')],
              ),
              record(
                ['id', bulk('e'.repeat(40))],
                ['port', int(7000)],
                ['ip', bulk('?')],
                ['endpoint', bulk('?')],
              ),
            ),
          ],
        ),
      );
      const { text, rw } = rewrite('cluster-shards', shards);
      expect(rw.replaced).toBe(2);
      expect(text).not.toMatch(/10\.0\.0\.\d|host-a|:6379|:6380|:6390/);
      expect(text.match(/:31000\r\n/g)).toHaveLength(2);
      expect(text).toContain(':31002\r\n');
      // Unknown ('?') endpoints stay as they are.
      expect(text).toContain(':7000\r\n');
    }
  });

  it('-MOVED and -ASK at top level, with an empty host, and inside EXEC results', () => {
    expect(rewrite('plain', { type: 'error', value: 'MOVED 3999 10.0.0.2:6379' }).text).toBe(
      '-MOVED 3999 proxy.example:31001\r\n',
    );
    expect(rewrite('plain', { type: 'error', value: 'ASK 1 :6380' }).text).toBe('-ASK 1 :6380\r\n');
    expect(rewrite('plain', { type: 'error', value: 'MOVED 1 :6379' }).text).toBe(
      '-MOVED 1 proxy.example:31000\r\n',
    );
    const exec = arr(
      { type: 'simple', value: 'OK' },
      { type: 'error', value: 'MOVED 7 10.0.0.3:6380' },
      bulk(NODES_TEXT),
    );
    const { text } = rewrite('exec', exec, ['plain', 'plain', 'cluster-nodes']);
    expect(text).toContain('-MOVED 7 proxy.example:31002\r\n');
    expect(text).toContain(`${A} proxy.example:31000@0`);
    expect(rewrite('plain', { type: 'error', value: 'ERR MOVED is a word here' }).text).toBe(
      '-ERR MOVED is a word here\r\n',
    );
  });

  it('ROLE of a primary and of a replica, RESP2 and RESP3 shapes', () => {
    const primary = arr(bulk('master'), int(100), arr(arr(bulk('10.0.0.3'), bulk('6380'), bulk('100'))));
    expect(rewrite('role', primary).text).toContain('$13\r\nproxy.example\r\n$5\r\n31002\r\n');
    const replica = arr(bulk('slave'), bulk('10.0.0.1'), int(6379), bulk('connected'), int(100));
    expect(rewrite('role', replica).text).toContain('$13\r\nproxy.example\r\n:31000\r\n');
  });

  it('INFO replication: master_host/port and slaveN lines, CRLF kept', () => {
    const info =
      '# Replication\r\nrole:slave\r\nmaster_host:10.0.0.1\r\nmaster_port:6379\r\nslave0:ip=10.0.0.3,port=6380,state=online,offset=1,lag=0\r\n';
    const out = rewriteInfoText(info, rewriter());
    expect(out).toBe(
      '# Replication\r\nrole:slave\r\nmaster_host:proxy.example\r\nmaster_port:31000\r\nslave0:ip=proxy.example,port=31002,state=online,offset=1,lag=0\r\n',
    );
    const { text } = rewrite('info', { type: 'verbatim', format: 'txt', value: info });
    expect(text.startsWith('=')).toBe(true);
    expectNoBackend(text);
  });

  it('counts addresses of unknown nodes as missing and leaves them (the session refreshes, then retries)', () => {
    const { text, rw } = rewrite('plain', { type: 'error', value: 'MOVED 5 10.9.9.9:7000' });
    expect(rw.missing).toBe(1);
    expect(text).toBe('-MOVED 5 10.9.9.9:7000\r\n');
    expect(rewriteNodesText(`${'f'.repeat(40)} 10.9.9.9:7000@17000 master - 0 0 1 connected`, rw)).toContain(
      '10.9.9.9',
    );
  });

  it('leaves replies of unexpected shape untouched', () => {
    for (const kind of ['cluster-slots', 'cluster-shards', 'role', 'cluster-nodes'] as const) {
      const { text, rw } = rewrite(kind, { type: 'simple', value: 'QUEUED' });
      expect(text).toBe('+QUEUED\r\n');
      expect(rw.replaced).toBe(0);
    }
  });

  it('classifies requests', () => {
    expect(replyKind({ name: 'cluster', sub: 'slaves', argc: 3 })).toBe('cluster-replicas');
    expect(replyKind({ name: 'cluster', sub: 'info', argc: 2 })).toBe('plain');
    expect(replyKind({ name: 'hello', sub: '3', argc: 2 })).toBe('hello3');
    expect(replyKind({ name: 'get', sub: 'k', argc: 2 })).toBe('plain');
  });
});
