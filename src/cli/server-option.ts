/** `--server DIR|NAME` for `lab up` and `demo`: the same setting as `SLOTBRIDGE_SERVER`, checked at once. */
import { LabError, resolveServerBuild, SERVER_SETTING, type ServerBuild } from '../lab/index.js';
import { UsageError } from './usage.js';

/**
 * Resolves `value` (undefined: the environment's `SLOTBRIDGE_SERVER`, else PATH) and makes it the lab's
 * setting for this process, so that every lab server and redis-cli it starts uses that build.
 */
export function applyServerOption(value: string | undefined): ServerBuild {
  const setting = value ?? process.env[SERVER_SETTING];
  let build: ServerBuild;
  try {
    build = resolveServerBuild(setting);
  } catch (error) {
    if (error instanceof LabError) {
      throw new UsageError(value === undefined ? error.message : `--server: ${error.message}`);
    }
    throw error;
  }
  if (value !== undefined) {
    process.env[SERVER_SETTING] = value;
  }
  return build;
}
