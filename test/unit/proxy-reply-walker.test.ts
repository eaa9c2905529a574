/**
 * The proxy's reply walker without sockets: backend bytes in, client bytes out. Deep replies stream in
 * constant memory; CLIENT REPLY and MONITOR keep every reply paired with its request (the pairing is
 * observed through 'replaced' entries: a reply paired with one comes out as its replacement).
 */
import { describe, expect, it } from 'vitest';
import { rewriteMonitorLine } from '../../src/proxy/monitor-rewrite.js';
import { type Pending, type ReplySink, ReplyWalker } from '../../src/proxy/reply-walker.js';
import type { RequestInfo } from '../../src/proxy/request-parser.js';

interface Harness {
  walker: ReplyWalker;
  /** Every part written, in order. */
  parts: Buffer[];
  out(): string;
  failures: unknown[];
}

function harness(rewrite?: (entry: Pending, bytes: Buffer) => Buffer): Harness {
  const parts: Buffer[] = [];
  const failures: unknown[] = [];
  const sink: ReplySink = {
    write: (written) => parts.push(...written),
    rewrite: (entry, bytes) => (rewrite === undefined ? bytes : rewrite(entry, bytes)),
    backendAuthFailed: () => failures.push('auth'),
    failed: (error) => failures.push(error),
    suspendedChanged: () => {},
  };
  const walker = new ReplyWalker(sink, { maxRewriteBytes: 1 << 20, rewriteEvents: false, nodeLabel: 'n' });
  return { walker, parts, failures, out: () => Buffer.concat(parts).toString('latin1') };
}

const req = (name: string, sub = ''): RequestInfo => ({ name, sub, argc: 2 });
/** The proxy answering a refused request: the server's reply to the substitute is replaced. */
const refused = (text: string): Pending => ({ kind: 'replaced', replacement: Buffer.from(`-${text}\r\n`) });

describe('deep replies', () => {
  it('forwards a reply nested 100,000 deep, fed in small chunks, unchanged and without holding bytes', () => {
    const depth = 100_000;
    const reply = Buffer.from(`${'*1\r\n'.repeat(depth)}-ERR reached lua stack limit\r\n`);
    const { walker, parts, failures, out } = harness();
    walker.request(req('eval'));
    walker.request(req('ping'));
    const scanner = (walker as unknown as { scanner: { remaining: number[] } }).scanner;
    let widest = 0;
    let heldOrCopied = 0;
    for (let pos = 0; pos < reply.length; pos += 7) {
      const chunk = reply.subarray(pos, Math.min(reply.length, pos + 7));
      const before = parts.length;
      walker.feed(chunk);
      // Each chunk leaves at once, as the same bytes (a slice, never a copy): nothing is buffered.
      if (parts.length !== before + 1 || parts[before].buffer !== chunk.buffer) heldOrCopied++;
      widest = Math.max(widest, scanner.remaining.length);
    }
    expect(heldOrCopied).toBe(0);
    // The count stack is run-length encoded: one entry for 100,000 levels of `*1`.
    expect(widest).toBe(1);
    expect(failures).toEqual([]);
    expect(out()).toBe(reply.toString('latin1'));
    expect(walker.pendingCount).toBe(1);
    walker.feed(Buffer.from('+PONG\r\n'));
    expect(walker.pendingCount).toBe(0);
  });

  it('walks 100,000 levels of other shapes without recursion', () => {
    const depth = 100_000;
    // Each level: a map whose first value is the next level, then a second pair.
    const reply = Buffer.from(`${'%2\r\n+k\r\n'.repeat(depth)}:0\r\n${'+k2\r\n:2\r\n'.repeat(depth)}`);
    const { walker, failures, out } = harness();
    walker.request(req('eval'));
    for (let pos = 0; pos < reply.length; pos += 4096) walker.feed(reply.subarray(pos, pos + 4096));
    expect(failures).toEqual([]);
    expect(out()).toBe(reply.toString('latin1'));
    expect(walker.pendingCount).toBe(0);
  });
});

