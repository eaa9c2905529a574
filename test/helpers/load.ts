/**
 * A steady command load (~`rate` commands/s across all slots) for fault tests: records every outcome,
 * so a test can check that nothing stays pending, count errors and measure when the last one happened.
 */
import type { RedisClient } from '../../src/client/index.js';

export interface LoadReport {
  sent: number;
  ok: number;
  errors: number;
  errorCodes: Record<string, number>;
  /** performance.now() of the last failed or slow (> slowMs) command completion. */
  lastTroubleAt: number;
  pending: number;
}

export interface Load {
  readonly report: LoadReport;
  /** Stops issuing and waits (up to `timeoutMs`) until every issued command settled. */
  stop(timeoutMs?: number): Promise<LoadReport>;
  /** Resets counters (e.g. after warming up). */
  reset(): void;
}

export function startLoad(client: RedisClient, rate = 1000, slowMs = 500): Load {
  const report: LoadReport = { sent: 0, ok: 0, errors: 0, errorCodes: {}, lastTroubleAt: 0, pending: 0 };
  const perTick = Math.max(1, Math.round(rate / 100));
  let counter = 0;
  const timer = setInterval(() => {
    for (let i = 0; i < perTick; i++) {
      const key = `load:${counter++ % 5000}`;
      const started = performance.now();
      const command = counter % 2 === 0 ? client.call('SET', key, String(counter)) : client.call('GET', key);
      report.sent++;
      report.pending++;
      command.then(
        () => {
          report.pending--;
          report.ok++;
          if (performance.now() - started > slowMs) report.lastTroubleAt = performance.now();
        },
        (error: { code?: string }) => {
          report.pending--;
          report.errors++;
          const code = error.code ?? 'unknown';
          report.errorCodes[code] = (report.errorCodes[code] ?? 0) + 1;
          report.lastTroubleAt = performance.now();
        },
      );
    }
  }, 10);
  return {
    report,
    async stop(timeoutMs = 20_000): Promise<LoadReport> {
      clearInterval(timer);
      const deadline = performance.now() + timeoutMs;
      while (report.pending > 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      return report;
    },
    reset(): void {
      Object.assign(report, { sent: 0, ok: 0, errors: 0, errorCodes: {}, lastTroubleAt: 0 });
    },
  };
}
