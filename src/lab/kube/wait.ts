/** Polling with a deadline, for conditions the lab waits on (cluster formed, failover done). */
import { LabError } from '../errors.js';
import { delay } from '../process.js';

/** Thrown by a {@link waitFor} check to give up at once (the condition can no longer be met). */
export class GiveUpWaiting extends LabError {}

/**
 * Calls `check` every `pollMs` until it returns a value other than undefined, and returns it.
 * A check that throws counts as "not yet", except with {@link GiveUpWaiting}, rethrown at once. After `timeoutMs` rejects with a LabError naming
 * `what` and the last failure.
 */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs: number,
  pollMs = 150,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = 'condition not met';
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) {
        return value;
      }
    } catch (error) {
      if (error instanceof GiveUpWaiting) {
        throw error;
      }
      last = (error as Error).message;
    }
    if (Date.now() >= deadline) {
      throw new LabError(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${last})`);
    }
    await delay(pollMs);
  }
}

/** Parses `name:value` lines (INFO, CLUSTER INFO) into a map; `#` section lines are skipped. */
export function parseInfo(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0 && !line.startsWith('#')) {
      fields.set(line.slice(0, colon), line.slice(colon + 1).trim());
    }
  }
  return fields;
}

/** Parses redis-cli's one-item-per-line rendering of a flat `name value name value` reply. */
export function parseFlatPairs(text: string): Map<string, string> {
  const lines = text.split(/\r?\n/);
  const fields = new Map<string, string>();
  for (let i = 0; i + 1 < lines.length; i += 2) {
    fields.set(lines[i], lines[i + 1]);
  }
  return fields;
}
