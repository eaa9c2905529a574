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

/**
 * Makes the lab start Valkey 8 in this test process: its bin first on PATH and SLOTBRIDGE_SERVER pointing
 * at it (the setting wins over PATH, and the server matrix sets it to each build in turn).
 */
export function useValkeyOnPath(): () => void {
  const before = process.env.PATH;
  const setting = process.env.SLOTBRIDGE_SERVER;
  process.env.PATH = `${valkeyBin()}:${before ?? ''}`;
  process.env.SLOTBRIDGE_SERVER = valkeyBin();
  return () => {
    process.env.PATH = before;
    if (setting === undefined) delete process.env.SLOTBRIDGE_SERVER;
    else process.env.SLOTBRIDGE_SERVER = setting;
  };
}
