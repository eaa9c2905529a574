/**
 * `slotbridge proxy` attacked from its client side, against a real lab cluster and a sentinel group: every
 * probe of the hardening issue (its six findings and the malformed-input probes). Rogue listeners stand
 * for hosts the proxy must never reach — outside the backend allow-list on 127.0.1.1, and non-members
 * inside it on 127.0.0.1 — and count every connection and keep every byte. The file ends by checking that
 * no rogue was ever connected to by the proxy, that no credential reached one, that no reply carried a
 * backend port, and that ordinary clients (ioredis, node-redis, redis-cli -c) still work.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { connect as connectTcp, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connect as connectTls } from 'node:tls';
import { promisify } from 'node:util';
import { Cluster as IoredisCluster, Redis } from 'ioredis';
import { createCluster } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Connection } from '../../src/connection/index.js';
import {
  findFreePort,
  type LabCluster,
  type LabClusterNode,
  makeCertificates,
  type SentinelGroupHandle,
  startCluster,
  startSentinelGroup,
} from '../../src/lab/index.js';
import { ClusterProxy, type ClusterProxyOptions } from '../../src/proxy/index.js';
import { eventually, exchange, exchangeUntilClosed, Rogue, resp, transcript } from '../helpers/attacker.js';
import { randomRangeStart } from '../helpers/port-range.js';

const run = promisify(execFile);
/** The proxy's backend credentials: an ACL user without @admin/@dangerous (see the script probe). */
const USER = 'sbproxy';
const SECRET = 'sb-backend-secret-9c1e';
const CLIENT_SECRET = 'sb-client-secret-41ab';
const NOPERM = /^-NOPERM .*--allow/;

let cluster: LabCluster;
let group: SentinelGroupHandle;
const proxies: ClusterProxy[] = [];
const logs: string[] = [];
/** Outside the default allow-list (the seeds' 127.0.0.0/24). */
const outside: Rogue[] = [];
/** Inside the allow-list, but not cluster members. */
const inside: Rogue[] = [];
/** Every backend port ever used (cluster nodes, added nodes, sentinel group). */
const backendPorts = new Set<number>();

function range(): { first: number; last: number } {
  const first = randomRangeStart();
  return { first, last: first + 99 };
}

async function startProxy(options: Partial<ClusterProxyOptions> = {}): Promise<ClusterProxy> {
  const proxy = new ClusterProxy({
    seeds: [{ host: '127.0.0.1', port: cluster.nodes[0].port }],
    username: USER,
    password: SECRET,
    advertiseHost: '127.0.0.1',
    ports: range(),
    entryPort: await findFreePort(),
    refreshIntervalMs: 500,
    drainTimeoutMs: 1000,
    log: (line) => logs.push(line),
    ...options,
  });
  proxies.push(proxy);
  await proxy.start();
  return proxy;
}

function rowOf(proxy: ClusterProxy, node: LabClusterNode) {
  return proxy.portTable().find((row) => row.node.id === node.id);
}

function rememberBackends(): void {
  for (const node of cluster?.nodes ?? []) backendPorts.add(node.port);
  for (const server of [...(group?.servers ?? []), ...(group?.sentinels ?? [])])
    backendPorts.add(server.port);
}

/** Backend ports named in `text` as an address (`host:port`, `port=`, a RESP integer or bulk). */
function leaked(text: string): number[] {
  rememberBackends();
  return [...backendPorts].filter((port) =>
    new RegExp(`(:|=|\\$\\d+\\r\\n|\\[)${port}(\\D|$)`).test(text.replace(/[0-9]+:[0-9]+:[0-9]+/g, '')),
  );
}

let proxy: ClusterProxy;

beforeAll(async () => {
  cluster = await startCluster({ replicasPerPrimary: 0, nodeTimeoutMs: 1000, timeoutMs: 20_000 });
  for (const node of cluster.nodes) {
    await node.cli(
      'ACL',
      'SETUSER',
      USER,
      'on',
      `>${SECRET}`,
      '~*',
      '&*',
      '+@all',
      '-@admin',
      '-@dangerous',
      '+info',
      '+role',
      '+cluster|replicas',
      '+cluster|slaves',
      '+keys',
    );
  }
  for (let i = 0; i < 8; i++) outside.push(await Rogue.listen('127.0.1.1'));
  for (let i = 0; i < 14; i++) inside.push(await Rogue.listen('127.0.0.1'));
  proxy = await startProxy({ idleTimeoutMs: 60_000, requestTimeoutMs: 60_000 });
  rememberBackends();
}, 90_000);

afterAll(async () => {
  await Promise.all(proxies.map((each) => each.stop()));
  await Promise.all([...outside, ...inside].map((rogue) => rogue.close()));
  await cluster?.stop();
  await group?.stop();
}, 60_000);

