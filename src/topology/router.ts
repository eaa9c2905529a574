/**
 * The one place where a failed command is sent again. A topology answers "what does this failure mean"
 * ({@link Verdict}); {@link followRoute} applies the answer within the command's {@link Budget}, for every
 * path: routed commands (cluster-router.ts), blocking commands, transactions, isolated sections and
 * subscriptions. The paths differ only in their route: a slot's owner, or a pinned connection.
 */
import { RedirectError, type ReplyError } from '../resp/index.js';
import { isTransientRefusal, refusalDelay } from './transient-refusal.js';

/** What a failure means, as a topology judges it. */
export type Verdict =
  /** The slot moved for good and the topology learnt its owner: send again to the route's owner. */
  | { readonly kind: 'moved' }
  /** The slot is migrating and this key is on the importing node: send there once, ASKING first. */
  | { readonly kind: 'ask'; readonly redirect: RedirectError }
  /** Refused for now (TRYAGAIN, CLUSTERDOWN, LOADING, ...): pause, then send again to the route's owner. */
  | { readonly kind: 'wait'; readonly ms: number }
  /** Not run, the owner changed or is being found (connection lost unwritten, READONLY): send again. */
  | { readonly kind: 'reroute' }
  /** Final: the caller gets the error (or `error` in its place, e.g. one that explains more). */
  | { readonly kind: 'fail'; readonly error?: unknown };

/** What a command may still spend on redirects and retries. */
export interface Budget {
  /** Redirects and retries left (`maxRedirections`): every verdict but `fail` takes one. */
  redirects: number;
  /** `performance.now()` after which no attempt starts (0: none). */
  readonly deadline: number;
  /** Attempts made so far (for the refusal pause's backoff). */
  tries: number;
}

/** A budget of `maxRedirections` redirects and retries, ending `timeout` ms from now (0: no deadline). */
export function newBudget(maxRedirections: number, timeout = 0): Budget {
  return { redirects: maxRedirections, deadline: timeout > 0 ? performance.now() + timeout : 0, tries: 0 };
}

/** Ms left before the budget's deadline (Infinity without one). */
export function remaining(budget: Budget): number {
  return budget.deadline === 0 ? Number.POSITIVE_INFINITY : budget.deadline - performance.now();
}

/**
 * The meaning every topology shares: MOVED, ASK, the transient refusals of transient-refusal.ts (one
 * pause each) and READONLY (a demoted primary: re-route); anything else fails.
 */
export function commonVerdict(error: unknown, tries: number): Verdict {
  if (error instanceof RedirectError) {
    return error.kind === 'ASK' ? { kind: 'ask', redirect: error } : { kind: 'moved' };
  }
  if (isTransientRefusal(error)) return { kind: 'wait', ms: refusalDelay(error as ReplyError, tries) };
  if (isReadOnlyRefusal(error)) return { kind: 'reroute' };
  return { kind: 'fail' };
}

function isReadOnlyRefusal(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'READONLY';
}

/** A route: how to send the command (again), and how a failure is judged. */
export interface Route<T> {
  /**
   * Sends the command to the route's current owner, or, with `ask`, once to the node the ASK names,
   * ASKING and the command in one write. A pinned route (a connection held for its state) cannot follow
   * a redirect: its judge says `fail` with an error saying so.
   */
  send(ask: RedirectError | undefined): Promise<T>;
  /** What `error` means; the topology learns from it (a MOVED's owner, a refresh) before answering. */
  judge(error: unknown, budget: Budget): Verdict | Promise<Verdict>;
  /** The error once the budget is spent (`last`: the last failure). */
  exhausted(last: unknown, budget: Budget): Error;
}

/**
 * The loop every path uses: send, judge the failure, pause when told, send again; until success, a
 * final verdict, no redirects left, or the deadline. `first`, when given, is the failure of a send made
 * before (the fast path writes without awaiting anything).
 */
export async function followRoute<T>(
  route: Route<T>,
  budget: Budget,
  first?: { error: unknown },
): Promise<T> {
  let ask: RedirectError | undefined;
  let failure: { error: unknown } | undefined = first;
  for (;;) {
    if (failure === undefined) {
      try {
        return await route.send(ask);
      } catch (error) {
        failure = { error };
      }
    }
    const error = failure.error;
    failure = undefined;
    const verdict = await route.judge(error, budget);
    budget.tries++;
    if (verdict.kind === 'fail') throw verdict.error ?? error;
    if (--budget.redirects < 0) throw route.exhausted(error, budget);
    ask = verdict.kind === 'ask' ? verdict.redirect : undefined;
    if (verdict.kind === 'wait') {
      if (remaining(budget) <= verdict.ms) throw error;
      await delay(verdict.ms);
    } else if (remaining(budget) <= 0) {
      throw error;
    }
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
