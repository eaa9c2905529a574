/**
 * slotbridge/bullmq from the kube lab's laptop namespace (needs root): the laptop reaches only the
 * ingress 198.19.0.1, the cluster announces 198.18.0.x addresses; the client finds every node with
 * `addresses.discover`. BullMQ's feature tour, then 1,000 jobs with the queue's primary failed over.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import calculateSlot from 'cluster-key-slot';
import { describe, expect, it } from 'vitest';
import { type LoadResult, withReference, writeResults } from '../helpers/bullmq-workloads.js';
import { kubeSkipReason, useKubeLab } from '../helpers/kube/kube-lab.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const LAPTOP_BULLMQ = path.join(here, '../helpers/kube/laptop-bullmq.ts');
const PREFIX = '{bq-kube}';

describe.skipIf(kubeSkipReason !== undefined)('slotbridge/bullmq from the laptop namespace', () => {
  const fixture = useKubeLab({ sentinel: false });

  it('discover: BullMQ feature tour and 1,000 jobs across a failover of the queue primary', async () => {
    const { lab } = fixture;
    const syncDir = mkdtempSync(path.join(tmpdir(), 'sb-kube-bullmq-'));
    const jobs = 1_000;
    try {
      let finished = false;
      const running = lab
        .runInLaptop(
          LAPTOP_BULLMQ,
          [
            JSON.stringify({
              config: {
                cluster: { hosts: ['198.19.0.1:6379'] },
                addresses: { discover: { host: '198.19.0.1', ports: lab.clusterPortRange } },
              },
              prefix: PREFIX,
              jobs,
              syncDir,
            }),
          ],
          { timeoutMs: 180_000 },
        )
        .finally(() => {
          finished = true;
        });
      while (!existsSync(path.join(syncDir, 'ready')) && !finished) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      let promoted = '';
      if (!finished) {
        const slot = calculateSlot(PREFIX);
        const owner = (await lab.clusterState()).find(
          (node) => node.role === 'primary' && node.slots.some(([from, to]) => slot >= from && slot <= to),
        );
        ({ promoted } = await lab.failoverClusterPrimary(owner?.internal));
        writeFileSync(path.join(syncDir, 'go'), '');
      }
      const result = await running;
      expect(result.code, result.stderr.slice(-3000)).toBe(0);
      const { tour, load } = JSON.parse(result.stdout) as { tour: string; load?: LoadResult };
      console.log('[bullmq kube]', JSON.stringify({ tour, load, promoted }), result.stderr.slice(-2000));
      expect(tour).toBe('ok');
      expect(promoted).not.toBe('');
      if (load !== undefined && withReference)
        writeResults('kube', [load], 'redis-server on PATH (kube lab)');
      expect(load).toMatchObject({ completed: jobs, failed: 0, stuckActive: 0, completionEventsSeen: jobs });
    } finally {
      rmSync(syncDir, { recursive: true, force: true });
    }
  }, 300_000);
});
