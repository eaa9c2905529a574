/**
 * Every event README lists (Events and observability) fires on every topology it names, against real
 * servers: a single server, a lab cluster and a lab sentinel group. `connect`, `ready`, `reconnecting`,
 * `error` and `end` on all three (the cluster forwarded neither `connect` nor `reconnecting` from its node
 * connections, and the sentinel said nothing when the master connection was lost: regression tests here),
 * `resubscribed` and `dropped` on all three, `topology` on the cluster and the sentinel group (a single
 * server has no topology to change).
 *
 * Data connections are broken with CLIENT KILL from a separate admin connection, picked by client name.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ClientConfig, createClient, type RedisClient } from '../../src/client/index.js';
import { type SentinelGroupHandle, startSentinelGroup } from '../../src/lab/index.js';
import { useCluster } from '../helpers/cluster-lab.js';
import { useServer } from '../helpers/lab.js';

const EVENTS = ['connect', 'ready', 'reconnecting', 'error', 'end', 'resubscribed', 'dropped', 'topology'];

interface Recorded {
  client: RedisClient;
  seen: Record<string, unknown[]>;
}

const open: RedisClient[] = [];

afterEach(() => {
  for (const client of open.splice(0)) client.disconnect();
});

function recorded(config: ClientConfig): Recorded {
  const client = createClient({
    commandTimeout: 5_000,
    connectTimeout: 2_000,
    reconnect: { kind: 'constant', delay: 100 },
    ...config,
  });
  open.push(client);
  const seen: Record<string, unknown[]> = Object.fromEntries(EVENTS.map((event) => [event, []]));
  for (const event of EVENTS) client.on(event, (payload: unknown) => seen[event].push(payload));
  return { client, seen };
}

async function until(check: () => boolean, what: string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** CLIENT KILL of every connection named `name` on the server at `port`; how many were killed. */
async function killByName(port: number, name: string): Promise<number> {
  const admin = createClient({ host: '127.0.0.1', port, reconnect: false });
  try {
    const list = String(await admin.call('CLIENT', 'LIST'));
    const ids = list
      .split('\n')
      .filter((line) => line.includes(` name=${name} `))
      .map((line) => /\bid=(\d+)/.exec(line)?.[1])
      .filter((id): id is string => id !== undefined);
    for (const id of ids) await admin.call('CLIENT', 'KILL', 'ID', id);
    return ids.length;
  } finally {
    admin.disconnect();
  }
}

/**
 * The checks every topology shares. `config` reaches the topology; `kill(name)` breaks every data
 * connection of the client named `name` and resolves with how many it broke.
 */
