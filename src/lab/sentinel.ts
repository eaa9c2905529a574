/**
 * Above ~400 lines for a reason: one lab sentinel group whose fault helpers (failover, kill, pause, restart as replica)
 * share the group's process handles.
 *
 * A real Redis Sentinel group on free loopback ports: one primary, replicas (`replicaof`), and sentinels
 * (`redis-sentinel` with a generated sentinel.conf that they rewrite in their own lab directory).
 * Short down-after and failover timeouts so tests fail over in a few seconds. Helpers for the faults
 * tests need: SENTINEL FAILOVER, kill -9 of the primary, restarting it as a replica, stopping and
 * restarting a sentinel.
 */
import { readFile } from 'node:fs/promises';
import { LabError } from './errors.js';
import { type Gate, startGate } from './gate.js';
import { delay } from './process.js';
import { type RedisServerHandle, type StandaloneOptions, startServer } from './standalone.js';

/** Logged by redis-sentinel once it loaded its config (7.0 logs no "Ready to accept connections"). */
const SENTINEL_READY_LOG = /Sentinel ID is/;

export interface SentinelGroupOptions {
  /** Master name (`sentinel monitor NAME ...`). Default `mymaster`. */
  name?: string;
  /** Number of replicas. Default 2. */
  replicas?: number;
  /** Number of sentinels. Default 3. */
  sentinels?: number;
  /** Quorum. Default 2 (or 1 with a single sentinel). */
  quorum?: number;
  /** `down-after-milliseconds`. Default 1000. */
  downAfterMs?: number;
  /** `failover-timeout`. Default 4000. */
  failoverTimeoutMs?: number;
  /** Extra config for the data nodes. */
  serverArgs?: StandaloneOptions['args'];
  /** Server build (a `SLOTBRIDGE_SERVER` value). Default: the `SLOTBRIDGE_SERVER` environment variable, else PATH. */
  server?: string;
  /** Milliseconds to wait for the group to settle (every sentinel sees the master, replicas and peers). Default 30 000. */
  timeoutMs?: number;
  /**
   * A private network on loopback: every node and sentinel is announced at {@link PRIVATE_ANNOUNCE_HOST}
   * (same port), where a gate lets through only the group's own processes (they connect from
   * {@link PRIVATE_SOURCE_HOST} with `bind-source-addr`) and resets everyone else. The sentinels then hand
   * out addresses a client on this machine cannot reach; each process stays reachable on 127.0.0.1 at its
   * port, like an exposed port of an ingress. Default false.
   */
  privateNetwork?: boolean;
}

/** Where a private-network group announces its nodes and sentinels. */
export const PRIVATE_ANNOUNCE_HOST = '127.0.0.2';
/** The source address of a private-network group's own connections: the only one its gates let through. */
export const PRIVATE_SOURCE_HOST = '127.0.0.3';

/** One address as the sentinels report it. */
export interface LabAddress {
  host: string;
  port: number;
}

