/**
 * Server refusals that say "not now" rather than "no": the command did not run, and the same command
 * sent a little later (after the topology learnt what changed) will. One list and one pause for every
 * path that sends commands — normal commands, blocking commands, pub/sub, SCAN walks — so they all ride
 * out the same events (a cluster failing over, a slot migrating its keys, a node loading its data).
 */
import { ReplyError } from '../resp/index.js';

/** TRYAGAIN (a multi-key command while its slot migrates), CLUSTERDOWN (failover), LOADING, MASTERDOWN. */
const TRANSIENT_REFUSALS: ReadonlySet<string> = new Set(['TRYAGAIN', 'CLUSTERDOWN', 'LOADING', 'MASTERDOWN']);

/** True when `error` is a reply refusing the command for now (it did not run). */
export function isTransientRefusal(error: unknown): boolean {
  return error instanceof ReplyError && TRANSIENT_REFUSALS.has(error.code);
}

/**
 * Ms to wait before sending again after the `attempt`-th (0-based) transient refusal: TRYAGAIN clears in
 * milliseconds (keys moving), a failover or a load in a second or so.
 */
export function refusalDelay(error: ReplyError, attempt: number): number {
  if (error.code === 'TRYAGAIN') return Math.min(10 * 2 ** attempt, 200);
  return Math.min(100 * (attempt + 1), 1_000);
}

/** Whether the topology's view may be stale after this refusal (not TRYAGAIN: the slot's owner is unchanged). */
export function refusalMayMeanNewOwner(error: ReplyError): boolean {
  return error.code !== 'TRYAGAIN';
}