function lifecycleChecks(label: string, config: () => ClientConfig, kill: (name: string) => Promise<number>) {
  it(`${label}: connect and ready on connect; error, reconnecting (then working again) when a connection drops; end on quit`, async () => {
    const name = `events-${label}`;
    const { client, seen } = recorded({ ...config(), clientName: name });
    await client.connect();
    await client.set(`{ev}:${label}`, '1');
    expect(seen.connect.length).toBeGreaterThanOrEqual(1);
    expect(seen.ready.length).toBeGreaterThanOrEqual(1);
    expect(seen.reconnecting).toEqual([]);

    const connectsBefore = seen.connect.length;
    expect(await kill(name)).toBeGreaterThanOrEqual(1);
    await until(() => seen.reconnecting.length >= 1, 'reconnecting');
    const reconnecting = seen.reconnecting[0] as { attempt: number; delay: number; error: Error };
    expect(reconnecting.attempt).toBeGreaterThanOrEqual(1);
    expect(reconnecting.delay).toBeGreaterThanOrEqual(0);
    expect(reconnecting.error).toBeInstanceOf(Error);
    await until(() => seen.error.length >= 1, 'error');
    expect((seen.error[0] as { code?: string }).code).toBeTypeOf('string');
    // The client works again, over a new connection that announced itself.
    expect(await client.get(`{ev}:${label}`)).toBe('1');
    await until(() => seen.connect.length > connectsBefore, 'connect again');

    await client.quit();
    expect(seen.end.length).toBe(1);
  });

  it(`${label}: resubscribed after the subscriber's connection drops; dropped when a slow iterator overflows`, async () => {
    const name = `events-sub-${label}`;
    const { client, seen } = recorded({ ...config(), clientName: name });
    const publisher = recorded(config()).client;
    const received: string[] = [];
    await client.subscribe(`ev:${label}`, (message) => received.push(message.message));
    const slow = client.subscribe(`ev:slow:${label}`, { maxBuffered: 1 });
    await slow.ready;

    await publisher.publish(`ev:slow:${label}`, 'a');
    await publisher.publish(`ev:slow:${label}`, 'b');
    await publisher.publish(`ev:slow:${label}`, 'c');
    await until(() => seen.dropped.length === 2, 'dropped');
    expect(seen.dropped.at(-1)).toMatchObject({
      kind: 'channel',
      channel: `ev:slow:${label}`,
      dropped: 2,
    });

    expect(await kill(name)).toBeGreaterThanOrEqual(1);
    await until(() => seen.resubscribed.length >= 1, 'resubscribed');
    expect(seen.resubscribed[0]).toMatchObject({
      count: expect.any(Number),
      ms: expect.any(Number),
    });
    // Delivery resumed on the restored subscription.
    const deadline = Date.now() + 15_000;
    while (!received.includes('after')) {
      if (Date.now() > deadline) throw new Error('timed out waiting for a message after resubscribing');
      await publisher.publish(`ev:${label}`, 'after');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });
}

describe('single server', () => {
  const lab = useServer();
  lifecycleChecks(
    'single',
    () => ({ host: '127.0.0.1', port: lab.server.port }),
    (name) => killByName(lab.server.port, name),
  );
});

describe('cluster', () => {
  const lab = useCluster({ primaries: 3, replicasPerPrimary: 1 });
  const config = () => ({ cluster: { hosts: lab.cluster.seeds(), refreshInterval: 1_000 } });
  const kill = async (name: string) => {
    let killed = 0;
    for (const node of lab.cluster.nodes) killed += await killByName(node.port, name);
    return killed;
  };
  lifecycleChecks('cluster', config, kill);

  it('cluster: topology when a failover changes the slot owners', async () => {
    const { client, seen } = recorded(config());
    await client.connect();
    const primary = await lab.cluster.ownerOf(0);
    await lab.cluster.failover(primary);
    await until(() => seen.topology.length >= 1, 'topology');
    expect(seen.topology[0]).toMatchObject({ movedSlots: expect.any(Number) });
    const moved = seen.topology as Array<{ movedSlots: number }>;
    expect(moved.some((change) => change.movedSlots > 0)).toBe(true);
  }, 60_000);
});

describe('sentinel', () => {
  let group: SentinelGroupHandle;
  beforeAll(async () => {
    group = await startSentinelGroup({ replicas: 1, downAfterMs: 1_000, failoverTimeoutMs: 4_000 });
  }, 60_000);
  afterAll(async () => {
    await group?.stop();
  }, 30_000);
  const config = () => ({ sentinel: { hosts: group.sentinelAddresses(), name: group.name } });
  const kill = async (name: string) => killByName((await group.master()).port, name);
  lifecycleChecks('sentinel', config, kill);

  it('sentinel: topology when a failover moves the master', async () => {
    const { client, seen } = recorded(config());
    await client.connect();
    const before = await group.master();
    const after = await group.failover();
    await until(() => seen.topology.length >= 1, 'topology', 30_000);
    expect(seen.topology[0]).toEqual({
      added: [`127.0.0.1:${after.port}`],
      removed: [`127.0.0.1:${before.port}`],
      movedSlots: 0,
    });
  }, 60_000);
});