describe('finding 1: the proxy follows no address it was not given', () => {
  it('CONFIG SET cluster-announce-port through the proxy is refused (multibulk, inline, quoted, inside MULTI); no port moves', async () => {
    const target = String(inside[0].port);
    const before = proxy.portTable().map((row) => `${row.node.id}:${row.proxyPort}:${row.node.port}`);
    const payloads = [
      resp('CONFIG', 'SET', 'cluster-announce-port', target),
      `CONFIG SET cluster-announce-port ${target}\r\n`,
      `"\\x63onfig" set cluster-announce-port ${target}\r\n`,
      `con'fig' SET cluster-announce-port ${target}\r\n`,
    ];
    for (const port of [proxy.entry.port, ...proxy.portTable().map((row) => row.proxyPort)]) {
      for (const payload of payloads) {
        expect(await exchange(port, payload)).toMatch(/^-NOPERM .*'config\|set'.*--allow config\|set/);
      }
    }
    const multi = await exchange(
      proxy.entry.port,
      `MULTI\r\n${resp('CONFIG', 'SET', 'cluster-announce-port', target)}EXEC\r\n`,
      /EXECABORT.*\r\n$/,
    );
    expect(multi).toMatch(/^\+OK\r\n-NOPERM .*\r\n-EXECABORT/);
    for (const node of cluster.nodes)
      expect(await node.cli('CONFIG', 'GET', 'cluster-announce-port')).toMatch(/\n0$/);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(proxy.portTable().map((row) => `${row.node.id}:${row.proxyPort}:${row.node.port}`)).toEqual(
      before,
    );
    expect(inside[0].connections).toBe(0);
  });

  let extra: LabClusterNode;

  it('a node that announces an address outside the allow-list (set on the server itself) is never connected to; its port forwards nothing', async () => {
    extra = await cluster.addNode();
    backendPorts.add(extra.port);
    await eventually(() => rowOf(proxy, extra)?.node.present === true);
    const port = rowOf(proxy, extra)?.proxyPort ?? 0;
    expect(await exchange(port, 'PING\r\n')).toBe('+PONG\r\n');
    const rogue = outside[0];
    await extra.cli(
      'CONFIG',
      'SET',
      'cluster-announce-ip',
      rogue.host,
      'cluster-announce-port',
      String(rogue.port),
    );
    await eventually(() => logs.some((line) => line.includes(`announces ${rogue.host}:${rogue.port}`)));
    await eventually(() => rowOf(proxy, extra)?.node.present === false);
    const reply = await exchange(port, 'PING\r\n');
    expect(reply).toMatch(
      /^-ERR slotbridge proxy: node [0-9a-f]+ \(proxy port \d+\) is no longer part of the cluster/,
    );
    expect(rowOf(proxy, extra)?.proxyPort).toBe(port);
    expect(rogue.connections).toBe(0);
    expect(proxy.metrics.backendsRefused).toBeGreaterThan(0);
    await extra.cli('CONFIG', 'SET', 'cluster-announce-ip', '', 'cluster-announce-port', '0');
  });

  it('finding 4: a node removed from the cluster (still running) keeps its port number; the port answers an error and forwards nothing', async () => {
    if (extra === undefined) {
      extra = await cluster.addNode();
      backendPorts.add(extra.port);
    }
    await eventually(async () => {
      const nodes = await cluster.nodes[0].cli('CLUSTER', 'NODES');
      return nodes.includes(`127.0.0.1:${extra.port}@`);
    }, 20_000);
    await eventually(() => rowOf(proxy, extra)?.node.present === true, 20_000);
    const port = rowOf(proxy, extra)?.proxyPort ?? 0;
    expect(await exchange(port, 'PING\r\n')).toBe('+PONG\r\n');
    // Clients connected before the removal are closed with it: one owed nothing just closes (an unrequested
    // error would be read as the reply to its next command); one awaiting a reply (WAIT for a replica this
    // primary does not have blocks until then) gets the error in its place.
    const earlier = exchangeUntilClosed(port, 'PING\r\n', 15_000);
    const waiting = exchangeUntilClosed(port, resp('WAIT', '1', '0'), 15_000);
    await eventually(async () => (await extra.cli('INFO', 'clients')).includes('blocked_clients:1'));
    // Forgotten by every other node, and forgetting them: it is no longer a member, but it still runs.
    await extra.cli('CLUSTER', 'RESET', 'SOFT');
    for (const node of cluster.nodes)
      if (node !== extra) await node.cli('CLUSTER', 'FORGET', extra.id).catch(() => '');
    await eventually(() => rowOf(proxy, extra)?.node.present === false);
    expect(await extra.cli('PING')).toBe('PONG');
    expect(await earlier).toEqual({ text: '+PONG\r\n', closed: true });
    const blocked = await waiting;
    expect(blocked.closed).toBe(true);
    expect(blocked.text).toMatch(
      /^-ERR slotbridge proxy: node [0-9a-f]+ is no longer part of the cluster; closing the connection\r\n$/,
    );
    const reply = await exchange(port, 'PING\r\n');
    expect(reply).toMatch(
      /^-ERR slotbridge proxy: .*no longer part of the cluster; this port forwards nothing/,
    );
    expect(rowOf(proxy, extra)?.proxyPort).toBe(port);
    // The lab forgets it too (and stops it), so that later health checks look at members only.
    await cluster.removeNode(extra);
  });
});