export interface SentinelGroupHandle {
  /** The monitored master's name. */
  readonly name: string;
  /** Every data node; index 0 was the primary at start. Roles change after failovers. */
  readonly servers: readonly RedisServerHandle[];
  /** Every sentinel (a redis-server handle running in sentinel mode). */
  readonly sentinels: readonly RedisServerHandle[];
  readonly downAfterMs: number;
  readonly failoverTimeoutMs: number;
  /** `host:port` of every sentinel, for client configs. */
  sentinelAddresses(): string[];
  /** The host the sentinels announce nodes at: 127.0.0.1, or {@link PRIVATE_ANNOUNCE_HOST} on a private network. */
  readonly announceHost: string;
  /** Every port of the group (data nodes, then sentinels), reachable on 127.0.0.1: the "exposed" ports. */
  exposedPorts(): number[];
  /** Connections the private network's gates refused (0 without one). */
  refusedConnections(): number;
  /** The data node the first answering sentinel reports as master. */
  master(): Promise<RedisServerHandle>;
  /** The data nodes that are not the current master. */
  replicas(): Promise<RedisServerHandle[]>;
  /** ROLE of a data node (`master`, `slave`), via redis-cli. */
  role(server: RedisServerHandle): Promise<string>;
  /**
   * `SENTINEL FAILOVER` on a live sentinel, then waits until every live sentinel reports a new master and
   * its ROLE says master. Returns the new master.
   */
  failover(timeoutMs?: number): Promise<RedisServerHandle>;
  /** kill -9 of the current master; returns the killed node (restart it with {@link restartAsReplica}). */
  killMaster(): Promise<RedisServerHandle>;
  /** Waits until every live sentinel reports a master other than `previous` and ROLE confirms it. */
  waitForNewMaster(previous: RedisServerHandle, timeoutMs?: number): Promise<RedisServerHandle>;
  /** Restarts a stopped or killed data node and makes it a replica of the current master. */
  restartAsReplica(server: RedisServerHandle): Promise<void>;
  /** Stops one sentinel (SIGTERM), keeping its directory and rewritten config. */
  stopSentinel(index: number): Promise<void>;
  /** Starts a stopped sentinel again from its rewritten config, on the same port. */
  restartSentinel(index: number): Promise<void>;
  /**
   * Restarts every sentinel at once on a new port, keeping its id and what it learned (the `sentinel`
   * lines of its rewritten config): every sentinel address a client learned stops answering together.
   * Waits until the group is settled again. Not for a private-network group.
   */
  moveAllSentinels(): Promise<void>;
  /**
   * SIGSTOP of one sentinel: its sockets stay open but it answers nothing (the lab's helpers skip it until
   * {@link resumeSentinel}).
   */
  pauseSentinel(index: number): void;
  /** SIGCONT of a paused sentinel. */
  resumeSentinel(index: number): void;
  /**
   * Waits until every live sentinel names the same master and knows its run id, every live replica and
   * every other live sentinel, and every live replica has finished its sync with the master.
   */
  waitSettled(timeoutMs?: number): Promise<void>;
  /** Stops every process; removes the directories unless `keepFiles`. */
  stop(options?: { keepFiles?: boolean }): Promise<void>;
}

const HOST = '127.0.0.1';

/** Starts a primary, its replicas and the sentinels watching them, and waits until the group is settled. */
export async function startSentinelGroup(options: SentinelGroupOptions = {}): Promise<SentinelGroupHandle> {
  const name = options.name ?? 'mymaster';
  const replicaCount = options.replicas ?? 2;
  const sentinelCount = options.sentinels ?? 3;
  const quorum = options.quorum ?? Math.min(2, sentinelCount);
  const downAfterMs = options.downAfterMs ?? 1_000;
  const failoverTimeoutMs = options.failoverTimeoutMs ?? 4_000;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const announceHost = options.privateNetwork ? PRIVATE_ANNOUNCE_HOST : HOST;
  const privateLines = options.privateNetwork
    ? [`bind-source-addr ${PRIVATE_SOURCE_HOST}`, `replica-announce-ip ${PRIVATE_ANNOUNCE_HOST}`]
    : [];
  const started: RedisServerHandle[] = [];
  const gates: Gate[] = [];
  const gate = async (server: RedisServerHandle): Promise<RedisServerHandle> => {
    started.push(server);
    if (options.privateNetwork) {
      gates.push(
        await startGate({
          listenHost: PRIVATE_ANNOUNCE_HOST,
          port: server.port,
          targetHost: HOST,
          targetPort: server.port,
          allowFrom: PRIVATE_SOURCE_HOST,
        }),
      );
    }
    return server;
  };
  try {
    const primary = await startServer({
      server: options.server,
      args: [...asLines(options.serverArgs), ...privateLines],
    }).then(gate);
    const replicas = await Promise.all(
      Array.from({ length: replicaCount }, () =>
        startServer({
          server: options.server,
          args: [
            ...asLines(options.serverArgs),
            ...privateLines,
            `replicaof ${announceHost} ${primary.port}`,
          ],
        }).then(gate),
      ),
    );
    await waitForReplication(primary, replicas, timeoutMs);
    const sentinelLines = [
      ...(options.privateNetwork
        ? [`bind-source-addr ${PRIVATE_SOURCE_HOST}`, `sentinel announce-ip ${PRIVATE_ANNOUNCE_HOST}`]
        : []),
      `sentinel monitor ${name} ${announceHost} ${primary.port} ${quorum}`,
      `sentinel down-after-milliseconds ${name} ${downAfterMs}`,
      `sentinel failover-timeout ${name} ${failoverTimeoutMs}`,
      `sentinel parallel-syncs ${name} 1`,
    ];
    const sentinels = await Promise.all(
      Array.from({ length: sentinelCount }, () =>
        startServer({
          server: options.server,
          sentinel: true,
          readyLog: SENTINEL_READY_LOG,
          args: sentinelLines,
        }).then(gate),
      ),
    );
    const group = new SentinelGroup(
      name,
      [primary, ...replicas],
      sentinels,
      downAfterMs,
      failoverTimeoutMs,
      announceHost,
      gates,
      options.server,
    );
    await group.waitSettled(timeoutMs);
    return group;
  } catch (error) {
    await Promise.allSettled(started.map((server) => server.stop()));
    await Promise.allSettled(gates.map((g) => g.close()));
    throw error;
  }
}

