/**
 * The promise "failover without surprises", asserted on whichever server build the lab runs
 * (SLOTBRIDGE_SERVER; `npm run test:servers` runs this file on each): kill -9 of a cluster primary and
 * of a sentinel master under ~1,000 commands/s —
 * - nothing stays pending;
 * - only commands already written when the client learned the process died fail (none issued after);
 * - full service again (no failure, no command waiting > 250 ms) within the server's failover budget
 *   plus 2 s: cluster-node-timeout + the replica's maximal election delay + 2 s for a cluster,
 *   down-after + failover-timeout + 2 s for sentinel; and within 2 s of the moment the lab saw the
 *   server's failover complete (the client's own share).
 * Prints one greppable `[failover-bounds]` line per topology with the numbers (errors, recovery ms).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type RedisClient } from '../../src/client/index.js';
import {
  labServerBuild,
  type SentinelGroupHandle,
  serverVersionLine,
  startSentinelGroup,
} from '../../src/lab/index.js';
import { keySlot } from '../../src/topology/cluster/index.js';
import { useCluster } from '../helpers/cluster-lab.js';
import { type LoadResult, runLoad, summarize } from '../helpers/sentinel-load.js';

const NODE_TIMEOUT_MS = 1_000;
/**
 * A replica starts its election 500 ms + a random 0-500 ms + rank x 1 s after it sees its primary FAIL
 * (cluster spec, "Replica election and promotion"); each shard here has one replica (rank 0), so the
 * server's own failover may take node-timeout + 1 s before the client can do anything.
 */
const ELECTION_DELAY_MAX_MS = 1_000;
const SERVICE_MARGIN_MS = 2_000;

let serverLabel = '';
beforeAll(async () => {
  const build = labServerBuild();
  serverLabel = `${build.name} (${/v=(\S+)/.exec(await serverVersionLine(build))?.[1] ?? '?'})`;
});

/** What the bounds say about one run, checked and printed the same way for both topologies. */
function checkBounds(
  topology: string,
  result: LoadResult,
  killedAt: number,
  budgetMs: number,
  promotedAt: number,
): void {
  const report = summarize(result, killedAt);
  const failures = result.outcomes.filter((outcome) => !outcome.ok);
  // In flight = written before the client could know the process had died. It knows once it reads the
  // closed socket, which is when it rejects the first in-flight command; a timer that fires after a
  // blocked event loop runs before that read (libuv runs timers before polling sockets), so a command
  // issued a few ms after the kill may still be written to the dead socket. None issued after the
  // client rejected its first command may fail.
  const learnedAt = Math.max(killedAt, Math.min(...failures.map((outcome) => outcome.settledAt)));
  const lateFailures = failures.filter((outcome) => outcome.issuedAt > learnedAt);
  console.log(
    `[failover-bounds] server=${serverLabel} topology=${topology} sent=${report.sent} ` +
      `errors=${failures.length} ${JSON.stringify(report.errors)} ` +
      `issued_after_kill_failed=${failures.filter((outcome) => outcome.issuedAt > killedAt).length} ` +
      `issued_after_loss_seen_failed=${lateFailures.length} ` +
      `pending=${result.pending} recovery_ms=${Math.max(report.recoveredAfterFaultMs, report.resumedAfterFaultMs)} ` +
      `max_latency_ms=${report.maxLatencyMs} budget_ms=${budgetMs} ` +
      `server_promoted_ms=${Math.round(promotedAt - killedAt)}`,
  );
  expect(result.pending).toBe(0);
  expect(report.sent).toBeGreaterThan(3_000);
  // Only what was in flight when the client learned the process had died may fail.
  expect(
    lateFailures.map(
      (outcome) =>
        `${outcome.code} issued ${Math.round(outcome.issuedAt - killedAt)} ms after the kill, ` +
        `${Math.round(outcome.issuedAt - learnedAt)} ms after the client saw it`,
    ),
  ).toEqual([]);
  expect(report.recoveredAfterFaultMs).toBeLessThanOrEqual(budgetMs);
  expect(report.resumedAfterFaultMs).toBeLessThanOrEqual(budgetMs);
  // The client's own share: at most the margin after the lab saw the server finish its failover.
  const serverShareMs = promotedAt - killedAt;
  expect(report.recoveredAfterFaultMs).toBeLessThanOrEqual(serverShareMs + SERVICE_MARGIN_MS);
  expect(report.resumedAfterFaultMs).toBeLessThanOrEqual(serverShareMs + SERVICE_MARGIN_MS);
}

