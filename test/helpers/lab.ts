/**
 * Vitest helpers over src/lab. `useServer(options)` starts one redis-server for the file in
 * beforeAll and stops it in afterAll; when any test of the file failed, the server's directory
 * (config, log, certificates) is kept and its path printed.
 */
import { readFileSync } from 'node:fs';
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

/**
 * Whether `pid` is a live process. A killed child whose parent already exited stays a zombie until
 * init reaps it, and `process.kill(pid, 0)` still succeeds on a zombie: treat zombies as dead and
 * give the reaper up to `graceMs`.
 */
export async function isAlive(pid: number, graceMs = 2_000): Promise<boolean> {
  const deadline = Date.now() + graceMs;
  for (;;) {
    if (!runningOrStopped(pid)) {
      return false;
    }
    if (Date.now() >= deadline) {
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function runningOrStopped(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    // Field 3 of /proc/PID/stat, after the parenthesised command name.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}
