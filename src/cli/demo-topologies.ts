/**
 * The demo's cluster and sentinel sections: start the lab topology, run a few commands, fail the
 * primary over while the same client keeps working, stop.
 */
import { createClient } from '../client/index.js';
import { startCluster, startSentinelGroup } from '../lab/index.js';
import { keySlot } from '../topology/cluster/index.js';
import type { Say } from './demo-command.js';

export async function clusterSection(out: Say): Promise<void> {
  out('== Redis Cluster (3 primaries + 3 replicas) ==');
  const started = performance.now();
  const cluster = await startCluster({ nodeTimeoutMs: 1000 });
  const [seed] = cluster.seeds();
  out(`lab: started ${cluster.nodes.length} nodes (${seconds(started)}), seed ${seed}`);
  const client = createClient({ cluster: { hosts: [seed] } });
  try {
    await client.connect();
    out('client: connected to one seed; the other nodes come from CLUSTER SHARDS');
    out(`  SET user:1 Ada            -> ${await client.set('user:1', 'Ada')}`);
    out(`  GET user:1                -> ${JSON.stringify(await client.get('user:1'))}`);
    const pipeline = client.pipeline();
    for (let i = 0; i < 1000; i++) pipeline.set(`item:${i}`, String(i));
    const t0 = performance.now();
    const results = await pipeline.exec();
    const ok = results.filter((reply) => reply === 'OK').length;
    out(
      `  pipeline of 1000 SET      -> ${ok} OK in ${(performance.now() - t0).toFixed(1)} ms ` +
        '(split per node, replies back in order)',
    );

    const owner = await cluster.ownerOf(keySlot('user:1'));
    out(`fault: CLUSTER FAILOVER of ${owner.address}, the primary serving user:1`);
    const promoted = await cluster.failover(owner);
    out(`  ${promoted.address} is the new primary of those slots`);
    out(
      `  GET user:1 after failover -> ${JSON.stringify(await client.get('user:1'))} (MOVED followed, map refreshed)`,
    );
    out(`  SET user:2 Bob            -> ${await client.set('user:2', 'Bob')}`);
    await client.quit();
  } finally {
    client.disconnect();
    await cluster.stop();
    out('lab: cluster stopped');
  }
}

export async function sentinelSection(out: Say): Promise<void> {
  out('== Redis Sentinel (1 primary + 2 replicas, 3 sentinels) ==');
  const started = performance.now();
  const group = await startSentinelGroup({ downAfterMs: 1000, failoverTimeoutMs: 4000 });
  const first = await group.master();
  out(
    `lab: started (${seconds(started)}): primary ${first.address}, sentinels ${group.sentinelAddresses().join(' ')}`,
  );
  const client = createClient({ sentinel: { hosts: group.sentinelAddresses(), name: group.name } });
  try {
    await client.connect();
    out(`client: asked a sentinel for "${group.name}" and connected to the primary it named`);
    out(`  SET greeting hello        -> ${await client.set('greeting', 'hello')}`);
    out(`  GET greeting              -> ${JSON.stringify(await client.get('greeting'))}`);
    out('fault: SENTINEL FAILOVER (the client hears +switch-master and moves)');
    const promoted = await group.failover();
    out(`  ${promoted.address} is the new primary`);
    out(`  SET greeting again        -> ${await client.set('greeting', 'again')}`);
    out(`  GET greeting              -> ${JSON.stringify(await client.get('greeting'))}`);
    await client.quit();
  } finally {
    client.disconnect();
    await group.stop();
    out('lab: sentinel group stopped');
  }
}

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}