describe('finding 2: CLUSTER MEET cannot make the proxy an open relay', () => {
  it('CLUSTER MEET through the proxy is refused', async () => {
    const rogue = inside[1];
    for (const payload of [
      resp('CLUSTER', 'MEET', rogue.host, String(rogue.port)),
      `cluster meet ${rogue.host} ${rogue.port}\r\n`,
      `cl"uster" "meet" ${rogue.host} ${rogue.port}\r\n`,
    ]) {
      expect(await exchange(proxy.entry.port, payload)).toMatch(/^-NOPERM .*'cluster\|meet'/);
    }
  });

  it('six nodes met on a server itself stay in handshake: no port, no connection, their addresses withheld', async () => {
    const before = proxy.portTable().length;
    const rogues = inside.slice(2, 8);
    const buses = inside.slice(8, 14);
    for (let i = 0; i < rogues.length; i++) {
      await cluster.nodes[0].cli(
        'CLUSTER',
        'MEET',
        '127.0.0.1',
        String(rogues[i].port),
        String(buses[i].port),
      );
    }
    // Asked right away, while the met nodes are in handshake: the reply names them.
    const nodes = await exchange(
      proxy.portTable().find((row) => row.node.id === cluster.nodes[0].id)?.proxyPort ?? 0,
      resp('CLUSTER', 'NODES'),
      /handshake[^\n]*\n(?:[^\n]*\n)*\r\n$|\r\n$/,
    );
    expect(nodes).toMatch(/myself/);
    expect(nodes).toContain('handshake');
    for (const rogue of rogues) expect(nodes).not.toContain(`:${rogue.port}@`);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(proxy.portTable().length).toBe(before);
    for (const rogue of rogues) expect(rogue.connections).toBe(0);
  });
});

