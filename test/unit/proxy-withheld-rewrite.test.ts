import { describe, expect, it } from 'vitest';
import { AddressRewriter } from '../../src/proxy/address-rewriter.js';
import { rewriteClientInfo, rewriteConfigGet } from '../../src/proxy/client-info-rewrite.js';
import { rewriteInfoText } from '../../src/proxy/replication-rewrite.js';
import { rewritePubsubEvent } from '../../src/proxy/sentinel-rewrite.js';

const directory = {
  byId: (id: string) => (id === 'sentinel:abc' ? { proxyPort: 31002 } : undefined),
  byAnnounced: (host: string, port: number) =>
    host === '10.0.0.5' && port === 6379 ? { proxyPort: 31001 } : undefined,
};

function rewriter(withhold = false): AddressRewriter {
  const rw = new AddressRewriter(
    directory,
    'proxy.example',
    { host: '10.0.0.5', proxyPort: 31001 },
    '192.0.2.7:5555',
  );
  rw.withhold = withhold;
  return rw;
}

describe("replies that carry the answering node's own address", () => {
  it('INFO: tcp_port and Valkey listener lines become the proxy port and advertised host', () => {
    const text =
      '# Server\r\ntcp_port:6379\r\nlistener0:name=tcp,bind=10.0.0.5,bind=-::*,port=6379\r\nlistener1:name=unix,bind=/tmp/r.sock\r\n';
    expect(rewriteInfoText(text, rewriter())).toBe(
      '# Server\r\ntcp_port:31001\r\nlistener0:name=tcp,bind=proxy.example,port=31001\r\nlistener1:name=unix,bind=proxy.example\r\n',
    );
  });

  it('CLIENT INFO: laddr is the proxy port, addr the client as the proxy sees it; CLIENT LIST hides other peers', () => {
    const info = rewriteClientInfo(
      { type: 'bulk', value: 'id=3 addr=10.0.0.9:40000 laddr=10.0.0.5:6379 fd=8 name=\n' },
      rewriter(),
    );
    expect(info).toEqual({
      type: 'bulk',
      value: 'id=3 addr=192.0.2.7:5555 laddr=proxy.example:31001 fd=8 name=\n',
    });
    const list = rewriteClientInfo(
      {
        type: 'bulk',
        value: 'id=3 addr=10.0.0.9:1 laddr=10.0.0.5:6379\nid=4 addr=10.0.0.8:2 laddr=10.0.0.5:6379\n',
      },
      rewriter(),
    );
    expect(list).toEqual({
      type: 'bulk',
      value: 'id=3 addr=?:0 laddr=proxy.example:31001\nid=4 addr=?:0 laddr=proxy.example:31001\n',
    });
  });

  it('CONFIG GET: address parameters and secrets are withheld, others kept', () => {
    const frame = rewriteConfigGet(
      {
        type: 'array',
        value: [
          'port',
          '6379',
          'maxmemory',
          '0',
          'masterauth',
          'secret',
          'cluster-announce-ip',
          '10.0.0.5',
        ].map((value) => ({ type: 'bulk' as const, value })),
      },
      rewriter(),
    );
    expect(
      frame.type === 'array' ? frame.value?.map((item) => (item.type === 'bulk' ? item.value : '')) : [],
    ).toEqual(['port', '', 'maxmemory', '0', 'masterauth', '', 'cluster-announce-ip', '']);
  });

  it('__sentinel__:hello messages: sentinel and master addresses; unknown ones withheld as port 0', () => {
    const hello = (payload: string, withhold: boolean) =>
      rewritePubsubEvent(
        {
          type: 'array',
          value: [
            { type: 'bulk', value: 'message' },
            { type: 'bulk', value: '__sentinel__:hello' },
            { type: 'bulk', value: payload },
          ],
        },
        rewriter(withhold),
      );
    const known = hello('10.0.0.6,26379,abc,0,mymaster,10.0.0.5,6379,0', false);
    expect(known.type === 'array' ? known.value?.[2] : undefined).toEqual({
      type: 'bulk',
      value: 'proxy.example,31002,abc,0,mymaster,proxy.example,31001,0',
    });
    const unknown = hello('10.0.0.6,26379,zzz,0,mymaster,10.0.0.7,6379,0', true);
    expect(unknown.type === 'array' ? unknown.value?.[2] : undefined).toEqual({
      type: 'bulk',
      value: 'proxy.example,0,zzz,0,mymaster,proxy.example,0,0',
    });
  });
});