function asLines(args: StandaloneOptions['args']): string[] {
  if (args === undefined) return [];
  if (Array.isArray(args)) return [...(args as readonly string[])];
  return Object.entries(args as Record<string, string>).map(([key, value]) => `${key} ${value}`);
}

class SentinelGroup implements SentinelGroupHandle {
  private readonly stopped = new Set<number>();
  /** Sentinels replaced by moveAllSentinels(): their directories go when the group stops. */
  private readonly retiredSentinels: RedisServerHandle[] = [];

  constructor(
    readonly name: string,
    readonly servers: readonly RedisServerHandle[],
    readonly sentinels: readonly RedisServerHandle[],
    readonly downAfterMs: number,
    readonly failoverTimeoutMs: number,
    readonly announceHost: string,
    private readonly gates: readonly Gate[],
    /** The server build setting the group was started with (moveAllSentinels starts the same one). */
    private readonly server?: string,
  ) {}

  sentinelAddresses(): string[] {
    return this.sentinels.map((sentinel) => sentinel.address);
  }

  exposedPorts(): number[] {
    return [...this.servers, ...this.sentinels].map((server) => server.port);
  }

  refusedConnections(): number {
    return this.gates.reduce((sum, gate) => sum + gate.refused, 0);
  }

  private liveSentinels(): RedisServerHandle[] {
    return this.sentinels.filter((_, index) => !this.stopped.has(index));
  }

  private serverAt(address: LabAddress): RedisServerHandle {
    const server = this.servers.find((s) => s.port === address.port);
    if (server === undefined) {
      throw new LabError(
        `a sentinel reported ${address.host}:${address.port}, which is not a node of this group`,
      );
    }
    return server;
  }

  private async reportedMaster(sentinel: RedisServerHandle): Promise<LabAddress> {
    const out = await sentinel.cli('SENTINEL', 'get-master-addr-by-name', this.name);
    const [host, port] = out.split('\n');
    if (!host || !port) throw new LabError(`sentinel ${sentinel.address} does not know master ${this.name}`);
    return { host, port: Number(port) };
  }

  async master(): Promise<RedisServerHandle> {
    let lastError: unknown;
    for (const sentinel of this.liveSentinels()) {
      try {
        return this.serverAt(await this.reportedMaster(sentinel));
      } catch (error) {
        lastError = error;
      }
    }
    throw new LabError(`no sentinel reported the master of ${this.name}`, { cause: lastError });
  }

  async replicas(): Promise<RedisServerHandle[]> {
    const master = await this.master();
    return this.servers.filter((server) => server !== master);
  }

