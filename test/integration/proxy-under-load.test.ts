/**
 * The proxy issue's "Must hold" under load: during a primary failover and during a slot migration, ioredis
 * Cluster and node-redis createCluster, each given only the proxy's entry address, keep working under a
 * steady bounded load (SET/GET across many slots, including keys of the migrating slot). Every command
 * settles, errors are counted and printed, commands issued after the fault all succeed, every address the
 * clients connect to is a proxy port, and the migrated keys read back through the proxy.
 */
import { createRequire } from 'node:module';
import type * as Net from 'node:net';
import { Cluster as IoredisCluster } from 'ioredis';
import { createCluster } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leakedPorts, useClusterProxy } from '../helpers/proxy.js';

const fixture = useClusterProxy();

/** Commands per second each client issues. */
const RATE = 500;
/** Load before the fault starts and after it completes, ms. */
const WARMUP_MS = 500;
const TAIL_MS = 1500;
/** After a kill -9, node-redis needs a few seconds past the promotion to drop the dead node (also direct). */
const KILL_TAIL_MS = 8000;
/**
 * `UNDER_LOAD_DIRECT=1` gives the clients a cluster node instead of the proxy: the same load and faults
 * measured without the proxy, for comparison (the proxy-port checks are skipped then).
 */
const DIRECT = process.env.UNDER_LOAD_DIRECT === '1';
/** Hard bound on one load run (the loop stops by itself even if the fault never completes). */
const MAX_RUN_MS = 25_000;
/** Commands in flight at once, at most (the loop skips ticks above it instead of piling up). */
const MAX_IN_FLIGHT = 2000;
/** How long the end of a run waits for the last commands to settle. */
const SETTLE_MS = 15_000;
const GENERAL_KEYS = 1000;
const MIGRATING_KEYS = 200;

/** The two clients behind one small interface. */
interface LoadClient {
  readonly name: string;
  /**
   * Error classes the client's own behaviour produces during a topology change (not server or proxy
   * replies): any other error fails the test.
   */
  readonly allowedErrors: readonly string[];
  /** The same while a primary is dead and not yet replaced (commands to it fail until the promotion). */
  readonly killAllowedErrors: readonly string[];
  /**
   * After a kill -9, does every command issued once the promotion is complete succeed (`true`), or does
   * the client only recover some time later (`false`: node-redis, also direct to the cluster)?
   */
  readonly killRecoversAtPromotion: boolean;
  set(key: string, value: string): Promise<unknown>;
  get(key: string): Promise<string | null>;
  /** Addresses (`host:port`) the client's own node list holds now. */
  knownAddresses(): string[];
  close(): Promise<void>;
}

interface Outcome {
  issuedAt: number;
  settledAt: number;
  error: string | undefined;
  /** The error's class name (client-made errors have their own classes; server replies are ReplyError). */
  errorClass: string | undefined;
  /** A GET that answered something other than the key's value. */
  wrong: boolean;
}

interface RunResult {
  outcomes: Outcome[];
  pending: number;
  faultStart: number;
  faultEnd: number;
}

