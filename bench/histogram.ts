/**
 * A log-linear latency histogram in the HDR style, written for the bench: values (µs, as integers) below
 * 128 have a bucket each; above, every power of two is split into 64 buckets, so a reported value is
 * within 1/64 (1.6 %) of the true one. Recording is a clz32, a shift and an increment: cheap enough to
 * time every command without moving the throughput it measures.
 */

const EXACT = 128;
const HALF_BITS = 6;
const HALF = 1 << HALF_BITS;
/** Up to 2^31 µs (~36 min): 128 exact buckets, then 25 powers of two of 64 buckets. */
const BUCKETS = EXACT + 25 * HALF;

/** Latency percentiles of one workload, in ms. */
export interface LatencyPercentiles {
  p50: number;
  p99: number;
  p999: number;
  max: number;
  /** Values recorded (one per command). */
  count: number;
}

function indexOf(micros: number): number {
  if (micros < EXACT) return micros;
  const msb = 31 - Math.clz32(micros);
  const shift = msb - HALF_BITS;
  return EXACT + (shift - 1) * HALF + ((micros >>> shift) - HALF);
}

/** The middle of a bucket's value range, µs. */
function middleOf(index: number): number {
  if (index < EXACT) return index;
  const shift = Math.floor((index - EXACT) / HALF) + 1;
  const top = ((index - EXACT) % HALF) + HALF;
  return top * 2 ** shift + (2 ** shift - 1) / 2;
}

export class LatencyHistogram {
  private readonly counts = new Float64Array(BUCKETS);
  private total = 0;
  private maxMicros = 0;

  /** Records `count` commands that each took `ms` milliseconds (a pipeline's GETs share one time). */
  record(ms: number, count = 1): void {
    let micros = Math.round(ms * 1000);
    if (micros < 0) micros = 0;
    else if (micros > 0x7fffffff) micros = 0x7fffffff;
    this.counts[indexOf(micros)] += count;
    this.total += count;
    if (micros > this.maxMicros) this.maxMicros = micros;
  }

  /** The value at or below which `fraction` of the recorded values lie, in ms. */
  valueAt(fraction: number): number {
    if (this.total === 0) return Number.NaN;
    const rank = Math.max(1, Math.ceil(fraction * this.total));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i];
      if (seen >= rank) return Math.min(middleOf(i), this.maxMicros) / 1000;
    }
    return this.maxMicros / 1000;
  }

  percentiles(): LatencyPercentiles {
    const round = (ms: number) => Math.round(ms * 1000) / 1000;
    return {
      p50: round(this.valueAt(0.5)),
      p99: round(this.valueAt(0.99)),
      p999: round(this.valueAt(0.999)),
      max: round(this.maxMicros / 1000),
      count: this.total,
    };
  }
}
