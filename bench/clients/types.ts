/**
 * What every benchmarked client offers the workloads. Each client lives in a module of its own under
 * bench/clients/, and a worker process imports only the one it runs, so its peak RSS is that client's.
 */

/** What the clients connect to: one server, or a cluster given by its seed nodes. */
export type BenchTarget =
  | { readonly kind: 'single'; readonly port: number }
  | { readonly kind: 'cluster'; readonly seeds: ReadonlyArray<{ host: string; port: number }> };

/** A client under test, reduced to what the workloads use. Errors reject; pipeline entries may be Errors. */
export interface BenchClient {
  get(key: string): Promise<unknown>;
  set(key: string, value: string): Promise<unknown>;
  /** An explicit pipeline of GETs on one server (each client's own pipeline API); one entry per key. */
  pipelineGet(keys: readonly string[]): Promise<unknown[]>;
  /** Any command, to ask the server about this connection (CLIENT INFO reports its RESP version). */
  command(args: string[]): Promise<unknown>;
  close(): Promise<void>;
}

/** How a client module is opened: plain, or with its client-side cache on (RESP3 CLIENT TRACKING). */
export interface ClientModule {
  /** The npm package and version that was loaded (`slotbridge` for ours). */
  readonly version: string;
  /** The configuration in words, for the results file. */
  readonly config: string;
  open(target: BenchTarget): Promise<BenchClient>;
  /** Undefined when the client has no client-side cache (ioredis). */
  openCached?(port: number): Promise<BenchClient>;
}