describe('finding 3: administrative commands are refused', () => {
  it('each gets -NOPERM naming the option that allows it; none took effect', async () => {
    // The owner of the slot of {a}k (15495), so that the key probes act on it.
    const node = await cluster.ownerOf(15495);
    const rogue = outside[1];
    const port = rowOf(proxy, node)?.proxyPort ?? 0;
    await node.cli('SET', '{a}k', 'v');
    const probes: string[][] = [
      ['MIGRATE', rogue.host, String(rogue.port), '{a}k', '0', '1000'],
      ['SHUTDOWN', 'NOSAVE'],
      ['CONFIG', 'SET', 'maxmemory', '1'],
      ['CONFIG', 'GET', 'requirepass'],
      ['CONFIG', 'REWRITE'],
      ['DEBUG', 'SLEEP', '0'],
      ['MODULE', 'LOAD', '/tmp/evil.so'],
      ['CLUSTER', 'FORGET', cluster.nodes[1].id],
      ['CLUSTER', 'RESET', 'HARD'],
      ['CLUSTER', 'SETSLOT', '0', 'NODE', cluster.nodes[1].id],
      ['CLUSTER', 'ADDSLOTS', '0'],
      ['CLUSTER', 'DELSLOTS', '0'],
      ['CLUSTER', 'FAILOVER'],
      ['CLUSTER', 'REPLICATE', cluster.nodes[1].id],
      ['REPLICAOF', rogue.host, String(rogue.port)],
      ['SLAVEOF', rogue.host, String(rogue.port)],
      ['FAILOVER'],
      ['ACL', 'SETUSER', 'evil', 'on', '>x', '+@all'],
      ['ACL', 'LOG'],
      ['FLUSHALL'],
      ['FLUSHDB'],
      ['SWAPDB', '0', '1'],
      ['CLIENT', 'KILL', 'TYPE', 'normal'],
      ['CLIENT', 'LIST'],
      ['CLIENT', 'PAUSE', '100000'],
      ['SAVE'],
      ['BGSAVE'],
      ['SLOWLOG', 'GET'],
      ['LATENCY', 'RESET'],
      ['RESTORE', 'x', '0', 'payload'],
    ];
    for (const args of probes) {
      const reply = await exchange(port, resp(...args));
      expect(reply, args.join(' ')).toMatch(NOPERM);
    }
    expect(await exchange(port, resp('MONITOR')), 'MONITOR').toMatch(NOPERM);
    for (const args of [['SYNC'], ['PSYNC', '?', '-1']]) {
      expect(await exchange(port, resp(...args)), args.join(' ')).toMatch(
        /^-NOPERM slotbridge proxy does not forward/,
      );
    }
    expect(await node.cli('PING')).toBe('PONG');
    expect(await node.cli('GET', '{a}k')).toBe('v');
    expect(await node.cli('CONFIG', 'GET', 'maxmemory')).toMatch(/\n0$/);
    expect(await node.cli('ACL', 'USERS')).not.toContain('evil');
    expect(await node.cli('ROLE')).toMatch(/^master/);
    expect(rogue.connections).toBe(0);
    await cluster.waitHealthy();
    expect(proxy.metrics.commandsDenied).toBeGreaterThanOrEqual(probes.length);
  });

  it('a NUL or control byte in a command name is refused, never forwarded (the server compares names up to NUL)', async () => {
    const port = proxy.entry.port;
    let payload = '';
    for (let i = 0; i < 300; i++) payload += resp(`CONFIG\0${i}`, 'SET', 'maxmemory', '1');
    for (let i = 0; i < 300; i++) payload += resp('CONFIG', `SET\0${i}`, 'maxmemory', '1');
    payload += resp('con\x0bfig', 'SET', 'maxmemory', '1');
    const replies = await exchange(
      port,
      payload,
      /(?:\r\n[^\r\n]*){601}\r\n$|^(?:-[^\r\n]*\r\n){601}$/,
      10_000,
    );
    const lines = replies.split('\r\n').filter((line) => line !== '');
    expect(lines).toHaveLength(601);
    for (const line of lines) expect(line).toMatch(/slotbridge proxy refuses/);
    for (const node of cluster.nodes) expect(await node.cli('CONFIG', 'GET', 'maxmemory')).toMatch(/\n0$/);
  });

  it("scripts run as the proxy's backend user: with one lacking @admin, EVAL calling CLUSTER MEET fails on the server", async () => {
    const authProxy = await startProxy({ clientPassword: CLIENT_SECRET });
    const rogue = inside[2];
    const bus = inside[3];
    const before = rogue.connections + bus.connections;
    const script = `return redis.call('cluster','meet','127.0.0.1','${rogue.port}','${bus.port}')`;
    const reply = await exchange(
      authProxy.entry.port,
      `${resp('AUTH', CLIENT_SECRET)}${resp('EVAL', script, '0')}`,
      /\r\n-[^\r\n]*\r\n$|\r\n\+OK\r\n$/,
    );
    expect(reply).toMatch(/^\+OK\r\n-.*(NOPERM|can't run this command|ACL failure)/i);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(rogue.connections + bus.connections).toBe(before);
  });
});

describe('finding 5: nothing leaks', () => {
  it('inline tricks are split as the server splits them, so the replies are rewritten', async () => {
    const port = proxy.entry.port;
    const proxyPorts = proxy.portTable().map((row) => row.proxyPort);
    for (const payload of [
      'cl"uster" nodes\r\n',
      '"\\x63luster" slots\r\n',
      'cluster "nodes"\r\n',
      "'cluster' 'shards'\r\n",
      'CLUSTER\tNODES\r\n',
      'cluster\r nodes\n',
      '  CluSTer   SlOtS   \r\n',
    ]) {
      const reply = await exchange(port, payload, /\r\n$/, 1500);
      expect(leaked(reply), JSON.stringify(payload)).toEqual([]);
      expect(
        proxyPorts.some((p) => reply.includes(String(p))),
        JSON.stringify(payload),
      ).toBe(true);
    }
    // Not a command to the server either (a vertical tab is part of a word): refused, nothing to rewrite.
    expect(await exchange(port, 'cluster\x0bnodes\r\n')).toMatch(/^-ERR unknown command/);
    expect(await exchange(port, '"cluster"nodes\r\n')).toMatch(/^-ERR Protocol error: unbalanced quotes/);
  });

  it('INFO tcp_port and CLIENT INFO laddr/addr carry proxy addresses; CONFIG GET and CLIENT LIST, once allowed, withhold', async () => {
    const row = rowOf(proxy, cluster.nodes[1]);
    const port = row?.proxyPort ?? 0;
    const info = await exchange(port, resp('INFO', 'server'), /\r\n\r\n$/);
    expect(info).toContain(`tcp_port:${port}\r\n`);
    const all = await exchange(port, resp('INFO', 'everything'), /\r\n\r\n$/);
    expect(all).toContain(`tcp_port:${port}\r\n`);
    const client = await exchange(port, resp('CLIENT', 'INFO'));
    expect(client).toContain(`laddr=127.0.0.1:${port} `);
    expect(client).toMatch(/ addr=127\.0\.0\.1:\d+ /);
    const loose = await startProxy({ allow: ['config|get', 'client|list'] });
    const loosePort = rowOf(loose, cluster.nodes[1])?.proxyPort ?? 0;
    const config = await exchange(loosePort, resp('CONFIG', 'GET', '*'), /\r\n$/, 1500);
    expect(config).toContain('$4\r\nport\r\n$0\r\n\r\n');
    expect(await exchange(loosePort, resp('CONFIG', 'SET', 'maxmemory', '1'))).toMatch(NOPERM);
    const list = await exchange(loosePort, resp('CLIENT', 'LIST'), /\r\n$/, 1500);
    expect(list).toContain(`laddr=127.0.0.1:${loosePort} `);
    for (const text of [info, all, client, config, list]) expect(leaked(text)).toEqual([]);
  });

  it('the backend password stays out of argv, logs, errors, metrics and --help (REDIS_PASSWORD or --password-file)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sb-attacker-'));
    const file = path.join(dir, 'password');
    await writeFile(file, `${SECRET}\n`, { mode: 0o600 });
    const metrics = await findFreePort();
    const ports = range();
    const cli = (extra: string[], env: Record<string, string>) =>
      spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          'src/cli/main.ts',
          'proxy',
          '--cluster',
          `redis://127.0.0.1:${cluster.nodes[0].port}`,
          '--advertise',
          '127.0.0.1',
          '--ports',
          `${ports.first}-${ports.last}`,
          '--metrics-port',
          String(metrics),
          '--user',
          USER,
          ...extra,
        ],
        { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } },
      );
    try {
      for (const [extra, env] of [
        [['--password-file', file], { SLOTBRIDGE_METRICS_TOKEN: 'tok' }],
        [[], { REDIS_PASSWORD: SECRET, SLOTBRIDGE_METRICS_TOKEN: 'tok' }],
      ] as const) {
        const child = cli([...extra], env);
        let output = '';
        child.stdout?.on('data', (chunk: Buffer) => {
          output += chunk.toString();
        });
        child.stderr?.on('data', (chunk: Buffer) => {
          output += chunk.toString();
        });
        await eventually(() => output.includes('try: redis-cli'), 20_000);
        const argv = await readFile(`/proc/${child.pid}/cmdline`, 'latin1');
        expect(argv).not.toContain(SECRET);
        const body = await new Promise<string>((resolve, reject) => {
          request(
            { host: '127.0.0.1', port: metrics, path: '/metrics', headers: { authorization: 'Bearer tok' } },
            (res) => {
              let text = '';
              res.on('data', (chunk: Buffer) => {
                text += chunk.toString();
              });
              res.on('end', () => resolve(text));
            },
          )
            .on('error', reject)
            .end();
        });
        expect(body).toContain('slotbridge_proxy_commands_denied_total');
        expect(body).not.toContain(SECRET);
        child.kill('SIGTERM');
        await new Promise((resolve) => child.once('exit', resolve));
        expect(output).not.toContain(SECRET);
        expect(output).toMatch(/3 nodes|[4-9] nodes/);
      }
      // A password in the URL still works, with a warning (every local user can read argv).
      const inUrl = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          'src/cli/main.ts',
          'proxy',
          '--cluster',
          `redis://${USER}:${SECRET}@127.0.0.1:${cluster.nodes[0].port}`,
          '--advertise',
          '127.0.0.1',
          '--ports',
          `${ports.first}-${ports.last}`,
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let urlOutput = '';
      inUrl.stdout?.on('data', (chunk: Buffer) => {
        urlOutput += chunk.toString();
      });
      inUrl.stderr?.on('data', (chunk: Buffer) => {
        urlOutput += chunk.toString();
      });
      await eventually(() => urlOutput.includes('try: redis-cli'), 20_000);
      inUrl.kill('SIGTERM');
      await new Promise((resolve) => inUrl.once('exit', resolve));
      expect(urlOutput).toMatch(/warning: the password in --cluster is visible to every local user/);
      expect(urlOutput).not.toContain(SECRET);
      const help = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'proxy', '--help'], {
        env: { ...process.env, REDIS_PASSWORD: SECRET },
      });
      expect(help.stdout).toContain('--password-file');
      expect(help.stdout + help.stderr).not.toContain(SECRET);
      // A wrong password: the error names the failure, never the password.
      const wrong = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          'src/cli/main.ts',
          'proxy',
          '--cluster',
          `redis://127.0.0.1:${cluster.nodes[0].port}`,
          '--advertise',
          '127.0.0.1',
          '--ports',
          `${ports.first}-${ports.last}`,
          '--user',
          USER,
        ],
        { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, REDIS_PASSWORD: `${SECRET}-wrong` } },
      );
      let wrongOutput = '';
      wrong.stdout?.on('data', (chunk: Buffer) => {
        wrongOutput += chunk.toString();
      });
      wrong.stderr?.on('data', (chunk: Buffer) => {
        wrongOutput += chunk.toString();
      });
      const code = await new Promise((resolve) => wrong.once('exit', resolve));
      expect(code).not.toBe(0);
      expect(wrongOutput).toMatch(/WRONGPASS|no cluster node answered/);
      expect(wrongOutput).not.toContain(SECRET);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('deploy/ keeps the backend password in a Secret, not in the ConfigMap or the arguments', async () => {
    const deployment = await readFile('deploy/proxy-deployment.yaml', 'utf8');
    const configMap = await readFile('deploy/proxy-configmap.yaml', 'utf8');
    const kustomization = await readFile('deploy/kustomization.yaml', 'utf8');
    expect(kustomization).toContain('proxy-secret.yaml');
    const secret = await readFile('deploy/proxy-secret.yaml', 'utf8');
    expect(secret).toMatch(/kind: Secret/);
    expect(deployment).toMatch(/name: REDIS_PASSWORD\s+valueFrom:\s+secretKeyRef:/);
    expect(deployment).toMatch(/name: SLOTBRIDGE_CLIENT_PASSWORD\s+valueFrom:\s+secretKeyRef:/);
    expect(configMap).not.toMatch(/PASSWORD|@/);
  });
});

