import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { netnsUnavailableReason } from '../../src/lab/kube/index.js';

const run = promisify(execFile);
const inKubeLab = netnsUnavailableReason() === undefined;

describe('slotbridge demo (the README command)', () => {
  it('runs every section against real servers and cleans up', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'demo'], {
      timeout: 120_000,
    });
    expect(stdout).toMatch(/== Single server ==/);
    expect(stdout).toMatch(/GET greeting\s+-> "hello"/);
    expect(stdout).toMatch(/pipeline of 1000 INCR\s+-> last 1000/);
    expect(stdout).toMatch(/ReplyError code=WRONGTYPE/);
    expect(stdout).toMatch(/SET after restart\s+-> OK/);

    const cluster = section(stdout, '== Redis Cluster');
    expect(cluster).toMatch(/GET user:1\s+-> "Ada"/);
    expect(cluster).toMatch(/pipeline of 1000 SET\s+-> 1000 OK/);
    expect(cluster).toMatch(/GET user:1 after failover -> "Ada"/);
    expect(cluster).toMatch(/SET user:2 Bob\s+-> OK/);
    expect(cluster).toMatch(/lab: cluster stopped/);

    const sentinel = section(stdout, '== Redis Sentinel');
    expect(sentinel).toMatch(/(127\.0\.0\.1:\d+) is the new primary/);
    expect(sentinel).toMatch(/SET greeting again\s+-> OK/);
    expect(sentinel).toMatch(/GET greeting\s+-> "again"/);
    expect(sentinel).toMatch(/lab: sentinel group stopped/);

    const side = section(stdout, "== The seed's problem and our fix, side by side");
    expect(side).toMatch(/-> UnreachableNodeError ERR_NODE_UNREACHABLE after \d+ ms/);
    expect(side).toMatch(/Cannot reach node [0-9a-f]{12}, master, slots \d+/);
    expect(side).toMatch(/Ways out: addresses\.map, addresses\.discover, or `slotbridge proxy`/);
    expect(side).toMatch(/pipeline of one SET per slot -> 16384\/16384 OK/);
    if (inKubeLab) {
      expect(side).toMatch(/announced it\s+as 198\.18\.0\.1[1-6]:6379/);
      expect(side).toMatch(/ENETUNREACH/);
      expect(side).toMatch(/discover: \{ host: '198\.19\.0\.1', ports: '30001-30006' \}/);
      // Any client through the proxy: redis-cli -c is redirected to proxy ports on the ingress only.
      expect(side).toMatch(/\$ redis-cli -c -h 198\.19\.0\.1 -p 31000/);
      expect(side).toMatch(/-> Redirected to slot \[\d+\] located at 198\.19\.0\.1:310\d\d/);
      expect(side).not.toMatch(/located at 198\.18\./);
      expect(side.match(/^ {4}v$/gm)).toHaveLength(4);
      expect(side).toMatch(/lab: kube lab stopped/);
    } else {
      expect(side).toMatch(/no network namespaces here/);
      expect(side).toMatch(/announced it\s+as 127\.0\.0\.2:\d+/);
      expect(side).toMatch(/ECONNREFUSED/);
      expect(side).toMatch(/lab: cluster stopped/);
    }
    expect(stdout).toMatch(/every server it started is stopped/);
  }, 150_000);
});

/** The text of the section whose title starts with `title`, up to the next section or the end. */
function section(stdout: string, title: string): string {
  const start = stdout.indexOf(title);
  expect(start, `section "${title}"`).toBeGreaterThanOrEqual(0);
  const next = stdout.indexOf('\n== ', start + title.length);
  return stdout.slice(start, next < 0 ? undefined : next);
}
