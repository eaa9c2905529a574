/**
 * The proxy's side of the OpenTelemetry names, on its Prometheus endpoint: `db.client.operation.duration`
 * becomes `db_client_operation_duration_seconds` (a histogram with the same buckets and the labels
 * `db_system_name`, `db_operation_name`, `server_address`, `server_port`), and the requests awaiting a
 * reply `slotbridge_client_queue_depth`. Timing is on only when the metrics endpoint is (zero cost else).
 */

/** Bucket bounds in seconds, as the semantic conventions advise (and the client's histogram uses). */
export const DURATION_BUCKETS = [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10];

/** One series of the histogram, as a worker sends it to the primary (plain data, IPC-safe). */
export interface Series {
  labels: string;
  counts: number[];
  sum: number;
  count: number;
}

/** Duration histograms keyed by operation and node (as clients know it: advertised host, proxy port). */
export class OperationHistogram {
  private readonly series = new Map<string, Series>();

  record(operation: string, host: string, port: number, seconds: number): void {
    const key = `${operation}\u0000${host}\u0000${port}`;
    let series = this.series.get(key);
    if (series === undefined) {
      series = {
        labels: `db_system_name="redis",db_operation_name="${escapeLabel(operation.toUpperCase())}",server_address="${escapeLabel(host)}",server_port="${port}"`,
        counts: new Array(DURATION_BUCKETS.length).fill(0),
        sum: 0,
        count: 0,
      };
      this.series.set(key, series);
    }
    for (let i = 0; i < DURATION_BUCKETS.length; i++) if (seconds <= DURATION_BUCKETS[i]) series.counts[i]++;
    series.sum += seconds;
    series.count++;
  }

  /** Every series as plain data (what a worker sends for the primary's endpoint). */
  snapshot(): Series[] {
    return [...this.series.values()];
  }

  /** Adds another histogram's series (the primary sums its workers'). */
  merge(series: readonly Series[]): void {
    for (const other of series) {
      const mine = this.series.get(other.labels);
      if (mine === undefined) {
        this.series.set(other.labels, { ...other, counts: [...other.counts] });
        continue;
      }
      for (let i = 0; i < mine.counts.length; i++) mine.counts[i] += other.counts[i] ?? 0;
      mine.sum += other.sum;
      mine.count += other.count;
    }
  }

  /** Prometheus text lines (cumulative buckets, +Inf, sum, count). */
  render(): string[] {
    const name = 'db_client_operation_duration_seconds';
    const lines = [
      `# HELP ${name} Duration of database client operations (request to reply, through the proxy).`,
      `# TYPE ${name} histogram`,
    ];
    for (const series of this.series.values()) {
      for (let i = 0; i < DURATION_BUCKETS.length; i++) {
        lines.push(`${name}_bucket{${series.labels},le="${DURATION_BUCKETS[i]}"} ${series.counts[i]}`);
      }
      lines.push(`${name}_bucket{${series.labels},le="+Inf"} ${series.count}`);
      lines.push(`${name}_sum{${series.labels}} ${series.sum}`);
      lines.push(`${name}_count{${series.labels}} ${series.count}`);
    }
    return lines;
  }
}

/** Start times and names of one session's requests, in reply order (parallel to its FIFO). */
export class RequestClock {
  private names: string[] = [];
  private starts: number[] = [];
  private head = 0;

  push(name: string): void {
    this.names.push(name);
    this.starts.push(performance.now());
  }

  /** The oldest request's name and age in seconds, or undefined. */
  shift(): { name: string; seconds: number } | undefined {
    if (this.head >= this.names.length) return undefined;
    const name = this.names[this.head];
    const seconds = (performance.now() - this.starts[this.head]) / 1000;
    this.head++;
    if (this.head > 1024 && this.head * 2 > this.names.length) {
      this.names.splice(0, this.head);
      this.starts.splice(0, this.head);
      this.head = 0;
    }
    return { name, seconds };
  }
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
