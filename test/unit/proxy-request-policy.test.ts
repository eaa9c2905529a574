import { describe, expect, it } from 'vitest';
import { CommandPolicy } from '../../src/proxy/command-policy.js';
import { splitInlineArgs } from '../../src/proxy/inline-split.js';
import {
  CAPTURE,
  DROP,
  FORWARD,
  type RequestInfo,
  RequestParser,
  type Verdict,
} from '../../src/proxy/request-parser.js';
import { encodeCommand } from '../../src/resp/index.js';

function split(line: string): string[] | null {
  return splitInlineArgs(Buffer.from(line, 'latin1'))?.map((arg) => arg.toString('latin1')) ?? null;
}

describe('inline requests split as the server splits them', () => {
  it('quotes and escapes, also in the middle of a word', () => {
    expect(split('cl"uster" nodes')).toEqual(['cluster', 'nodes']);
    expect(split('"\\x63luster" slots')).toEqual(['cluster', 'slots']);
    expect(split("'con''fig'")).toBeNull();
    expect(split("con'fig' get port")).toEqual(['config', 'get', 'port']);
    expect(split("\"a\\nb\" 'it\\'s'")).toEqual(['a\nb', "it's"]);
    expect(split('"\\x4"')).toEqual(['x4']);
  });

  it('blanks: space, tab, CR end a word; vertical tab and form feed only separate words', () => {
    expect(split('  get\tk\rv ')).toEqual(['get', 'k', 'v']);
    expect(split('con\x0bfig get')).toEqual(['con\x0bfig', 'get']);
    expect(split('\x0b\x0cping')).toEqual(['ping']);
  });

  it('a closing quote must be followed by a blank; unterminated quotes are errors', () => {
    expect(split('"a"b')).toBeNull();
    expect(split("'a'b")).toBeNull();
    expect(split('"abc')).toBeNull();
    expect(split('"abc\\')).toBeNull();
    expect(split('""')).toEqual(['']);
  });
});

/** Feeds `bytes` in `chunkSize` pieces; returns what was forwarded and what the handler saw. */
function run(
  bytes: Buffer,
  chunkSize: number,
  decide: (name: string, sub: string | undefined) => Verdict,
): { forwarded: Buffer; requests: string[]; dropped: string[]; captured: string[][] } {
  const forwarded: Buffer[] = [];
  const requests: string[] = [];
  const dropped: string[] = [];
  const captured: string[][] = [];
  const parser = new RequestParser({
    forward: (chunk) => forwarded.push(Buffer.from(chunk)),
    decide,
    onRequest: (request: RequestInfo) => requests.push(request.name),
    onDropped: (request, args) => {
      dropped.push(request.name);
      if (args !== undefined) captured.push(args.map((arg) => arg.toString()));
    },
  });
  for (let i = 0; i < bytes.length; i += chunkSize) parser.feed(bytes.subarray(i, i + chunkSize));
  return { forwarded: Buffer.concat(forwarded), requests, dropped, captured };
}

describe('RequestParser forwards, drops and captures whole requests', () => {
  const policy = new CommandPolicy();
  const decide = (name: string, sub: string | undefined): Verdict => {
    if (name === 'auth') return CAPTURE;
    return name !== '' && policy.check(name, sub) === null ? FORWARD : DROP;
  };
  const allowed = [
    encodeCommand(['SET', 'k', 'v'.repeat(300)]),
    encodeCommand(['CLUSTER', 'SLOTS']),
    encodeCommand(['GET', 'k']),
  ];
  const stream = Buffer.concat([
    allowed[0],
    encodeCommand(['CONFIG', 'SET', 'cluster-announce-port', '1']),
    allowed[1],
    encodeCommand(['AUTH', 'secret']),
    encodeCommand(['CONFIG\0x', 'SET']),
    encodeCommand(['cluster', 'meet', '127.0.1.1', '7000']),
    allowed[2],
  ]);

  for (const size of [1, 3, 7, 64, stream.length]) {
    it(`in chunks of ${size}: only the allowed requests' bytes go out, in order`, () => {
      const out = run(stream, size, decide);
      expect(out.forwarded.equals(Buffer.concat(allowed))).toBe(true);
      expect(out.requests).toEqual(['set', 'cluster', 'get']);
      expect(out.dropped).toEqual(['config', 'auth', '', 'cluster']);
      expect(out.captured).toEqual([['auth', 'secret']]);
    });
  }

  it('inline requests are re-encoded as multibulk; the quote tricks are named like the server names them', () => {
    const out = run(Buffer.from('cl"uster" nodes\r\n"\\x63onfig" get port\r\nPING\r\n'), 5, decide);
    expect(
      out.forwarded.equals(Buffer.concat([encodeCommand(['cluster', 'nodes']), encodeCommand(['PING'])])),
    ).toBe(true);
    expect(out.requests).toEqual(['cluster', 'ping']);
    expect(out.dropped).toEqual(['config']);
  });

  it('refuses what the server would read differently: NUL in an inline line, leading zeros, +N', () => {
    expect(() => run(Buffer.from('CONFIG\0 GET port\r\n'), 100, decide)).toThrow(/NUL/);
    expect(() => run(Buffer.from('*01\r\n$4\r\nPING\r\n'), 100, decide)).toThrow(/invalid multibulk/);
    expect(() => run(Buffer.from('*1\r\n$+4\r\nPING\r\n'), 100, decide)).toThrow(/invalid bulk/);
    expect(() => run(Buffer.from('*1\r\n$-0\r\n'), 100, decide)).toThrow(/invalid bulk/);
  });
});

