/**
 * The Valkey 8 build among the shared servers (../shared/servers next to the repository, or
 * /work/shared/servers): its bin directory, for tests that need what only Valkey reports (availability zones).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const CANDIDATES = [
  resolve(import.meta.dirname, '..', '..', '..', 'shared', 'servers', 'valkey-8.0.1', 'bin'),
  resolve(import.meta.dirname, '..', '..', '..', '..', 'shared', 'servers', 'valkey-8.0.1', 'bin'),
  '/work/shared/servers/valkey-8.0.1/bin',
];

export function valkeyBin(): string {
  const found = CANDIDATES.find((dir) => existsSync(join(dir, 'redis-server')));
  if (found === undefined) {
    throw new Error(`Valkey 8.0.1 binaries not found; looked in ${CANDIDATES.join(', ')}`);
  }
  return found;
}

/** Puts Valkey's bin first on PATH for this test process (the lab spawns redis-server from PATH). */
export function useValkeyOnPath(): () => void {
  const before = process.env.PATH;
  process.env.PATH = `${valkeyBin()}:${before ?? ''}`;
  return () => {
    process.env.PATH = before;
  };
}
