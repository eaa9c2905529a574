import { RECONNECT_DEFAULTS } from '../defaults.js';

/**
 * How long to wait before each reconnect attempt. Modelled on the three shapes users know:
 * a constant delay, a linear ramp and an exponential backoff, each with optional jitter and a cap
 * on attempts. `delayFor` returns `undefined` once the policy gives up.
 */
export type ReconnectPolicy =
  | { kind: 'constant'; delay: number; maxAttempts?: number; jitter?: number }
  | { kind: 'linear'; delay: number; maxDelay?: number; maxAttempts?: number; jitter?: number }
  | { kind: 'exponential'; base: number; maxDelay?: number; maxAttempts?: number; jitter?: number };

/** Default: exponential from 50 ms doubling up to 2 s, 20% jitter, retrying forever (commands still time out). */
export const DEFAULT_RECONNECT_POLICY: ReconnectPolicy = RECONNECT_DEFAULTS;

/**
 * Delay in ms before reconnect attempt number `attempt` (1-based), or `undefined` to give up.
 * `random` is injectable so tests are deterministic.
 */
export function reconnectDelay(
  policy: ReconnectPolicy | false,
  attempt: number,
  random: () => number = Math.random,
): number | undefined {
  if (policy === false) return undefined;
  if (policy.maxAttempts !== undefined && attempt > policy.maxAttempts) return undefined;
  let delay: number;
  switch (policy.kind) {
    case 'constant':
      delay = policy.delay;
      break;
    case 'linear':
      delay = Math.min(policy.delay * attempt, policy.maxDelay ?? Number.POSITIVE_INFINITY);
      break;
    case 'exponential':
      delay = Math.min(policy.base * 2 ** (attempt - 1), policy.maxDelay ?? 30_000);
      break;
  }
  const jitter = policy.jitter ?? 0;
  if (jitter > 0) delay = delay * (1 - jitter + 2 * jitter * random());
  return Math.max(0, Math.round(delay));
}