  async role(server: RedisServerHandle): Promise<string> {
    const out = await server.cli('ROLE');
    return out.split('\n')[0] ?? '';
  }

  async failover(timeoutMs = 20_000): Promise<RedisServerHandle> {
    const previous = await this.master();
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const sentinel = this.liveSentinels()[0];
      if (sentinel === undefined) throw new LabError('no live sentinel to ask for a failover');
      const reply = await sentinel
        .cli('SENTINEL', 'FAILOVER', this.name)
        .catch((error: Error) => error.message);
      if (reply === 'OK') break;
      // NOGOODSLAVE / INPROG right after a previous failover: the replicas are not ready yet.
      if (Date.now() > deadline) throw new LabError(`SENTINEL FAILOVER ${this.name} kept failing: ${reply}`);
      await delay(200);
    }
    return this.waitForNewMaster(previous, Math.max(1_000, deadline - Date.now()));
  }

  async killMaster(): Promise<RedisServerHandle> {
    const master = await this.master();
    await master.kill('SIGKILL');
    return master;
  }

  async waitForNewMaster(previous: RedisServerHandle, timeoutMs = 20_000): Promise<RedisServerHandle> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      try {
        const reported = await Promise.all(this.liveSentinels().map((s) => this.reportedMaster(s)));
        const ports = new Set(reported.map((address) => address.port));
        const first = reported[0];
        if (first !== undefined && ports.size === 1 && first.port !== previous.port) {
          const candidate = this.serverAt(first);
          const role = await this.role(candidate);
          if (role === 'master') return candidate;
          last = `${candidate.address} reports ROLE ${role}`;
        } else {
          last = `sentinels report ${[...ports].join(', ')}`;
        }
      } catch (error) {
        last = (error as Error).message;
      }
      await delay(100);
    }
    throw new LabError(`no new master for ${this.name} after ${timeoutMs} ms (${last})`);
  }

  async restartAsReplica(server: RedisServerHandle): Promise<void> {
    const master = await this.master();
    await server.restart();
    if (server !== master) await server.cli('REPLICAOF', this.announceHost, String(master.port));
  }

  async stopSentinel(index: number): Promise<void> {
    const sentinel = this.sentinelAt(index);
    this.stopped.add(index);
    await sentinel.kill('SIGTERM');
  }

  async restartSentinel(index: number): Promise<void> {
    await this.sentinelAt(index).restart();
    this.stopped.delete(index);
  }

  async moveAllSentinels(): Promise<void> {
    if (this.gates.length > 0)
      throw new LabError('moveAllSentinels() does not support a private-network group');
    const sentinels = this.sentinels as RedisServerHandle[];
    await Promise.all(sentinels.map((sentinel) => sentinel.kill('SIGTERM')));
    const moved = await Promise.all(
      sentinels.map(async (sentinel) => {
        const rewritten = await readFile(sentinel.configFile, 'utf8');
        const kept = rewritten.split('\n').filter((line) => line.startsWith('sentinel '));
        return startServer({ server: this.server, sentinel: true, readyLog: SENTINEL_READY_LOG, args: kept });
      }),
    );
    for (let i = 0; i < sentinels.length; i++) {
      this.retiredSentinels.push(sentinels[i]);
      sentinels[i] = moved[i];
    }
    this.stopped.clear();
    await this.waitSettled();
  }

  pauseSentinel(index: number): void {
    const sentinel = this.sentinelAt(index);
    this.stopped.add(index);
    sentinel.pause();
  }

  resumeSentinel(index: number): void {
    this.sentinelAt(index).resume();
    this.stopped.delete(index);
  }

  private sentinelAt(index: number): RedisServerHandle {
    const sentinel = this.sentinels[index];
    if (sentinel === undefined)
      throw new LabError(`no sentinel #${index} (the group has ${this.sentinels.length})`);
    return sentinel;
  }

  async waitSettled(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const live = this.liveSentinels();
    const wantReplicas = this.servers.length - 1;
    const wantPeers = live.length - 1;
    let last = '';
    while (Date.now() < deadline) {
      const states = await Promise.all(
        live.map((sentinel) =>
          sentinel
            .cli('SENTINEL', 'MASTER', this.name)
            .then(parseFields)
            .catch(() => new Map<string, string>()),
        ),
      );
      // Every sentinel names the same master, and knows its run id (learnt from its first INFO after a
      // failover; a doctor or client asking before then gets none).
      const masterPorts = new Set(states.map((fields) => fields.get('port')));
      const lagging = states
        .map((fields, index) => ({ fields, sentinel: live[index] }))
        .filter(
          ({ fields }) =>
            Number(fields.get('num-slaves')) < wantReplicas ||
            Number(fields.get('num-other-sentinels')) < wantPeers ||
            (fields.get('flags') ?? '') !== 'master' ||
            masterPorts.size > 1 ||
            (fields.get('runid') ?? '') === '',
        );
      if (lagging.length === 0) {
        // Sentinels count a replica they know of even while it still syncs; WAIT and re-sent reads need
        // every live replica to hold the master's data.
        const master = await this.master();
        const replicas = this.servers.filter(
          (server) => server !== master && !server.exited && !server.paused,
        );
        await waitForReplication(master, replicas, Math.max(1_000, deadline - Date.now()));
        return;
      }
      last = lagging
        .map(
          ({ fields, sentinel }) =>
            `${sentinel?.address}: master port=${fields.get('port')} runid=${fields.get('runid') || '?'} ` +
            `flags=${fields.get('flags')} replicas=${fields.get('num-slaves')} ` +
            `peers=${fields.get('num-other-sentinels')}`,
        )
        .join('; ');
      await delay(100);
    }
    throw new LabError(`sentinel group ${this.name} did not settle within ${timeoutMs} ms: ${last}`);
  }

  async stop(options: { keepFiles?: boolean } = {}): Promise<void> {
    // Sentinels first, so they do not start a failover while the data nodes go down.
    await Promise.allSettled(this.sentinels.map((sentinel) => sentinel.stop(options)));
    await Promise.allSettled(this.retiredSentinels.map((sentinel) => sentinel.stop(options)));
    await Promise.allSettled(this.servers.map((server) => server.stop(options)));
    await Promise.allSettled(this.gates.map((gate) => gate.close()));
  }
}

