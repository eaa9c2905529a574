/**
 * A steady, bounded command load for failover tests: `rate` commands per second for `durationMs`, then it
 * stops by itself. Every command's issue time, settle time and outcome are recorded, so a test can check
 * that each one resolved or rejected and measure how long the client was unavailable.
 */
import type { RedisClient } from '../../src/client/index.js';

export interface Outcome {
  issuedAt: number;
  settledAt: number;
  ok: boolean;
  code?: string;
  kind: 'write' | 'read';
}

export interface LoadResult {
  outcomes: Outcome[];
  /** Commands still pending when the wait after the run ended (must be 0). */
  pending: number;
}

export async function runLoad(
  client: RedisClient,
  options: { durationMs: number; rate?: number; key: string; keys?: readonly string[]; settleMs?: number },
): Promise<LoadResult> {
  const rate = options.rate ?? 1_000;
  const tickMs = 10;
  const perTick = Math.max(1, Math.round((rate * tickMs) / 1_000));
  const outcomes: Outcome[] = [];
  const inFlight = new Set<Promise<void>>();
  const start = performance.now();
  let n = 0;
  while (performance.now() - start < options.durationMs) {
    for (let i = 0; i < perTick; i++) {
      const issuedAt = performance.now();
      const write = n % 2 === 0;
      // Several keys (a cluster: every shard); each INCR/GET pair goes to one key.
      const key =
        options.keys === undefined ? options.key : options.keys[Math.floor(n / 2) % options.keys.length];
      const sent = write ? client.incr(key) : client.get(key);
      n++;
      const tracked = sent.then(
        () => {
          outcomes.push({ issuedAt, settledAt: performance.now(), ok: true, kind: write ? 'write' : 'read' });
        },
        (error: { code?: string }) => {
          outcomes.push({
            issuedAt,
            settledAt: performance.now(),
            ok: false,
            code: error?.code ?? 'unknown',
            kind: write ? 'write' : 'read',
          });
        },
      );
      inFlight.add(tracked);
      void tracked.finally(() => inFlight.delete(tracked));
    }
    await new Promise((resolve) => setTimeout(resolve, tickMs));
  }
  // Every command must settle on its own (command timeouts bound this); give them settleMs.
  const settleMs = options.settleMs ?? 15_000;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.allSettled([...inFlight]),
    new Promise((resolve) => {
      timer = setTimeout(resolve, settleMs);
    }),
  ]);
  clearTimeout(timer);
  return { outcomes, pending: inFlight.size };
}

export interface LoadReport {
  sent: number;
  ok: number;
  errors: Record<string, number>;
  /** ms from the fault to the settle time of the first success after the last failure (0: no failure). */
  recoveredAfterFaultMs: number;
  /** ms from the fault to the first failure and to the last failure, when any. */
  firstErrorMs?: number;
  lastErrorMs?: number;
  /** Longest time one command waited for its outcome. */
  maxLatencyMs: number;
  /** ms from the fault until the last command that waited > 250 ms settled: when service was normal again. */
  resumedAfterFaultMs: number;
  /** Acknowledged writes (INCR). */
  okWrites: number;
  /** Writes that were rejected (some may still have been applied: ERR_CONNECTION_LOST). */
  failedWrites: number;
}

/** Summarises outcomes relative to `faultAt` (performance.now()). */
export function summarize(result: LoadResult, faultAt: number): LoadReport {
  const sorted = [...result.outcomes].sort((a, b) => a.issuedAt - b.issuedAt);
  const errors: Record<string, number> = {};
  let ok = 0;
  let lastFailure = -1;
  let firstError: number | undefined;
  let lastError: number | undefined;
  sorted.forEach((outcome, index) => {
    if (outcome.ok) {
      ok++;
      return;
    }
    errors[outcome.code ?? 'unknown'] = (errors[outcome.code ?? 'unknown'] ?? 0) + 1;
    lastFailure = index;
    firstError ??= outcome.settledAt - faultAt;
    lastError = Math.max(lastError ?? 0, outcome.settledAt - faultAt);
  });
  let recovered = 0;
  if (lastFailure >= 0) {
    const next = sorted.slice(lastFailure + 1).find((outcome) => outcome.ok);
    recovered = next === undefined ? Number.POSITIVE_INFINITY : next.settledAt - faultAt;
  }
  let maxLatency = 0;
  let resumed = 0;
  let okWrites = 0;
  let failedWrites = 0;
  for (const outcome of sorted) {
    if (!outcome.ok && outcome.kind === 'write') failedWrites++;
    const latency = outcome.settledAt - outcome.issuedAt;
    maxLatency = Math.max(maxLatency, latency);
    if (latency > 250) resumed = Math.max(resumed, outcome.settledAt - faultAt);
    if (outcome.ok && outcome.kind === 'write') okWrites++;
  }
  const report: LoadReport = {
    sent: sorted.length,
    ok,
    errors,
    recoveredAfterFaultMs: Math.round(recovered),
    maxLatencyMs: Math.round(maxLatency),
    resumedAfterFaultMs: Math.round(resumed),
    okWrites,
    failedWrites,
  };
  if (firstError !== undefined) report.firstErrorMs = Math.round(firstError);
  if (lastError !== undefined) report.lastErrorMs = Math.round(lastError);
  return report;
}
