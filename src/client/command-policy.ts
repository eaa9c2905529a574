import { isRetryableOnReconnect, lookupCommand } from '../commands/command-table.js';
import type { Availability } from '../commands/server-version.js';
import type { SendOptions } from '../connection/index.js';
import type { RespArg } from '../resp/index.js';

/**
 * Per-command send options derived from the command table: whether re-sending after a connection drop
 * is safe, and no client-side timeout for blocking commands (they wait on the server by design).
 */
export function sendOptionsFor(
  args: readonly RespArg[],
  retryOnReconnect: 'readonly' | 'all' | 'none',
  overrides:
    | { timeout?: number; returnBuffers?: boolean; retryable?: boolean; availability?: Availability }
    | undefined,
): SendOptions {
  const info = lookupCommand(args);
  const options: SendOptions = {};
  if (overrides?.retryable !== undefined) options.retryable = overrides.retryable;
  else if (retryOnReconnect === 'all') options.retryable = true;
  else if (retryOnReconnect === 'readonly')
    options.retryable = info !== undefined && isRetryableOnReconnect(info);
  if (overrides?.timeout !== undefined) options.timeout = overrides.timeout;
  else if (info?.isBlocking) options.timeout = 0;
  if (overrides?.returnBuffers) options.returnBuffers = true;
  if (overrides?.availability !== undefined) options.availability = overrides.availability;
  return options;
}
