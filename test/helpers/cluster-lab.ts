/**
 * `useCluster()` starts one lab Redis Cluster for a test file (beforeAll) and stops it (afterAll),
 * keeping its files when a test failed.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type ClusterOptions, type LabCluster, startCluster } from '../../src/lab/index.js';

export interface ClusterFixture {
  readonly cluster: LabCluster;
}

export function useCluster(options: ClusterOptions = {}): ClusterFixture {
  let handle: LabCluster | undefined;
  let failed = false;
  beforeAll(async () => {
    handle = await startCluster(options);
  }, 60_000);
  beforeEach(({ onTestFailed }) => {
    onTestFailed(() => {
      failed = true;
    });
  });
  afterAll(async () => {
    if (handle === undefined) return;
    if (failed) {
      console.error(
        `[lab] a cluster test failed; node logs: ${handle.nodes.map((n) => n.server.logFile).join(' ')}`,
      );
    }
    await handle.stop();
  }, 30_000);
  return {
    get cluster(): LabCluster {
      if (handle === undefined) throw new Error('useCluster: the cluster is not started yet');
      return handle;
    },
  };
}