describe('CommandPolicy', () => {
  const policy = new CommandPolicy();

  it('refuses @admin and @dangerous commands, naming the options that allow them', () => {
    for (const [name, sub] of [
      ['config', 'set'],
      ['config', 'get'],
      ['cluster', 'meet'],
      ['cluster', 'forget'],
      ['cluster', 'setslot'],
      ['cluster', 'failover'],
      ['cluster', 'reset'],
      ['acl', 'setuser'],
      ['client', 'list'],
      ['client', 'kill'],
      ['sentinel', 'set'],
      ['sentinel', 'failover'],
    ] as const) {
      expect(policy.check(name, sub)).toMatch(
        new RegExp(`^NOPERM .*'${name}\\|${sub}'.*--allow ${name}\\|${sub}.*--allow-admin`),
      );
    }
    for (const name of [
      'debug',
      'shutdown',
      'replicaof',
      'slaveof',
      'migrate',
      'flushall',
      'save',
      'failover',
    ]) {
      expect(policy.check(name, undefined)).toMatch(/^NOPERM .*--allow-admin/);
    }
  });

  it('forwards what clients need, and names it does not know', () => {
    for (const [name, sub] of [
      ['cluster', 'slots'],
      ['cluster', 'shards'],
      ['cluster', 'nodes'],
      ['cluster', 'replicas'],
      ['cluster', 'info'],
      ['cluster', 'myid'],
      ['client', 'setname'],
      ['client', 'info'],
      ['client', 'unblock'],
      ['sentinel', 'get-master-addr-by-name'],
      ['sentinel', 'sentinels'],
    ] as const) {
      expect(policy.check(name, sub)).toBeNull();
    }
    for (const name of [
      'get',
      'info',
      'role',
      'hello',
      'auth',
      'readonly',
      'asking',
      'keys',
      'eval',
      'json.get',
    ]) {
      expect(policy.check(name, undefined)).toBeNull();
    }
  });

  it('refuses subcommands it does not know, and invalid ones always', () => {
    expect(policy.check('config', 'frobnicate')).toMatch(/does not know/);
    expect(new CommandPolicy({ allowAdmin: true }).check('config', '')).toMatch(/NOPERM/);
  });

  it('--allow and --allow-admin; MONITOR is @admin, CLIENT REPLY an ordinary command; SYNC never', () => {
    const loose = new CommandPolicy({ allow: ['CONFIG GET', 'flushall'] });
    expect(loose.check('config', 'get')).toBeNull();
    expect(loose.check('config', 'set')).toMatch(/NOPERM/);
    expect(loose.check('flushall', undefined)).toBeNull();
    const admin = new CommandPolicy({ allowAdmin: true, allow: ['monitor', 'client|reply'] });
    expect(admin.check('config', 'set')).toBeNull();
    expect(policy.check('monitor', undefined)).toMatch(/NOPERM .*@admin/);
    expect(admin.check('monitor', undefined)).toBeNull();
    expect(new CommandPolicy({ allow: ['monitor'] }).check('monitor', undefined)).toBeNull();
    expect(policy.check('client', 'reply')).toBeNull();
    expect(admin.check('sync', undefined)).toMatch(/does not forward/);
  });
});
