/**
 * Proxy port ranges in tests: every (matrix lane, vitest worker) draws from a band of its own, below the
 * ephemeral ports, so two builds run side by side by the server matrix never draw overlapping ranges.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { randomRangeStart } from '../helpers/port-range.js';

const saved = { ...process.env };
afterEach(() => {
  for (const name of ['VITEST_POOL_ID', 'SLOTBRIDGE_PORT_LANE', 'SLOTBRIDGE_PORT_LANES']) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

function draws(lane: number, lanes: number, worker: number): [number, number] {
  process.env.SLOTBRIDGE_PORT_LANE = String(lane);
  process.env.SLOTBRIDGE_PORT_LANES = String(lanes);
  process.env.VITEST_POOL_ID = String(worker);
  let low = Number.POSITIVE_INFINITY;
  let high = 0;
  for (let i = 0; i < 2000; i++) {
    const start = randomRangeStart(100);
    low = Math.min(low, start);
    high = Math.max(high, start + 100);
  }
  return [low, high];
}

describe('randomRangeStart', () => {
  for (const lanes of [1, 2, 3]) {
    it(`gives ${lanes} lane(s) × 2 workers disjoint bands below 32768`, () => {
      const spans: Array<[number, number]> = [];
      for (let lane = 0; lane < lanes; lane++)
        for (const worker of [1, 2]) spans.push(draws(lane, lanes, worker));
      spans.sort((a, b) => a[0] - b[0]);
      expect(spans[0][0]).toBeGreaterThanOrEqual(10_000);
      expect(spans[spans.length - 1][1]).toBeLessThanOrEqual(32_768);
      for (let i = 1; i < spans.length; i++) expect(spans[i][0]).toBeGreaterThanOrEqual(spans[i - 1][1]);
    });
  }
});
