/**
 * The proxy's periodic topology refresh, shared by a single proxy and a worker group's primary: a failed
 * refresh is logged and the next tick tries again (the timer never keeps the process alive).
 */
export function startRefreshTimer(
  intervalMs: number,
  refresh: () => Promise<unknown>,
  log: (line: string) => void,
): NodeJS.Timeout | undefined {
  if (intervalMs <= 0) return undefined;
  const timer = setInterval(() => {
    refresh().catch((error: unknown) => {
      log(`warning: topology refresh failed: ${error instanceof Error ? error.message : String(error)}`);
    });
  }, intervalMs);
  timer.unref();
  return timer;
}
