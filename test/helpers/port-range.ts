/**
 * A random first port for a proxy's port range, below the OS's ephemeral ports (where lab servers get
 * theirs) and in a band of its own per vitest worker: two test files running at once never draw
 * overlapping ranges (a proxy with a shared port table does not move a node whose port is busy).
 * The server matrix runs builds side by side (scripts/test-servers.ts): each of its
 * `SLOTBRIDGE_PORT_LANES` vitest runs gets its lane's share of the bands (`SLOTBRIDGE_PORT_LANE`).
 * `width` is the largest range a caller takes from it (at most 100).
 */
/** Bands per lane: at least vitest's workers (3 in npm test, 2 per build in the matrix). */
const WORKER_BANDS = 4;

export function randomRangeStart(width = 100): number {
  const worker = Math.max(1, Number(process.env.VITEST_POOL_ID ?? 1));
  const lanes = Math.max(1, Number(process.env.SLOTBRIDGE_PORT_LANES ?? 1) || 1);
  const lane = Math.min(lanes - 1, Math.max(0, Number(process.env.SLOTBRIDGE_PORT_LANE ?? 0) || 0));
  // 10000-31999: 22000 ports split into WORKER_BANDS bands (one per vitest worker) per lane.
  const bandSize = Math.floor(22_000 / (WORKER_BANDS * lanes));
  const band = 10_000 + (lane * WORKER_BANDS + ((worker - 1) % WORKER_BANDS)) * bandSize;
  const step = Math.max(width, 100);
  return band + Math.floor(Math.random() * Math.floor((bandSize - step) / step)) * step;
}
