/**
 * `slotbridge demo`: starts real Redis topologies through the lab, drives them with the client,
 * prints what happened, and cleans up. Each section is a small function that owns its servers.
 */
import { createClient, ReplyError } from '../client/index.js';
import { labServerBuild, startServer } from '../lab/index.js';
import { reachabilitySection } from './demo-reachability.js';
import { clusterSection, sentinelSection } from './demo-topologies.js';

/** Prints one line of the demo. */
export type Say = (line: string) => void;

const say: Say = (line) => process.stdout.write(`${line}\n`);

export async function runDemo(): Promise<void> {
  const started = performance.now();
  await standaloneSection(say);
  say('');
  await clusterSection(say);
  say('');
  await sentinelSection(say);
  say('');
  await reachabilitySection(say);
  say('');
  say(
    `Demo finished in ${((performance.now() - started) / 1000).toFixed(1)} s; every server it started is stopped.`,
  );
}

async function standaloneSection(out: Say): Promise<void> {
  out('== Single server ==');
  const server = await startServer();
  out(
    `lab: started ${labServerBuild().name === 'PATH' ? 'redis-server' : labServerBuild().name} ${await server.cli('INFO', 'server').then(versionOf)} at ${server.address}`,
  );
  const client = createClient(`redis://${server.address}/0?clientName=slotbridge-demo`);
  try {
    await client.connect();
    out(`client: connected (the same code takes a cluster or sentinel URL: only the config changes)`);
    out(`  SET greeting hello        -> ${await client.set('greeting', 'hello')}`);
    out(`  GET greeting              -> ${JSON.stringify(await client.get('greeting'))}`);
    await client.hset('user:1', { name: 'Ada', lang: 'en' });
    out(`  HGETALL user:1            -> ${JSON.stringify(await client.hgetall('user:1'))}`);
    await client.zadd('scores', { score: 12, member: 'ada' }, { score: 7.5, member: 'bob' });
    out(`  ZRANGE scores WITHSCORES  -> ${JSON.stringify(await client.zrangeWithScores('scores', 0, -1))}`);

    const pipeline = client.pipeline();
    for (let i = 0; i < 1000; i++) pipeline.incr('counter');
    const t0 = performance.now();
    const results = await pipeline.exec();
    out(
      `  pipeline of 1000 INCR     -> last ${String(results[999])} in ${(performance.now() - t0).toFixed(1)} ms ` +
        '(one write, replies matched in order)',
    );

    try {
      await client.call('LPUSH', 'greeting', 'x');
    } catch (error) {
      if (error instanceof ReplyError) out(`  LPUSH on a string         -> ReplyError code=${error.code}`);
    }

    out('fault: the server is killed and restarted while a read is in flight');
    server.pause();
    const inFlight = client.get('greeting');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await server.kill('SIGKILL');
    await server.restart();
    const afterRestart = await inFlight;
    out(
      `  in-flight GET re-sent after reconnect -> ${JSON.stringify(afterRestart)} (the restarted server is empty)`,
    );
    out(`  SET after restart         -> ${await client.set('greeting', 'back')}`);
    await client.quit();
    out('client: quit (pending replies drained, then closed)');
  } finally {
    client.disconnect();
    await server.stop();
    out(`lab: stopped ${server.address}`);
  }
}

export function versionOf(info: string): string {
  const match = /redis_version:(\S+)/.exec(info);
  return match ? match[1] : '';
}
