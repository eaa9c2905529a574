/**
 * A random first port for a proxy's port range, below the OS's ephemeral ports (where lab servers get
 * theirs) and in a band of its own per vitest worker: two test files running at once never draw
 * overlapping ranges (a proxy with a shared port table does not move a node whose port is busy).
 * `width` is the largest range a caller takes from it (at most 100).
 */
export function randomRangeStart(width = 100): number {
  const worker = Math.max(1, Number(process.env.VITEST_POOL_ID ?? 1));
  const band = 10_000 + ((worker - 1) % 2) * 11_000;
  return band + Math.floor(Math.random() * 100) * Math.max(width, 100);
}