/** How many shards CLUSTER SHARDS (asked of one node, RESP2) lists with nodes but no slot. */
async function shardsWithoutSlots(address: string): Promise<number> {
  const direct = createClient(`redis://${address}`);
  try {
    const reply = (await direct.call('CLUSTER', 'SHARDS')) as unknown[];
    // RESP3: one map per shard; RESP2: a flat field/value array.
    const entry = (shard: unknown, name: string): unknown[] => {
      if (shard instanceof Map) return (shard.get(name) as unknown[]) ?? [];
      const flat = shard as unknown[];
      return (flat[flat.indexOf(name) + 1] as unknown[]) ?? [];
    };
    return reply.filter((shard) => entry(shard, 'slots').length === 0 && entry(shard, 'nodes').length > 0)
      .length;
  } finally {
    await direct.quit();
  }
}

describe('kill -9 under load: the failover bounds hold on this server', () => {
  describe('cluster primary', () => {
    const lab = useCluster({ nodeTimeoutMs: NODE_TIMEOUT_MS });
    let client: RedisClient;

    beforeAll(async () => {
      client = createClient({ cluster: { hosts: lab.cluster.seeds() }, commandTimeout: 10_000 });
      await client.connect();
    });
    afterAll(async () => {
      await client?.quit();
    });

    it(`only commands in flight fail; full service within node-timeout + election delay + ${SERVICE_MARGIN_MS} ms`, async () => {
      const [primary] = await lab.cluster.primaries();
      // Keys on every shard, several on the primary that dies.
      const keys = Array.from({ length: 48 }, (_, i) => `bounds:${i}`);
      expect(new Set(keys.map((key) => Math.floor(keySlot(key) / 5462))).size).toBe(3);
      let killedAt = 0;
      const load = runLoad(client, { durationMs: 9_000, key: keys[0], keys });
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await lab.cluster.killPrimary(primary, {
        onKilled: () => {
          killedAt = performance.now();
        },
      });
      // The lab returns once every live node agrees on the promoted primary: the server's own share.
      const promotedAt = performance.now();
      const result = await load;
      // Redis 7.2/7.4 list the dead primary and the promoted one in one shard with `slots []` until the
      // dead one returns (shards-cross-check.ts); the client must still know an owner for every slot.
      const emptyShards = await shardsWithoutSlots(lab.cluster.seeds()[0]);
      console.log(
        `[failover-bounds] server=${serverLabel} cluster_shards_with_empty_slot_list=${emptyShards}`,
      );
      const everyShard = Array.from({ length: 64 }, (_, i) => `after-kill:${i}`);
      await Promise.all(everyShard.map((key) => client.set(key, 'v')));
      checkBounds(
        'cluster',
        result,
        killedAt,
        NODE_TIMEOUT_MS + ELECTION_DELAY_MAX_MS + SERVICE_MARGIN_MS,
        promotedAt,
      );
      await lab.cluster.restartNode(primary);
    }, 90_000);
  });

  describe('sentinel master', () => {
    let group: SentinelGroupHandle;
    let client: RedisClient;

    beforeAll(async () => {
      group = await startSentinelGroup({ downAfterMs: 1_000, failoverTimeoutMs: 4_000 });
      client = createClient({
        sentinel: { hosts: group.sentinelAddresses(), name: group.name },
        commandTimeout: 10_000,
        connectTimeout: 1_000,
      });
      await client.connect();
    }, 60_000);
    afterAll(async () => {
      client?.disconnect();
      await group?.stop();
    });

    it(`only commands in flight fail; full service within down-after + failover-timeout + ${SERVICE_MARGIN_MS} ms`, async () => {
      const load = runLoad(client, { durationMs: 11_000, key: 'bounds:sentinel' });
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const killed = await group.killMaster();
      const killedAt = performance.now();
      try {
        await group.waitForNewMaster(killed);
        const promotedAt = performance.now();
        const result = await load;
        checkBounds(
          'sentinel',
          result,
          killedAt,
          group.downAfterMs + group.failoverTimeoutMs + SERVICE_MARGIN_MS,
          promotedAt,
        );
      } finally {
        await load.catch(() => undefined);
        await group.restartAsReplica(killed);
      }
    }, 90_000);
  });
});