// Every TCP connection ioredis and node-redis open goes through net.createConnection (the proxy and the
// lab use other paths): recorded here to prove that clients only ever dial proxy ports.
const net = createRequire(import.meta.url)('node:net') as typeof Net;
const dialed: string[] = [];
const originalCreateConnection = net.createConnection;
beforeAll(() => {
  net.createConnection = ((...args: unknown[]) => {
    const first = args[0];
    if (typeof first === 'object' && first !== null && 'port' in first) {
      const options = first as Net.TcpNetConnectOpts;
      dialed.push(`${options.host ?? 'localhost'}:${options.port}`);
    } else if (typeof first === 'number') {
      dialed.push(`${typeof args[1] === 'string' ? args[1] : 'localhost'}:${first}`);
    }
    return (originalCreateConnection as (...rest: unknown[]) => Net.Socket)(...args);
  }) as typeof net.createConnection;
});
afterAll(() => {
  net.createConnection = originalCreateConnection;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function expectedValue(key: string): string {
  return `v:${key}`;
}

/**
 * Runs `client` at RATE commands/s over `keys` (alternating SET and GET of each key's fixed value) while
 * `fault` runs; stops `tailMs` after the fault completes (or after MAX_RUN_MS), then waits for every
 * command to settle.
 */
async function underLoad(
  clients: LoadClient[],
  keys: (client: LoadClient) => string[],
  fault: () => Promise<void>,
  tailMs = TAIL_MS,
): Promise<Map<string, RunResult>> {
  const runs = clients.map((client) => {
    const outcomes: Outcome[] = [];
    const inFlight = new Set<Promise<void>>();
    const keyList = keys(client);
    let stop = false;
    const loop = (async () => {
      const start = Date.now();
      let issued = 0;
      while (!stop && Date.now() - start < MAX_RUN_MS) {
        const due = Math.floor(((Date.now() - start) * RATE) / 1000);
        while (issued < due && inFlight.size < MAX_IN_FLIGHT) {
          const key = keyList[(issued * 7919) % keyList.length];
          const isSet = issued % 2 === 0;
          const outcome: Outcome = {
            issuedAt: Date.now(),
            settledAt: 0,
            error: undefined,
            errorClass: undefined,
            wrong: false,
          };
          outcomes.push(outcome);
          const command = isSet ? client.set(key, expectedValue(key)) : client.get(key);
          const settled = command.then(
            (reply) => {
              outcome.settledAt = Date.now();
              if (!isSet && reply !== expectedValue(key)) outcome.wrong = true;
            },
            (error: unknown) => {
              outcome.settledAt = Date.now();
              outcome.error = error instanceof Error ? error.message : String(error);
              outcome.errorClass = error instanceof Error ? error.constructor.name : typeof error;
            },
          );
          inFlight.add(settled);
          void settled.then(() => inFlight.delete(settled));
          issued++;
        }
        await sleep(10);
      }
    })();
    return {
      client,
      outcomes,
      inFlight,
      loop,
      stop: () => {
        stop = true;
      },
    };
  });

  await sleep(WARMUP_MS);
  const faultStart = Date.now();
  await fault();
  const faultEnd = Date.now();
  await sleep(tailMs);
  for (const run of runs) run.stop();
  const results = new Map<string, RunResult>();
  for (const run of runs) {
    await run.loop;
    await Promise.race([Promise.allSettled([...run.inFlight]), sleep(SETTLE_MS)]);
    results.set(run.client.name, {
      outcomes: run.outcomes,
      pending: run.outcomes.filter((outcome) => outcome.settledAt === 0).length,
      faultStart,
      faultEnd,
    });
  }
  return results;
}

/** Prints the numbers the lead quotes and returns them for assertions. */
function report(scenario: string, name: string, allowed: readonly string[], result: RunResult) {
  const { outcomes, faultStart, faultEnd } = result;
  const failed = outcomes.filter((outcome) => outcome.error !== undefined);
  const wrong = outcomes.filter((outcome) => outcome.wrong).length;
  const afterFault = outcomes.filter((outcome) => outcome.issuedAt >= faultEnd);
  const afterFaultFailed = afterFault.filter((outcome) => outcome.error !== undefined || outcome.wrong);
  const lastFailure = Math.max(faultStart, ...failed.map((outcome) => outcome.settledAt));
  const recoverMs = failed.length === 0 ? 0 : lastFailure - faultStart;
  const during = outcomes.filter((outcome) => outcome.issuedAt >= faultStart && outcome.issuedAt < faultEnd);
  const slowest = Math.max(0, ...during.map((outcome) => outcome.settledAt - outcome.issuedAt));
  const byMessage = new Map<string, number>();
  for (const outcome of failed) {
    const message = `${outcome.errorClass}: ${(outcome.error ?? '').slice(0, 100)}`;
    byMessage.set(message, (byMessage.get(message) ?? 0) + 1);
  }
  console.log(
    `[under load] ${scenario} / ${name}: ${outcomes.length} commands, ${failed.length} errors, ` +
      `${wrong} wrong replies, ${result.pending} pending; fault took ${faultEnd - faultStart} ms; ` +
      `time to recover ${recoverMs} ms (last error settled after fault start); ` +
      `slowest command issued during the fault ${slowest} ms; ${afterFault.length} commands after the fault, ` +
      `${afterFaultFailed.length} failed` +
      (byMessage.size > 0 ? `; errors: ${JSON.stringify(Object.fromEntries(byMessage))}` : ''),
  );
  const unexpected = failed.filter((outcome) => !allowed.includes(outcome.errorClass ?? ''));
  // Commands issued after the last failure (all of them succeeded): the client has recovered by then.
  const lastFailedIssue = Math.max(0, ...failed.map((outcome) => outcome.issuedAt));
  const afterRecovery = outcomes.filter((outcome) => outcome.issuedAt > lastFailedIssue).length;
  return { failed, wrong, afterFault, afterFaultFailed, unexpected, afterRecovery };
}

describe('slotbridge proxy: third-party cluster clients under load across topology changes', () => {
  const clients: LoadClient[] = [];
  const connectedPorts = new Set<number>();
  let migratingTag = '';

  function trackAddress(address: string): void {
    connectedPorts.add(Number(address.slice(address.lastIndexOf(':') + 1)));
  }

  function proxyPorts(): Set<number> {
    return new Set(fixture.proxy.portTable().map((row) => row.proxyPort));
  }

  function keysFor(client: LoadClient): string[] {
    const general = Array.from({ length: GENERAL_KEYS }, (_, i) => `${client.name}:${i}`);
    const migrating = Array.from({ length: MIGRATING_KEYS }, (_, i) => `{${migratingTag}}:${i}`);
    return [...general, ...migrating];
  }

  beforeAll(async () => {
    const entry = DIRECT ? { host: '127.0.0.1', port: fixture.cluster.nodes[0].port } : fixture.proxy.entry;
    const io = new IoredisCluster([{ host: entry.host, port: entry.port }], {
      redisOptions: { connectTimeout: 2000 },
    });
    io.on('error', () => {});
    io.on('+node', (node: { options: { host?: string; port?: number } }) =>
      trackAddress(`${node.options.host}:${node.options.port}`),
    );
    clients.push({
      name: 'ioredis',
      // ioredis follows MOVED/ASK and waits out CLUSTERDOWN/TRYAGAIN itself: no error is expected.
      allowedErrors: [],
      // Commands for the dead primary's slots exhaust ioredis's redirection budget until the promotion
      // ("Too many Cluster redirections", a plain Error); direct to the cluster alike.
      killAllowedErrors: ['Error'],
      killRecoversAtPromotion: true,
      set: (key, value) => io.set(key, value),
      get: (key) => io.get(key),
      knownAddresses: () => io.nodes('all').map((node) => `${node.options.host}:${node.options.port}`),
      close: async () => io.disconnect(),
    });

    const nr = createCluster({
      rootNodes: [{ url: `redis://${entry.host}:${entry.port}` }],
      defaults: { socket: { connectTimeout: 2000 } },
    });
    nr.on('error', () => {});
    nr.on('node-connect', (node: { host: string; port: number }) =>
      trackAddress(`${node.host}:${node.port}`),
    );
    await nr.connect();
    clients.push({
      name: 'node-redis',
      // node-redis follows MOVED/ASK, but its rediscovery destroys the connection to a node that is no
      // longer a primary (a demoted one) and rejects the commands still queued on it with this error.
      allowedErrors: ['DisconnectsClientError'],
      // node-redis keeps sending the dead node's slots to it until its reconnection tracker rediscovers:
      // through the proxy the dead node's port answers `-ERR slotbridge proxy: cannot reach node` (a
      // SimpleError) and closes; direct, the same commands fail with DisconnectsClientError/TimeoutError.
      killAllowedErrors: [
        'DisconnectsClientError',
        'SocketClosedUnexpectedlyError',
        'TimeoutError',
        'SimpleError',
      ],
      killRecoversAtPromotion: false,
      set: (key, value) => nr.set(key, value),
      get: (key) => nr.get(key),
      knownAddresses: () => [...nr.masters, ...nr.replicas].map((node) => `${node.host}:${node.port}`),
      close: async () => {
        await nr.close().catch(() => undefined);
      },
    });

    // A tag whose slot the migration scenario moves while traffic runs (keys `{tag}:i` all live in it).
    migratingTag = 'under-load';
    for (const client of clients) {
      const keys = keysFor(client);
      for (let i = 0; i < keys.length; i += 100) {
        await Promise.all(keys.slice(i, i + 100).map((key) => client.set(key, expectedValue(key))));
      }
    }
  });

  afterAll(async () => {
    for (const client of clients) await client.close();
  });

  /** MOVED and ASK replies the servers sent so far (INFO errorstats), summed over every node. */
  async function redirectsSent(): Promise<{ moved: number; ask: number }> {
    const total = { moved: 0, ask: 0 };
    for (const node of fixture.cluster.nodes) {
      // A killed node answers nothing (its counters went with it).
      const stats = await node.cli('INFO', 'errorstats').catch(() => '');
      total.moved += Number(/errorstat_MOVED:count=(\d+)/.exec(stats)?.[1] ?? 0);
      total.ask += Number(/errorstat_ASK:count=(\d+)/.exec(stats)?.[1] ?? 0);
    }
    return total;
  }

  async function redirectsDuring(scenario: string, run: () => Promise<void>) {
    const before = await redirectsSent();
    await run();
    const after = await redirectsSent();
    const delta = { moved: after.moved - before.moved, ask: after.ask - before.ask };
    console.log(
      `[under load] ${scenario}: servers sent ${delta.moved} MOVED and ${delta.ask} ASK to the clients`,
    );
    return delta;
  }

  function checkAddresses(): void {
    if (DIRECT) return;
    for (const client of clients) for (const address of client.knownAddresses()) trackAddress(address);
    const ports = proxyPorts();
    expect(connectedPorts.size).toBeGreaterThan(1);
    expect(dialed.length).toBeGreaterThan(1);
    for (const address of dialed) trackAddress(address);
    console.log(
      `[under load] clients opened ${dialed.length} connections; ports they used: ${[...connectedPorts].sort().join(',')}; ` +
        `proxy ports: ${[...ports].sort().join(',')}`,
    );
    expect([...connectedPorts].filter((port) => !ports.has(port))).toEqual([]);
  }

  it('a primary failover (CLUSTER FAILOVER) while both clients run ~500 commands/s each', async () => {
    const primaries = await fixture.cluster.primaries();
    const migratingSlot = Number(await primaries[0].cli('CLUSTER', 'KEYSLOT', `{${migratingTag}}`));
    // Fail over the primary that owns the tagged keys, so they are part of the moving shard too.
    const primary = await fixture.cluster.ownerOf(migratingSlot);
    let results = new Map<string, RunResult>();
    const redirects = await redirectsDuring('failover', async () => {
      results = await underLoad(clients, keysFor, async () => {
        const promoted = await fixture.cluster.failover(primary);
        expect(promoted.id).not.toBe(primary.id);
      });
    });
    // The fault reached the clients: the demoted primary redirected them.
    expect(redirects.moved).toBeGreaterThan(0);
    for (const client of clients) {
      const result = results.get(client.name);
      if (result === undefined) throw new Error(`no result for ${client.name}`);
      const { wrong, afterFault, afterFaultFailed, unexpected } = report(
        'failover',
        client.name,
        client.allowedErrors,
        result,
      );
      expect(result.pending).toBe(0);
      expect(unexpected.map((outcome) => `${outcome.errorClass}: ${outcome.error}`)).toEqual([]);
      expect(wrong).toBe(0);
      expect(afterFault.length).toBeGreaterThan(0);
      expect(afterFaultFailed).toEqual([]);
    }
    checkAddresses();
  });

  it('a slot holding keys migrated step by step while both clients run ~500 commands/s each', async () => {
    const [first] = await fixture.cluster.primaries();
    const slot = Number(await first.cli('CLUSTER', 'KEYSLOT', `{${migratingTag}}`));
    const migration = await fixture.cluster.migration(slot);
    expect(
      Number(await migration.source.cli('CLUSTER', 'COUNTKEYSINSLOT', String(slot))),
    ).toBeGreaterThanOrEqual(MIGRATING_KEYS);
    let moved = 0;
    let results = new Map<string, RunResult>();
    const redirects = await redirectsDuring('migration', async () => {
      results = await underLoad(clients, keysFor, async () => {
        await migration.begin();
        // Small batches with pauses: the clients meet ASK for keys already on the target for a while.
        for (;;) {
          const batch = await migration.moveKeys(20);
          moved += batch;
          if (batch === 0) break;
          await sleep(50);
        }
        await migration.finish();
      });
    });
    // The clients met the migration: ASK while keys moved, MOVED once the slot changed owner.
    expect(redirects.ask).toBeGreaterThan(0);
    expect(redirects.moved).toBeGreaterThan(0);
    expect(moved).toBeGreaterThanOrEqual(MIGRATING_KEYS);
    expect(await fixture.cluster.ownerOf(slot)).toBe(migration.target);
    expect(
      Number(await migration.target.cli('CLUSTER', 'COUNTKEYSINSLOT', String(slot))),
    ).toBeGreaterThanOrEqual(MIGRATING_KEYS);
    for (const client of clients) {
      const result = results.get(client.name);
      if (result === undefined) throw new Error(`no result for ${client.name}`);
      const { wrong, afterFault, afterFaultFailed, unexpected } = report(
        'migration',
        client.name,
        client.allowedErrors,
        result,
      );
      expect(result.pending).toBe(0);
      expect(unexpected.map((outcome) => `${outcome.errorClass}: ${outcome.error}`)).toEqual([]);
      expect(wrong).toBe(0);
      expect(afterFault.length).toBeGreaterThan(0);
      expect(afterFaultFailed).toEqual([]);
    }
    // The migrated keys read back through the proxy, by both clients.
    for (const client of clients) {
      const keys = Array.from({ length: MIGRATING_KEYS }, (_, i) => `{${migratingTag}}:${i}`);
      expect(await Promise.all(keys.map((key) => client.get(key)))).toEqual(keys.map(expectedValue));
    }
    checkAddresses();
  });

  it('kill -9 of a primary while both clients run ~500 commands/s each (last: the node stays dead)', async () => {
    const [victim] = await fixture.cluster.primaries();
    const results = await underLoad(
      clients,
      keysFor,
      async () => {
        const promoted = await fixture.cluster.killPrimary(victim);
        expect(promoted.id).not.toBe(victim.id);
      },
      KILL_TAIL_MS,
    );
    const reports = clients.map((client) => {
      const result = results.get(client.name);
      if (result === undefined) throw new Error(`no result for ${client.name}`);
      return { client, result, ...report('kill -9', client.name, client.killAllowedErrors, result) };
    });
    for (const {
      client,
      result,
      wrong,
      failed,
      afterFault,
      afterFaultFailed,
      unexpected,
      afterRecovery,
    } of reports) {
      expect(result.pending).toBe(0);
      expect(unexpected.map((outcome) => `${outcome.errorClass}: ${outcome.error}`)).toEqual([]);
      // The only reply error a client may see is the dead node's port saying it cannot reach its node.
      const replies = failed.filter((outcome) => outcome.errorClass === 'SimpleError');
      for (const outcome of replies)
        expect(outcome.error).toMatch(/^ERR slotbridge proxy: cannot reach node /);
      // No error a client sees names a backend address (redirects and the proxy's own errors alike).
      if (!DIRECT) {
        const texts = failed.map((outcome) => outcome.error ?? '').join('\n');
        expect(leakedPorts(texts, fixture.backendPorts())).toEqual([]);
      }
      expect(wrong).toBe(0);
      expect(afterFault.length).toBeGreaterThan(0);
      if (client.killRecoversAtPromotion) expect(afterFaultFailed).toEqual([]);
      // Either way the client recovers within the run: at least half a second of load, all successful.
      expect(afterRecovery).toBeGreaterThan(RATE / 2);
    }
    checkAddresses();
  });
});