/** Waits until the primary lists every replica online and every replica's link is up. */
async function waitForReplication(
  primary: RedisServerHandle,
  replicas: readonly RedisServerHandle[],
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  // A sentinel reconfiguring a node kills its normal clients (CLIENT KILL TYPE normal), redis-cli
  // included: a reset query means "not settled yet", not a broken lab.
  const replication = (node: RedisServerHandle) => node.cli('INFO', 'replication').catch(() => '');
  while (Date.now() < deadline) {
    const info = parseInfo(await replication(primary));
    const links = await Promise.all(
      replicas.map(async (replica) => parseInfo(await replication(replica)).get('master_link_status')),
    );
    if (Number(info.get('connected_slaves')) >= replicas.length && links.every((link) => link === 'up'))
      return;
    await delay(50);
  }
  throw new LabError(
    `replicas of ${primary.address} did not finish their initial sync within ${timeoutMs} ms`,
  );
}

/** `key:value` lines of an INFO section. */
function parseInfo(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of text.split('\n')) {
    const index = line.indexOf(':');
    if (index > 0) fields.set(line.slice(0, index), line.slice(index + 1).trim());
  }
  return fields;
}

/** redis-cli's non-TTY rendering of a flat field/value reply: one value per line, alternating. */
function parseFields(text: string): Map<string, string> {
  const lines = text.split('\n');
  const fields = new Map<string, string>();
  for (let i = 0; i + 1 < lines.length; i += 2) fields.set(lines[i] ?? '', lines[i + 1] ?? '');
  return fields;
}
