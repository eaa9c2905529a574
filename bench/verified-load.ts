/**
 * The proxy benchmark's load: `node verified-load.js '<json config>'`, in a process of its own. Like
 * redis-benchmark -t set,get (C connections, SET and GET alternating, unpipelined or P per batch), but
 * over keys of every slot, and every reply checked byte for byte against the one it must be:
 *
 * - a key of the node the target port reaches: SET → `+OK`, then GET of that key → its value;
 * - any other key: `-MOVED <slot> <host:port>`, where host:port is the owner as the target must name it
 *   (the proxy's advertised port for the owner through slotbridge; the node's own address directly and
 *   through a forwarder that rewrites nothing).
 *
 * So two thirds of the replies (with 3 primaries) are redirects: through slotbridge they take the
 * rewriting path, not the forwarding one. A wrong byte fails the run. Latency is per batch (request to
 * last reply), as redis-benchmark measures it. Prints one JSON line: {@link LoadResult}.
 */
import { connect, type Socket } from 'node:net';
import calculateSlot from 'cluster-key-slot';
import { LatencyHistogram } from './histogram.js';

export interface LoadConfig {
  port: number;
  connections: number;
  /** Requests per batch (1: unpipelined). Even: SET/GET pairs never straddle batches. */
  pipeline: number;
  seconds: number;
  /** Slot ranges and their owner's id. */
  slots: Array<[number, number, string]>;
  /** Owner id → the `host:port` a MOVED through this target must carry. */
  movedTo: Record<string, string>;
  /** The node the target port reaches. */
  self: string;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  rps: number;
  /** Batch latency percentiles, ms. */
  p50: number;
  p99: number;
  p999: number;
  /** Replies that were redirects (all checked). */
  moved: number;
  /** Replies that differed from the expected bytes (the run fails on any). */
  mismatches: number;
  firstMismatch?: string;
}

const KEYS = 4096;
const PAIRS_PER_PLAN = 256;

function ownerOf(config: LoadConfig, slot: number): string {
  for (const [start, end, id] of config.slots) if (slot >= start && slot <= end) return id;
  throw new Error(`slot ${slot} has no owner`);
}

function command(...args: string[]): string {
  return `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`;
}

interface Batch {
  request: Buffer;
  expected: Buffer;
  requests: number;
  moved: number;
}

/** One connection's cycle of batches: keys drawn over every slot, a SET then a GET of each. */
function plan(config: LoadConfig, seed: number): Batch[] {
  let state = seed * 2654435761 + 1;
  const random = (): number => {
    state = (state * 1103515245 + 12345) >>> 0;
    return state;
  };
  const pairs: Array<{ requests: [string, string]; replies: [string, string]; moved: number }> = [];
  for (let i = 0; i < PAIRS_PER_PLAN; i++) {
    const key = `bench:${random() % KEYS}`;
    const slot = calculateSlot(key);
    const owner = ownerOf(config, slot);
    const value = `value-of-${key}`;
    const requests: [string, string] = [command('SET', key, value), command('GET', key)];
    if (owner === config.self) {
      pairs.push({ requests, replies: ['+OK\r\n', `$${value.length}\r\n${value}\r\n`], moved: 0 });
    } else {
      const moved = `-MOVED ${slot} ${config.movedTo[owner]}\r\n`;
      pairs.push({ requests, replies: [moved, moved], moved: 1 });
    }
  }
  // Unpipelined: one request per batch; else pipeline/2 pairs per batch.
  const flat =
    config.pipeline === 1
      ? pairs.flatMap((p) =>
          [0, 1].map((i) => ({ requests: [p.requests[i]], replies: [p.replies[i]], moved: p.moved })),
        )
      : pairs.map((p) => ({ requests: p.requests, replies: p.replies, moved: 2 * p.moved }));
  const perBatch = config.pipeline === 1 ? 1 : config.pipeline / 2;
  const batches: Batch[] = [];
  for (let i = 0; i < flat.length; i += perBatch) {
    const group = flat.slice(i, i + perBatch);
    batches.push({
      request: Buffer.from(group.flatMap((p) => p.requests).join('')),
      expected: Buffer.from(group.flatMap((p) => p.replies).join('')),
      requests: group.reduce((sum, p) => sum + p.requests.length, 0),
      moved: group.reduce((sum, p) => sum + p.moved, 0),
    });
  }
  return batches;
}

class Client {
  private index = 0;
  private offset = 0;
  private sentAt = 0;
  stopped = false;
  done: Promise<void>;
  private finish: () => void = () => {};

  constructor(
    private readonly socket: Socket,
    private readonly batches: Batch[],
    private readonly stats: Stats,
  ) {
    this.done = new Promise((resolve) => {
      this.finish = resolve;
    });
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
  }

  start(): void {
    this.send();
  }

  private send(): void {
    if (this.stopped) {
      this.finish();
      return;
    }
    this.sentAt = performance.now();
    this.socket.write(this.batches[this.index].request);
  }

  private onData(chunk: Buffer): void {
    let pos = 0;
    while (pos < chunk.length) {
      const batch = this.batches[this.index];
      const take = Math.min(chunk.length - pos, batch.expected.length - this.offset);
      if (chunk.compare(batch.expected, this.offset, this.offset + take, pos, pos + take) !== 0) {
        this.stats.mismatches++;
        this.stats.firstMismatch ??= `expected ${JSON.stringify(batch.expected.toString())} got ${JSON.stringify(chunk.toString())}`;
        this.socket.destroy();
        this.stopped = true;
        this.finish();
        return;
      }
      pos += take;
      this.offset += take;
      if (this.offset === batch.expected.length) {
        this.stats.latency.record(performance.now() - this.sentAt);
        this.stats.requests += batch.requests;
        this.stats.moved += batch.moved;
        this.offset = 0;
        this.index = (this.index + 1) % this.batches.length;
        if (pos < chunk.length) {
          this.stats.mismatches++;
          this.stats.firstMismatch ??= 'bytes after the last expected reply';
        }
        this.send();
      }
    }
  }
}

interface Stats {
  requests: number;
  moved: number;
  mismatches: number;
  firstMismatch: string | undefined;
  latency: LatencyHistogram;
}

function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1', noDelay: true }, () => resolve(socket));
    socket.once('error', reject);
  });
}

export async function runLoad(config: LoadConfig): Promise<LoadResult> {
  const stats: Stats = {
    requests: 0,
    moved: 0,
    mismatches: 0,
    firstMismatch: undefined,
    latency: new LatencyHistogram(),
  };
  const sockets = await Promise.all(Array.from({ length: config.connections }, () => open(config.port)));
  const clients = sockets.map((socket, i) => new Client(socket, plan(config, i + 1), stats));
  const started = performance.now();
  for (const client of clients) client.start();
  await new Promise((resolve) => setTimeout(resolve, config.seconds * 1000));
  for (const client of clients) client.stopped = true;
  await Promise.all(clients.map((client) => client.done));
  const seconds = (performance.now() - started) / 1000;
  for (const socket of sockets) socket.destroy();
  const latency = stats.latency.percentiles();
  return {
    requests: stats.requests,
    seconds,
    rps: stats.requests / seconds,
    p50: latency.p50,
    p99: latency.p99,
    p999: latency.p999,
    moved: stats.moved,
    mismatches: stats.mismatches,
    ...(stats.firstMismatch !== undefined ? { firstMismatch: stats.firstMismatch } : {}),
  };
}

if (process.argv[2] !== undefined && process.argv[1]?.endsWith('verified-load.js')) {
  const result = await runLoad(JSON.parse(process.argv[2]) as LoadConfig);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
