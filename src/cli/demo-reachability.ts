/**
 * The demo's "The seed's problem and our fix, side by side" section. As root with network namespaces:
 * a kube lab (cluster only) and two clients run from its laptop namespace, one without a mapping
 * (the explained error) and one with `discover` (every slot). Elsewhere: the same on loopback, with
 * one primary announcing 127.0.0.2, where nothing answers.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { labServerBuild, startCluster } from '../lab/index.js';
import { type KubeLab, netnsUnavailableReason, startKubeLab } from '../lab/kube/index.js';
import { nodeCommandFor } from '../lab/kube/node-runner.js';
import { keySlot } from '../topology/cluster/index.js';
import type { Say } from './demo-command.js';
import { type DemoReachResult, type DemoReachSpec, reachEverySlot } from './demo-laptop-client.js';

const TITLE = "== The seed's problem and our fix, side by side ==";

export async function reachabilitySection(out: Say): Promise<void> {
  out(TITLE);
  const reason = netnsUnavailableReason();
  if (reason === undefined) {
    await inKubeLab(out);
  } else {
    out(`(no network namespaces here: ${reason}; showing the same on loopback)`);
    await onLoopback(out);
  }
}

async function inKubeLab(out: Say): Promise<void> {
  const started = performance.now();
  const lab = await startKubeLab({ sentinel: false });
  const seed = lab.seed?.ingress ?? `${lab.ingressHost}:6379`;
  out(
    `lab: kube lab up (${((performance.now() - started) / 1000).toFixed(1)} s): the cluster announces ` +
      `198.18.0.11-16:6379; the "laptop" namespace reaches only ${lab.ingressHost} ` +
      `(seed ${seed}, every node on ${lab.ingressHost}:${lab.clusterPortRange})`,
  );
  try {
    const script = laptopScript();
    const run = async (spec: DemoReachSpec): Promise<DemoReachResult> => {
      const result = await lab.runInLaptop(script, [JSON.stringify(spec)], { timeoutMs: 30_000 });
      if (result.code !== 0) {
        throw new Error(`the laptop client failed (exit ${result.code}): ${result.stderr.trim()}`);
      }
      return JSON.parse(result.stdout) as DemoReachResult;
    };
    out(`the seed's problem, from the laptop: createClient('redis-cluster://${seed}')`);
    printFailure(out, await run({ seed }), 'demo:reach');
    const discover = { host: lab.ingressHost, ports: lab.clusterPortRange };
    out(
      `our fix, from the laptop: addresses: { discover: { host: '${discover.host}', ports: '${discover.ports}' } }`,
    );
    printSuccess(out, await run({ seed, discover, everySlot: true }));
    await proxyForAnyClient(out, lab);
  } finally {
    await lab.stop();
    out('lab: kube lab stopped (namespaces deleted)');
  }
}

/** The proxy next to the servers: redis-cli -c from the laptop follows redirects to proxy ports only. */
async function proxyForAnyClient(out: Say, lab: KubeLab): Promise<void> {
  const listen = '198.18.0.41';
  const first = 31000;
  const last = 31011;
  const self = fileURLToPath(import.meta.url);
  const main = path.join(path.dirname(self), self.endsWith('.ts') ? 'main.ts' : 'main.js');
  const command = nodeCommandFor(main, [
    'proxy',
    '--cluster',
    `redis://${lab.clusterNodes[0]?.internal ?? '198.18.0.11:6379'}`,
    '--listen',
    listen,
    '--advertise',
    lab.ingressHost,
    '--ports',
    `${first}-${last}`,
  ]);
  lab.spawn('cluster', command.command, command.args);
  for (let i = 0; ; i++) {
    if ((await lab.cli(`${listen}:${first}`, 'PING').catch(() => '')) === 'PONG') break;
    if (i > 150) throw new Error('the proxy did not start');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await lab.expose(
    Array.from({ length: last - first + 1 }, (_, i) => ({
      internal: `${listen}:${first + i}`,
      ingressPort: first + i,
    })),
  );
  out(
    `any client, from the laptop: slotbridge proxy runs next to the servers (${listen}), one port per node, ` +
      `exposed on ${lab.ingressHost}:${first}-${last}`,
  );
  const keys = ['user:1', 'user:2', 'order:7', 'cart:42'];
  const script = `${keys.map((k) => `SET ${k} v`).join('\n')}\n${keys.map((k) => `GET ${k}`).join('\n')}\n`;
  const result = await lab.exec('laptop', 'sh', [
    '-c',
    `printf '${script}' | ${labServerBuild().cli} -c -h ${lab.ingressHost} -p ${first}`,
  ]);
  out(`  $ redis-cli -c -h ${lab.ingressHost} -p ${first}   (SET then GET of ${keys.join(', ')})`);
  for (const line of result.stdout.split('\n').filter((l) => l !== '')) out(`    ${line}`);
}

async function onLoopback(out: Say): Promise<void> {
  const cluster = await startCluster({ nodeTimeoutMs: 1000 });
  try {
    const [seed, hidden] = await cluster.primaries();
    await hidden.cli('CONFIG', 'SET', 'cluster-announce-ip', '127.0.0.2');
    await waitFor(async () => (await seed.cli('CLUSTER', 'NODES')).includes(`127.0.0.2:${hidden.port}`));
    out(
      `lab: cluster of ${cluster.nodes.length} nodes; primary ${hidden.address} now announces ` +
        `127.0.0.2:${hidden.port}, where nothing answers (like a pod address seen from a laptop)`,
    );
    out(`the seed's problem: createClient('redis-cluster://${seed.address}')`);
    let key = 'demo:reach';
    for (let i = 0; (await cluster.ownerOf(keySlot(key))).id !== hidden.id; i++) key = `demo:reach:${i}`;
    printFailure(out, await reachEverySlot({ seed: seed.address, key }), key);
    const ports = cluster.nodes.map((node) => node.port).join(',');
    out(`our fix: addresses: { discover: { host: '127.0.0.1', ports: '${ports}' } }`);
    printSuccess(
      out,
      await reachEverySlot({ seed: seed.address, discover: { host: '127.0.0.1', ports }, everySlot: true }),
    );
  } finally {
    await cluster.stop();
    out('lab: cluster stopped');
  }
}

function printFailure(out: Say, result: DemoReachResult, key: string): void {
  const command = `SET ${key}`.padEnd(26);
  if (result.error === undefined) {
    out(`  ${command}-> ${result.ok === 1 ? 'OK (unexpected: the node was reachable)' : 'no reply'}`);
    return;
  }
  const { name, code, message } = result.error;
  out(`  ${command}-> ${name} ${code ?? ''} after ${result.ms} ms (no hang):`);
  const [what] = message.split(' The server that announced it was reachable');
  for (const line of wrap(what, 96)) out(`    ${line}`);
  out(
    '    Ways out: addresses.map, addresses.discover, or `slotbridge proxy`; `slotbridge doctor <url>` shows all.',
  );
}

function printSuccess(out: Say, result: DemoReachResult): void {
  const failed = result.error ? `; first error: ${result.error.message.slice(0, 120)}` : '';
  out(
    `  pipeline of one SET per slot -> ${result.ok}/16384 OK in ${result.ms} ms ` +
      `(nodes matched by CLUSTER MYID; no internal address configured)${failed}`,
  );
}

/** Polls `check` every 100 ms for up to 20 s (gossip spreading a changed announced address). */
async function waitFor(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the changed announced address did not reach the seed within 20 s');
}

/** Splits `text` at spaces into lines of at most `width` characters (longer words stay whole). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** The laptop client script next to this module: `.ts` from source, `.js` from dist. */
function laptopScript(): string {
  const here = fileURLToPath(import.meta.url);
  return path.join(path.dirname(here), `demo-laptop-client${path.extname(here)}`);
}