describe('finding 6: client limits', () => {
  it('an idle client is closed after the idle timeout; a subscriber is not', async () => {
    const timed = await startProxy({ idleTimeoutMs: 800, requestTimeoutMs: 800 });
    // Closed as Redis closes an idle client: no unrequested error that would answer its next command.
    const idle = await exchangeUntilClosed(timed.entry.port, 'PING\r\n', 5000);
    expect(idle).toEqual({ text: '+PONG\r\n', closed: true });
    const subscriber = new Redis({ host: '127.0.0.1', port: timed.entry.port, lazyConnect: true });
    try {
      await subscriber.connect();
      await subscriber.subscribe('news');
      await new Promise((resolve) => setTimeout(resolve, 2000));
      expect(subscriber.status).toBe('ready');
    } finally {
      subscriber.disconnect();
    }
    // Inside MULTI a client may think for a while: not idle.
    const socket = connectTcp(timed.entry.port, '127.0.0.1');
    socket.on('error', () => {});
    let text = '';
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString();
    });
    socket.write('MULTI\r\n');
    await new Promise((resolve) => setTimeout(resolve, 2000));
    socket.write('EXEC\r\n');
    await eventually(() => text.includes('*0\r\n'), 3000);
    expect(text).toBe('+OK\r\n*0\r\n');
    socket.destroy();
    expect(timed.metrics.idleTimeouts).toBeGreaterThan(0);
  });

  it('slowloris: a request left incomplete is closed after the request timeout, even while it trickles in', async () => {
    const timed = await startProxy({ requestTimeoutMs: 1000 });
    const socket = connectTcp(timed.entry.port, '127.0.0.1');
    let text = '';
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString();
    });
    socket.on('error', () => {});
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    const bytes = '*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$100\r\n';
    let i = 0;
    const drip = setInterval(() => {
      if (i < bytes.length) socket.write(bytes[i++]);
    }, 100);
    const started = Date.now();
    await closed;
    clearInterval(drip);
    expect(Date.now() - started).toBeLessThan(4000);
    expect(text).toMatch(/-ERR slotbridge proxy: a request was left incomplete for more than 1000 ms/);
    expect(timed.metrics.requestTimeouts).toBe(1);
  });

  it('entry connections are spread over every primary', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 12; i++) {
      const reply = await exchange(proxy.entry.port, resp('CLUSTER', 'MYID'));
      ids.add(reply.split('\r\n')[1]);
    }
    const primaries = cluster.nodes.filter(
      (node) => rowOf(proxy, node)?.node.role === 'primary' && rowOf(proxy, node)?.node.present,
    );
    expect(ids.size).toBe(primaries.length);
  });

  it('per-client-address and per-node caps refuse extra connections; counters in the metrics, which need the token', async () => {
    const metricsPort = await findFreePort();
    const limited = await startProxy({
      maxConnectionsPerClientIp: 6,
      maxConnectionsPerBackend: 4,
      metricsPort,
      metricsHost: '127.0.0.3',
      metricsToken: 'metrics-token',
    });
    const [a, b] = limited.portTable().filter((row) => row.node.present);
    const open: Socket[] = [];
    const openTo = async (port: number): Promise<string> => {
      const socket = connectTcp(port, '127.0.0.1');
      socket.on('error', () => {});
      open.push(socket);
      return new Promise((resolve) => {
        socket.once('data', (chunk: Buffer) => resolve(chunk.toString()));
        socket.write('PING\r\n');
      });
    };
    try {
      for (let i = 0; i < 4; i++) expect(await openTo(a.proxyPort)).toBe('+PONG\r\n');
      expect(await openTo(a.proxyPort)).toMatch(
        /^-ERR slotbridge proxy: max number of clients of node .* \(4\)/,
      );
      for (let i = 0; i < 2; i++) expect(await openTo(b.proxyPort)).toBe('+PONG\r\n');
      expect(await openTo(b.proxyPort)).toMatch(
        /^-ERR slotbridge proxy: max number of clients from one address reached \(6\)/,
      );
    } finally {
      for (const socket of open) socket.destroy();
    }
    const get = (headers: Record<string, string>) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        request({ host: '127.0.0.3', port: metricsPort, path: '/metrics', headers }, (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => {
            body += chunk.toString();
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        })
          .on('error', reject)
          .end();
      });
    expect((await get({})).status).toBe(401);
    const { status, body } = await get({ authorization: 'Bearer metrics-token' });
    expect(status).toBe(200);
    expect(body).toMatch(/slotbridge_proxy_connections_rejected_backend_total [1-9]/);
    expect(body).toMatch(/slotbridge_proxy_connections_rejected_client_ip_total [1-9]/);
    expect(body).toContain('slotbridge_proxy_idle_timeouts_total');
    expect(body).toContain('slotbridge_proxy_request_timeouts_total');
  });
});

