/** The shape of a results file under bench/results/ (written by run.ts, read by table.ts). */
import type { WorkerResult } from './worker.js';

export interface RoundRecord {
  round: number;
  /** The order the clients ran in this round (rotated every round to spread machine noise). */
  order: string[];
  results: Record<string, WorkerResult>;
}

export interface TableRecord {
  title: string;
  workloads: Array<{ name: string; description: string }>;
  rounds: RoundRecord[];
}

export interface ProxySample {
  rps: number;
  p50: number;
  p99: number;
  /** Batch latency p99.9, ms (runs since the HDR-style histogram; absent before). */
  p999?: number;
}

export interface ProxyRecord {
  tool: string;
  clients: number;
  haproxy: string;
  /** `target/mode` → one sample per round. */
  samples: Record<string, ProxySample[]>;
}

export interface ProxyScaleSample extends ProxySample {
  /** Requests answered in the run, and how many of them were (checked) MOVED replies. */
  requests: number;
  moved: number;
  /**
   * CPU time (user + system) per request, µs, of every process of the forwarder: the one started and
   * all its descendants (slotbridge's and the bare forwarder's workers); not for direct.
   */
  cpuUsPerRequest?: number;
}

/** The proxy section since `--workers`: slotbridge, haproxy and a bare Node forwarder at N = 1, 2. */
export interface ProxyScaleRecord {
  kind: 'workers';
  tool: string;
  clients: number;
  pipeline: number;
  seconds: number;
  rounds: number;
  /** The N values run (slotbridge --workers N, haproxy nbthread N, bare forwarder in N processes). */
  workers: number[];
  haproxy: string;
  /** 1-minute load average at the start of every round, and at the end. */
  loadAverages: number[];
  /** `direct/mode` or `target/N/mode` → one sample per round. */
  samples: Record<string, ProxyScaleSample[]>;
}

export interface ResultsFile {
  schema: 1;
  name: string;
  startedAt: string;
  finishedAt: string;
  command: string;
  /** What the reader must know about the run (BENCH_NOTE), e.g. that other work loaded the machine. */
  note?: string;
  git: { commit: string; dirty: boolean };
  machine: {
    cores: number;
    cpuModel: string;
    memoryMiB: number;
    os: string;
    /** 1-minute load average at the start and at the end: how busy the machine was. */
    loadAverageStart: number;
    loadAverageEnd: number;
  };
  node: string;
  server: { name: string; version: string; binary: string };
  rounds: number;
  clients: Record<string, { version: string; config: string }>;
  single?: TableRecord;
  cluster?: TableRecord;
  cache?: TableRecord;
  /** node-redis 6 with one default changed per column (in-flight-100 and batch-1000 only). */
  nodeRedis6?: TableRecord;
  /** slotbridge with telemetry off and in each `slotbridge/opentelemetry` mode (real SDK). */
  telemetry?: TableRecord;
  proxy?: ProxyRecord | ProxyScaleRecord;
}
