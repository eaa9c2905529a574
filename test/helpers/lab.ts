/**
 * Vitest helpers over src/lab. `useServer(options)` starts one redis-server for the file in
 * beforeAll and stops it in afterAll; when any test of the file failed, the server's directory
 * (config, log, certificates) is kept and its path printed.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type RedisServerHandle, type StandaloneOptions, startServer } from '../../src/lab/index.js';

export interface ServerFixture {
  /** The running server; throws when read outside a test or hook. */
  readonly server: RedisServerHandle;
}

export function useServer(options: StandaloneOptions = {}): ServerFixture {
  let handle: RedisServerHandle | undefined;
  let failed = false;

  beforeAll(async () => {
    handle = await startServer(options);
  });

  beforeEach(({ onTestFailed }) => {
    onTestFailed(() => {
      failed = true;
    });
  });

  afterAll(async () => {
    if (handle === undefined) {
      return;
    }
    await handle.stop({ keepFiles: failed });
    if (failed) {
      console.error(`[lab] a test failed: kept redis-server files in ${handle.dir} (log: ${handle.logFile})`);
    }
  });

  return {
    get server(): RedisServerHandle {
      if (handle === undefined) {
        throw new Error('useServer: the server is not started yet (read it inside a test or hook)');
      }
      return handle;
    },
  };
}
