/**
 * The one loop (topology/router.ts): an ASK is followed once with the redirect handed to send(), a MOVED
 * and a refusal send to the route's owner again, the budget ends it with the route's own error, and a
 * final verdict rejects with the error the judge chose.
 */
import { describe, expect, it } from 'vitest';
import { createReplyError, type RedirectError } from '../../src/resp/index.js';
import { commonVerdict, followRoute, newBudget, type Route } from '../../src/topology/router.js';

function route(replies: unknown[], sent: (RedirectError | undefined)[]): Route<string> {
  return {
    send: async (ask) => {
      sent.push(ask);
      const next = replies.shift();
      if (next instanceof Error) throw next;
      return String(next);
    },
    judge: (error, budget) => commonVerdict(error, budget.tries),
    exhausted: (last) => new Error(`exhausted after ${String((last as Error).message)}`),
  };
}

describe('followRoute', () => {
  it('follows ASK once to the node it names, then MOVED back to the owner', async () => {
    const ask = createReplyError('ASK 12 127.0.0.1:7001');
    const moved = createReplyError('MOVED 12 127.0.0.1:7002');
    const sent: (RedirectError | undefined)[] = [];
    const reply = await followRoute(route([ask, moved, 'value'], sent), newBudget(16));
    expect(reply).toBe('value');
    expect(sent.map((a) => a?.message)).toEqual([undefined, 'ASK 12 127.0.0.1:7001', undefined]);
  });

  it('pauses on a transient refusal and sends again', async () => {
    const sent: (RedirectError | undefined)[] = [];
    const reply = await followRoute(route([createReplyError('TRYAGAIN busy'), 'ok'], sent), newBudget(16));
    expect(reply).toBe('ok');
    expect(sent).toHaveLength(2);
  });

  it('stops when the budget is spent, with the route error', async () => {
    const moved = () => createReplyError('MOVED 1 127.0.0.1:7000');
    const sent: (RedirectError | undefined)[] = [];
    const replies = [moved(), moved(), moved(), moved()];
    await expect(followRoute(route(replies, sent), newBudget(2))).rejects.toThrow(
      'exhausted after MOVED 1 127.0.0.1:7000',
    );
    expect(sent).toHaveLength(3);
  });

  it('rejects at once on a final error, and with the error a judge substitutes', async () => {
    const sent: (RedirectError | undefined)[] = [];
    const wrong = createReplyError('WRONGTYPE Operation against a key');
    await expect(followRoute(route([wrong], sent), newBudget(16))).rejects.toBe(wrong);
    const substituted = new Error('explained');
    const judged: Route<string> = {
      ...route([createReplyError('ASK 1 127.0.0.1:7000')], []),
      judge: () => ({ kind: 'fail', error: substituted }),
    };
    await expect(followRoute(judged, newBudget(16))).rejects.toBe(substituted);
  });

  it('does not pause past the deadline', async () => {
    const refusal = createReplyError('CLUSTERDOWN The cluster is down');
    const budget = newBudget(16, 1);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await expect(followRoute(route([refusal, 'late'], []), budget)).rejects.toBe(refusal);
  });
});
