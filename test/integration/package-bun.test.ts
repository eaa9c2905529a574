/**
 * The packed client under Bun (the `bun` devDependency: the binary the npm registry ships): servers are
 * started here, from Node (src/lab), and test/bun/client-under-bun.mjs runs under Bun in a fresh folder
 * where the package was installed from its tarball. Single server, cluster, sentinel, pub/sub, blocking,
 * TLS and keyPrefix must all answer; each check has a deadline inside the Bun script, so a hang is a
 * named failure, not a stuck run.
 */
import { copyFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SentinelGroupHandle, startSentinelGroup } from '../../src/lab/index.js';
import { useCluster } from '../helpers/cluster-lab.js';
import { useServer } from '../helpers/lab.js';
import { type PackedConsumer, packAndInstall, REPO, runIn } from './package-fixture.js';

const single = useServer({ tls: true });
const cluster = useCluster();
let sentinel: SentinelGroupHandle;
let consumer: PackedConsumer;

/** The Bun executable of the `bun` npm package (its bin entry is the native binary). */
function bunBinary(): string {
  const require = createRequire(join(REPO, 'package.json'));
  const pkg = require('bun/package.json') as { bin: Record<string, string> };
  return join(REPO, 'node_modules/bun', pkg.bin.bun);
}

beforeAll(async () => {
  [consumer, sentinel] = await Promise.all([packAndInstall(), startSentinelGroup({ replicas: 1 })]);
}, 120_000);

afterAll(async () => {
  await Promise.all([consumer?.cleanup(), sentinel?.stop()]);
}, 30_000);

describe('under Bun', () => {
  it('the Bun binary from the npm registry runs here', async () => {
    expect((await runIn(REPO, bunBinary(), ['--version'])).trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('the packed client serves every topology under Bun: single, cluster, sentinel, pub/sub, blocking, TLS', {
    timeout: 120_000,
  }, async () => {
    const script = join(consumer.dir, 'client-under-bun.mjs');
    await copyFile(join(REPO, 'test/bun/client-under-bun.mjs'), script);
    const lab = {
      single: single.server.port,
      tls: { port: single.server.tlsPort, ca: single.server.tls?.ca.toString() },
      cluster: cluster.cluster.seeds(),
      sentinel: { hosts: sentinel.sentinelAddresses(), name: sentinel.name },
    };
    const out = await runIn(consumer.dir, bunBinary(), [script], {
      SLOTBRIDGE_BUN_LAB: JSON.stringify(lab),
    });
    expect(JSON.parse(out.trim().split('\n').at(-1) ?? '{}')).toEqual({
      runtime: 'ok',
      single: 'ok',
      keyPrefix: 'ok',
      pubsub: 'ok',
      blocking: 'ok',
      tls: 'ok',
      cluster: 'ok',
      sentinel: 'ok',
    });
  });
});
