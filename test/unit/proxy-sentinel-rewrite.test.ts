import { describe, expect, it } from 'vitest';
import { AddressRewriter } from '../../src/proxy/address-rewriter.js';
import { rewriteReply } from '../../src/proxy/reply-rewrite.js';
import { rewriteEventText } from '../../src/proxy/sentinel-rewrite.js';
import { encodeFrame, readFrame } from '../../src/resp/index.js';

const table = new Map([
  ['10.0.0.1:6379', 31001],
  ['10.0.0.2:6379', 31002],
  ['10.0.0.9:26379', 31009],
]);
function rewriter(): AddressRewriter {
  return new AddressRewriter(
    {
      byId: () => undefined,
      byAnnounced: (host, port) => {
        const proxyPort = table.get(`${host}:${port}`);
        return proxyPort === undefined ? undefined : { proxyPort };
      },
    },
    'proxy.local',
    { host: '10.0.0.9' },
  );
}

describe('sentinel rewrites', () => {
  it('rewrites +switch-master and instance-detail events, leaving names and unknown words alone', () => {
    const rw = rewriter();
    expect(rewriteEventText('mymaster 10.0.0.1 6379 10.0.0.2 6379', rw)).toBe(
      'mymaster proxy.local 31001 proxy.local 31002',
    );
    expect(rewriteEventText('slave 10.0.0.2:6379 10.0.0.2 6379 @ mymaster 10.0.0.1 6379', rw)).toBe(
      'slave proxy.local:31002 proxy.local 31002 @ mymaster proxy.local 31001',
    );
    expect(rewriteEventText('master mymaster 10.0.0.1 6379 #quorum 2/2', rw)).toBe(
      'master mymaster proxy.local 31001 #quorum 2/2',
    );
    expect(rw.missing).toBe(0);
  });

  it('rewrites get-master-addr-by-name and replica records (ip, port, name, master-host/port) in RESP2', () => {
    const address = readFrame(Buffer.from('*2\r\n$8\r\n10.0.0.1\r\n$4\r\n6379\r\n'));
    expect(encodeFrame(rewriteReply('sentinel-address', address, rewriter())).toString()).toBe(
      '*2\r\n$11\r\nproxy.local\r\n$5\r\n31001\r\n',
    );
    const fields = ['name', '10.0.0.2:6379', 'ip', '10.0.0.2', 'port', '6379', 'master-host', '10.0.0.1'];
    fields.push('master-port', '6379');
    const record = `*1\r\n*${fields.length}\r\n${fields.map((f) => `$${f.length}\r\n${f}\r\n`).join('')}`;
    const out = encodeFrame(rewriteReply('sentinel-records', readFrame(Buffer.from(record)), rewriter()));
    expect(out.toString()).not.toMatch(/10\.0\.0|6379/);
    expect(out.toString()).toContain('proxy.local:31002');
  });

  it('rewrites message and pmessage pub/sub events', () => {
    const parts = ['pmessage', '*', '+switch-master', 'mymaster 10.0.0.1 6379 10.0.0.2 6379'];
    const frame = readFrame(Buffer.from(`*4\r\n${parts.map((p) => `$${p.length}\r\n${p}\r\n`).join('')}`));
    const out = encodeFrame(rewriteReply('pubsub-event', frame, rewriter())).toString();
    expect(out).toContain('mymaster proxy.local 31001 proxy.local 31002');
  });
});