describe('the proxy password and TLS: a NodePort is not an open door', () => {
  it('clients must AUTH (or HELLO AUTH) to the proxy; the proxy authenticates to Redis as its own user', async () => {
    const guarded = await startProxy({ clientPassword: CLIENT_SECRET });
    const port = guarded.entry.port;
    expect(await exchange(port, resp('GET', 'k'))).toBe('-NOAUTH Authentication required.\r\n');
    expect(await exchange(port, resp('HELLO', '3'))).toMatch(/^-NOAUTH HELLO must be called/);
    expect(await exchange(port, resp('AUTH', 'wrong'))).toMatch(/^-WRONGPASS/);
    expect(await exchange(port, resp('AUTH', SECRET))).toMatch(/^-WRONGPASS/);
    const whoami = await exchange(
      port,
      `${resp('AUTH', CLIENT_SECRET)}${resp('ACL', 'WHOAMI')}`,
      /\r\n\$\d+\r\n.*\r\n$/,
    );
    expect(whoami).toBe(`+OK\r\n$${USER.length}\r\n${USER}\r\n`);
    const hello = await exchange(
      port,
      `${resp('HELLO', '3', 'AUTH', 'default', CLIENT_SECRET, 'SETNAME', 'me')}${resp('CLIENT', 'GETNAME')}`,
      /\r\n\$2\r\nme\r\n$/,
    );
    expect(hello).toMatch(/^%/);
    const reset = await exchange(
      port,
      `${resp('AUTH', 'default', CLIENT_SECRET)}${resp('RESET')}${resp('GET', 'k')}${resp('AUTH', CLIENT_SECRET)}${resp('ACL', 'WHOAMI')}`,
      /sbproxy\r\n$/,
    );
    expect(reset).toBe(
      `+OK\r\n+RESET\r\n-NOAUTH Authentication required.\r\n+OK\r\n$${USER.length}\r\n${USER}\r\n`,
    );
    const connection = new Connection({
      host: '127.0.0.1',
      port,
      protocol: 3,
      password: CLIENT_SECRET,
      reconnect: false,
    });
    try {
      await connection.connect();
      expect(String(await connection.send(['ACL', 'WHOAMI']))).toBe(USER);
    } finally {
      connection.disconnect();
    }
    const client = new IoredisCluster([{ host: '127.0.0.1', port }], {
      redisOptions: { password: CLIENT_SECRET },
    });
    try {
      await client.set('guarded:io', 'ok');
      expect(await client.get('guarded:io')).toBe('ok');
    } finally {
      client.disconnect();
    }
    expect(guarded.metrics.authFailures).toBeGreaterThanOrEqual(2);
  });

  it('TLS termination: clients speak TLS to the proxy; plain text gets nothing', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sb-tls-'));
    try {
      const certs = await makeCertificates(dir);
      const secure = await startProxy({ tls: { cert: certs.server.cert.pem, key: certs.server.key.pem } });
      const reply = await new Promise<string>((resolve, reject) => {
        const socket = connectTls({ host: '127.0.0.1', port: secure.entry.port, ca: certs.ca.cert.pem }, () =>
          socket.write('PING\r\n'),
        );
        socket.once('data', (chunk: Buffer) => {
          resolve(chunk.toString());
          socket.destroy();
        });
        socket.once('error', reject);
      });
      expect(reply).toBe('+PONG\r\n');
      expect(await exchange(secure.entry.port, 'PING\r\n', /\r\n$/, 1500)).not.toContain('PONG');
      // With --tls-ca, a client without a certificate signed by it is refused.
      const mutual = await startProxy({
        tls: { cert: certs.server.cert.pem, key: certs.server.key.pem, ca: certs.ca.cert.pem },
      });
      const anonymous = await new Promise<string>((resolve) => {
        const socket = connectTls({ host: '127.0.0.1', port: mutual.entry.port, ca: certs.ca.cert.pem }, () =>
          socket.write('PING\r\n'),
        );
        let text = '';
        socket.on('data', (chunk: Buffer) => {
          text += chunk.toString();
        });
        socket.on('error', (error) => resolve(`error: ${error.message}`));
        socket.on('close', () => resolve(text));
      });
      expect(anonymous).not.toContain('PONG');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('malformed input', () => {
  it('garbage, a 1 GB bulk header, NUL in an inline line, leading zeros, a 70 KiB line: -ERR and close; the proxy serves on', async () => {
    const port = proxy.entry.port;
    const untilClosed = /$^/;
    expect(await exchange(port, '*2\r\n$3\r\nGET\r\n$1073741824\r\n', untilClosed)).toMatch(
      /^-ERR Protocol error: invalid bulk length/,
    );
    expect(await exchange(port, Buffer.from('*2\r\n:oops\r\n\x00\xff'), untilClosed)).toMatch(
      /^-ERR Protocol error: expected '\$'/,
    );
    expect(await exchange(port, 'CONFIG\0 SET maxmemory 1\r\n', untilClosed)).toMatch(
      /^-ERR Protocol error: NUL byte/,
    );
    expect(await exchange(port, '*01\r\n$4\r\nPING\r\n', untilClosed)).toMatch(
      /^-ERR Protocol error: invalid multibulk length/,
    );
    expect(await exchange(port, 'A'.repeat(70 * 1024), untilClosed)).toMatch(
      /^-ERR Protocol error: too big inline request/,
    );
    expect(await exchange(port, 'PING\r\n')).toBe('+PONG\r\n');
  });

  it('2,000 idle connections are accepted and released; one more from the same address is refused', async () => {
    const many = await startProxy();
    const sockets: Socket[] = [];
    try {
      for (let i = 0; i < 2000; i++) {
        sockets.push(
          await new Promise<Socket>((resolve, reject) => {
            const socket = connectTcp(many.entry.port, '127.0.0.1', () => resolve(socket));
            socket.once('error', reject);
          }),
        );
      }
      await eventually(() => many.connectionCount === 2000);
      expect(await exchange(many.entry.port, 'PING\r\n')).toMatch(
        /max number of clients from one address reached \(2000\)/,
      );
    } finally {
      for (const socket of sockets) socket.destroy();
    }
    await eventually(() => many.connectionCount === 0);
    expect(await exchange(many.entry.port, 'PING\r\n')).toBe('+PONG\r\n');
  }, 60_000);

  it('a 200 MiB pipeline the client never reads: the proxy pushes back and keeps serving others', async () => {
    const socket = connectTcp(proxy.entry.port, '127.0.0.1');
    socket.on('error', () => {});
    socket.pause();
    const chunk = Buffer.from(resp('GET', 'pipelined').repeat(4096));
    let sent = 0;
    await new Promise<void>((resolve) => {
      const pump = (): void => {
        while (sent < 200 * 1024 * 1024) {
          sent += chunk.length;
          if (!socket.write(chunk)) {
            socket.once('drain', pump);
            return;
          }
        }
        resolve();
      };
      socket.once('connect', pump);
      // Backpressure: the proxy stops reading; stop once writes are blocked for a while.
      setTimeout(resolve, 3000);
    });
    expect(await exchange(proxy.entry.port, 'PING\r\n')).toBe('+PONG\r\n');
    socket.destroy();
  });

  it('SIGTERM mid-pipeline: every reply in flight still reaches the client', async () => {
    const stopping = await startProxy();
    const count = 5000;
    const socket = connectTcp(stopping.entry.port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString();
    });
    socket.on('error', () => {});
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.write('PING\r\n'.repeat(count));
    await eventually(() => received.length > 0);
    await stopping.stop();
    await closed;
    expect(received.split('+PONG\r\n').length - 1).toBe(count);
  });
});

describe('sentinel mode', () => {
  let sentinelProxy: ClusterProxy;

  beforeAll(async () => {
    group = await startSentinelGroup({ downAfterMs: 1000, failoverTimeoutMs: 3000 });
    rememberBackends();
    sentinelProxy = new ClusterProxy({
      seeds: [{ host: '127.0.0.1', port: group.sentinels[0].port }],
      sentinelName: group.name,
      advertiseHost: '127.0.0.1',
      ports: range(),
      refreshIntervalMs: 500,
      log: (line) => logs.push(line),
    });
    proxies.push(sentinelProxy);
    await sentinelProxy.start();
  }, 60_000);

  it('REPLICAOF on a data port and the sentinel admin subcommands are refused; what clients ask is answered, rewritten', async () => {
    const rogue = outside[2];
    const data = sentinelProxy.portTable().find((row) => row.node.role === 'primary');
    const sentinelRow = sentinelProxy.portTable().find((row) => row.node.role === 'sentinel');
    expect(data).toBeDefined();
    expect(sentinelRow).toBeDefined();
    const dataPort = data?.proxyPort ?? 0;
    const sentinelPort = sentinelRow?.proxyPort ?? 0;
    for (const args of [
      ['REPLICAOF', rogue.host, String(rogue.port)],
      ['SLAVEOF', rogue.host, String(rogue.port)],
      ['CONFIG', 'SET', 'replica-announce-ip', rogue.host],
      ['SHUTDOWN', 'NOSAVE'],
    ]) {
      expect(await exchange(dataPort, resp(...args)), args.join(' ')).toMatch(NOPERM);
    }
    for (const args of [
      ['SENTINEL', 'MONITOR', 'evil', rogue.host, String(rogue.port), '1'],
      ['SENTINEL', 'SET', group.name, 'down-after-milliseconds', '1'],
      ['SENTINEL', 'REMOVE', group.name],
      ['SENTINEL', 'RESET', '*'],
      ['SENTINEL', 'FAILOVER', group.name],
      ['SENTINEL', 'CONFIG', 'SET', 'announce-ip', rogue.host],
      ['SENTINEL', 'SIMULATE-FAILURE', 'CRASH-AFTER-ELECTION'],
      ['SENTINEL', 'DEBUG'],
      ['SENTINEL', 'FLUSHCONFIG'],
      ['SENTINEL', 'IS-MASTER-DOWN-BY-ADDR', '127.0.0.1', '1', '0', '*'],
      ['SENTINEL', 'INFO-CACHE', group.name],
    ]) {
      expect(await exchange(sentinelPort, resp(...args)), args.join(' ')).toMatch(NOPERM);
    }
    const address = await exchange(
      sentinelPort,
      resp('SENTINEL', 'GET-MASTER-ADDR-BY-NAME', group.name),
      /\r\n:?\d+\r\n$|\d+\r\n$/,
    );
    expect(address).toContain(String(dataPort));
    const records = await exchange(sentinelPort, resp('SENTINEL', 'REPLICAS', group.name), /\r\n$/, 1500);
    const info = await exchange(sentinelPort, resp('INFO'), /\r\n\r\n$/);
    expect(info).toContain(`tcp_port:${sentinelPort}`);
    for (const text of [address, records, info]) expect(leaked(text)).toEqual([]);
    expect(await group.role(await group.master())).toBe('master');
    expect(rogue.connections).toBe(0);
    // Sentinels announce themselves and the master on every data node's __sentinel__:hello channel.
    const hello = await exchange(
      dataPort,
      resp('SUBSCRIBE', '__sentinel__:hello'),
      /__sentinel__:hello\r\n\$\d+\r\n[^\r]*,[^\r]*\r\n$/,
      8000,
    );
    expect(hello).toMatch(/__sentinel__:hello\r\n\$\d+\r\n127\.0\.0\.1,\d+,[0-9a-f]+,\d+,/);
    expect(leaked(hello)).toEqual([]);
    const client = new Redis({
      sentinels: [{ host: '127.0.0.1', port: sentinelProxy.entry.port }],
      name: group.name,
    });
    try {
      await client.set('sentinel:attacked', 'still works');
      expect(await client.get('sentinel:attacked')).toBe('still works');
    } finally {
      client.disconnect();
    }
  });
});

describe('after every probe', () => {
  it('ioredis, node-redis and redis-cli -c still work through the proxy', async () => {
    const io = new IoredisCluster([{ host: '127.0.0.1', port: proxy.entry.port }]);
    try {
      for (let i = 0; i < 50; i++) await io.set(`after:${i}`, `v${i}`);
      expect(await io.get('after:7')).toBe('v7');
    } finally {
      io.disconnect();
    }
    const nr = createCluster({ rootNodes: [{ url: `redis://127.0.0.1:${proxy.entry.port}` }] });
    nr.on('error', () => {});
    await nr.connect();
    try {
      expect(await nr.get('after:9')).toBe('v9');
    } finally {
      await nr.disconnect();
    }
    const cli = await run('redis-cli', ['-c', '-p', String(proxy.entry.port), 'GET', 'after:11']);
    expect(cli.stdout.trim()).toBe('v11');
  });

  it('no rogue was connected to by the proxy, no credential reached one, no reply carried a backend address', () => {
    // The server itself connects to a met node's bus port (the CLUSTER MEET probe ran on a server directly):
    // those bus listeners are not counted. Every client-port rogue must be untouched.
    const clientRogues = [...outside, ...inside.slice(0, 8)];
    expect(clientRogues.map((rogue) => rogue.connections)).toEqual(clientRogues.map(() => 0));
    for (const rogue of [...outside, ...inside]) {
      expect(rogue.bytes).not.toContain(SECRET);
      expect(rogue.bytes).not.toContain(CLIENT_SECRET);
    }
    expect(leaked(transcript.join('\n'))).toEqual([]);
    for (const line of logs) expect(line).not.toContain(SECRET);
  });
});
