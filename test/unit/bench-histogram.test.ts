/** The bench's log-linear latency histogram: percentiles within its stated 1/64 relative error. */
import { describe, expect, it } from 'vitest';
import { LatencyHistogram } from '../../bench/histogram.js';

describe('LatencyHistogram', () => {
  it('reports p50, p99, p99.9 of a uniform spread within 1/64 of the exact values', () => {
    const histogram = new LatencyHistogram();
    // 0.001 ms … 100 ms in 100,000 even steps.
    for (let i = 1; i <= 100_000; i++) histogram.record(i / 1000);
    const { p50, p99, p999, max, count } = histogram.percentiles();
    expect(count).toBe(100_000);
    expect(Math.abs(p50 - 50) / 50).toBeLessThan(1 / 64);
    expect(Math.abs(p99 - 99) / 99).toBeLessThan(1 / 64);
    expect(Math.abs(p999 - 99.9) / 99.9).toBeLessThan(1 / 64);
    expect(max).toBe(100);
  });

  it('keeps values below 128 µs exact and never reports above the maximum', () => {
    const histogram = new LatencyHistogram();
    for (let i = 0; i < 1000; i++) histogram.record(0.042);
    histogram.record(0.2);
    expect(histogram.valueAt(0.5)).toBe(0.042);
    expect(histogram.valueAt(1)).toBe(0.2);
  });

  it('counts a batch recorded at once as that many commands', () => {
    const histogram = new LatencyHistogram();
    histogram.record(1, 999);
    histogram.record(500, 1);
    expect(histogram.percentiles().count).toBe(1000);
    expect(histogram.valueAt(0.999)).toBeLessThan(1.02);
    expect(histogram.valueAt(1)).toBe(500);
  });
});
