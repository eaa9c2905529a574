import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../../src/errors.js';
import { type RequestInfo, RequestParser } from '../../src/proxy/request-parser.js';
import { encodeCommand } from '../../src/resp/index.js';

function parse(bytes: Buffer, chunkSize = bytes.length): RequestInfo[] {
  const out: RequestInfo[] = [];
  const parser = new RequestParser((request) => out.push(request));
  for (let i = 0; i < bytes.length; i += chunkSize) parser.feed(bytes.subarray(i, i + chunkSize));
  return out;
}

describe('RequestParser', () => {
  const stream = Buffer.concat([
    encodeCommand(['SET', 'k', 'v'.repeat(100)]),
    Buffer.from('PING\r\n'),
    encodeCommand(['CLUSTER', 'Shards']),
    Buffer.from('\r\n'),
    Buffer.from('  info   replication \r\n'),
    Buffer.from('*0\r\n'),
    encodeCommand(['HELLO', '3']),
    encodeCommand(['x'.repeat(100)]),
  ]);
  const expected = [
    { name: 'set', sub: '', argc: 3 },
    { name: 'ping', sub: '', argc: 1 },
    { name: 'cluster', sub: 'shards', argc: 2 },
    { name: 'info', sub: 'replication', argc: 2 },
    { name: 'hello', sub: '3', argc: 2 },
    // Longer than any command name: reported as '' (refused by the session).
    { name: '', sub: '', argc: 1 },
  ];

  it('names multibulk and inline requests in order (empty lines and *0 get no reply, so no entry)', () => {
    expect(parse(stream)).toEqual(expected);
  });

  it('gives the same result fed byte by byte and in odd chunks', () => {
    expect(parse(stream, 1)).toEqual(expected);
    expect(parse(stream, 7)).toEqual(expected);
  });

  it('names a stream that mixes remembered names (SET/GET alternating, any case) correctly', () => {
    const names = ['SET', 'get', 'Set', 'GET', 'gex', 'get', 'set', 'sex', 'set', 'get', 'GET'];
    const mixed = Buffer.concat(names.map((name) => encodeCommand([name, 'k'])));
    const want = names.map((name) => ({ name: name.toLowerCase(), sub: '', argc: 2 }));
    expect(parse(mixed)).toEqual(want);
    expect(parse(mixed, 3)).toEqual(want);
  });

  it('rejects a 1 GB bulk header before any payload arrives', () => {
    expect(() => parse(Buffer.from('*2\r\n$3\r\nSET\r\n$1073741824\r\n'))).toThrow(/invalid bulk length/);
  });

  it('rejects too many arguments, a non-bulk argument, garbage lengths and huge inline lines', () => {
    expect(() => parse(Buffer.from('*99999999\r\n'))).toThrow(/invalid multibulk length/);
    expect(() => parse(Buffer.from('*1\r\n:1\r\n'))).toThrow(/expected '\$'/);
    expect(() => parse(Buffer.from('*x\r\n'))).toThrow(ProtocolError);
    expect(() => parse(Buffer.from('*1\r\n$-5\r\n'))).toThrow(ProtocolError);
    expect(() => parse(Buffer.from('A'.repeat(70 * 1024)))).toThrow(/too big inline/);
  });
});