describe('CLIENT REPLY', () => {
  it('OFF: nothing is paired until ON; a refused command in between gets no reply, as on the server', () => {
    const { walker, out } = harness();
    walker.clientReply('off');
    walker.request(req('set'));
    walker.expect(refused('NOPERM no'));
    walker.clientReply('skip'); // does nothing while OFF
    walker.clientReply('on');
    walker.expect(refused('NOPERM later'));
    walker.request(req('get'));
    expect(walker.pendingCount).toBe(3);
    walker.feed(Buffer.from('+OK\r\n-ERR unknown command\r\n$1\r\nv\r\n'));
    expect(out()).toBe('+OK\r\n-NOPERM later\r\n$1\r\nv\r\n');
    expect(walker.pendingCount).toBe(0);
  });

  it('SKIP: the next command only, a refused one included; SKIP SKIP skips the command after', () => {
    const { walker, out } = harness();
    walker.clientReply('skip');
    walker.expect(refused('NOPERM skipped'));
    walker.expect(refused('NOPERM answered'));
    walker.clientReply('skip');
    walker.clientReply('skip');
    walker.request(req('ping'));
    walker.request(req('get'));
    walker.feed(Buffer.from('-ERR unknown command\r\n$1\r\nv\r\n'));
    expect(out()).toBe('-NOPERM answered\r\n$1\r\nv\r\n');
    expect(walker.pendingCount).toBe(0);
  });

  it('SKIP then ON: ON is answered; RESET turns OFF back on, and is itself skipped after SKIP', () => {
    const { walker, out } = harness();
    walker.clientReply('skip');
    walker.clientReply('on');
    walker.clientReply('off');
    walker.request(req('reset'));
    walker.clientReply('skip');
    walker.request(req('reset'));
    walker.expect(refused('NOPERM after'));
    walker.feed(Buffer.from('+OK\r\n+RESET\r\n-ERR unknown command\r\n'));
    expect(out()).toBe('+OK\r\n+RESET\r\n-NOPERM after\r\n');
    expect(walker.pendingCount).toBe(0);
  });

  it('pipelined with MULTI: queued commands and EXEC are paired as usual once replies are on', () => {
    const { walker, out } = harness();
    walker.clientReply('skip');
    walker.request(req('multi')); // skipped: no +OK
    walker.request(req('ping'));
    walker.expect(refused('NOPERM in multi'));
    walker.request(req('exec'));
    walker.request(req('get'));
    walker.feed(Buffer.from('+QUEUED\r\n-ERR unknown command\r\n-EXECABORT x\r\n$1\r\nv\r\n'));
    expect(out()).toBe('+QUEUED\r\n-NOPERM in multi\r\n-EXECABORT x\r\n$1\r\nv\r\n');
    expect(walker.pendingCount).toBe(0);
  });

  it('subscribe commands count as the command a SKIP skips', () => {
    const { walker, out } = harness();
    walker.request({ name: 'hello', sub: '3', argc: 2 });
    walker.clientReply('skip');
    walker.request(req('subscribe'));
    walker.expect(refused('NOPERM paired'));
    walker.feed(
      Buffer.from('%1\r\n+proto\r\n:3\r\n>3\r\n+subscribe\r\n+ch\r\n:1\r\n-ERR unknown command\r\n'),
    );
    expect(out()).toBe('%1\r\n+proto\r\n:3\r\n>3\r\n+subscribe\r\n+ch\r\n:1\r\n-NOPERM paired\r\n');
  });
});

describe('MONITOR', () => {
  const line = (peer: string, args: string): string => `+1796397137.306484 [0 ${peer}] ${args}\r\n`;

  it('stream lines are unpaired and rewritten; other replies keep their pairing; RESET ends it', () => {
    const { walker, out } = harness((entry, bytes) =>
      entry.kind === 'monitor-line' ? rewriteMonitorLine(bytes, '10.0.0.9:5000', '192.0.2.1:40000') : bytes,
    );
    walker.request(req('monitor'));
    walker.expect(refused('NOPERM refused'));
    walker.request(req('ping'));
    walker.request(req('reset'));
    walker.request(req('ping'));
    walker.feed(
      Buffer.from(
        `+OK\r\n${line('10.0.0.7:6000', '"set" "k" "v"')}-ERR unknown command\r\n` +
          `${line('10.0.0.9:5000', '"ping"')}+PONG\r\n${line('lua', '"get" "k"')}+RESET\r\n+PONG\r\n`,
      ),
    );
    expect(out()).toBe(
      `+OK\r\n${line('?:0', '"set" "k" "v"')}-NOPERM refused\r\n${line('192.0.2.1:40000', '"ping"')}` +
        `+PONG\r\n${line('lua', '"get" "k"')}+RESET\r\n+PONG\r\n`,
    );
    expect(walker.monitoring).toBe(false);
    expect(walker.pendingCount).toBe(0);
  });

  it('rewrites IPv6 and unix peers; leaves lines without a client field alone', () => {
    const v6 = Buffer.from('+1.5 [3 [::1]:6000] "get" "]x"\r\n');
    expect(rewriteMonitorLine(v6, undefined, 'c:1').toString()).toBe('+1.5 [3 ?:0] "get" "]x"\r\n');
    const unix = Buffer.from('+1.5 [0 unix:/tmp/r.sock] "ping"\r\n');
    expect(rewriteMonitorLine(unix, undefined, 'c:1').toString()).toBe('+1.5 [0 ?:0] "ping"\r\n');
    const plain = Buffer.from('+OK\r\n');
    expect(rewriteMonitorLine(plain, undefined, 'c:1')).toBe(plain);
  });
});
