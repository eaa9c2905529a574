/**
 * `slotbridge proxy --cluster redis://seed:6379 | --sentinel redis://sentinel:26379 --name MASTER,
 * --advertise HOST --ports 31000-31099 [--listen ADDR] [--entry-port N] [--metrics-port N]`: runs the
 * topology-rewriting proxy until SIGINT/SIGTERM.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { type NodeAddress, splitHostPort } from '../address/index.js';
import { PROXY_DEFAULTS } from '../defaults.js';
import { ConfigError } from '../errors.js';
import {
  ClusterSentinelProxy,
  type ClusterSentinelProxyOptions,
  type PrimaryLink,
  type PrimaryMessage,
  ProxyGroup,
  parsePortRange,
  parsePortTableOption,
  WORKER_SLOT_ENV,
} from '../proxy/index.js';
import { parseArgs, portOption, stringOption } from './args.js';
import { PROXY_USAGE, UsageError } from './usage.js';

/** The flags this command accepts (README's command-line table is compared with it by a test). */
export const PROXY_OPTIONS = {
  cluster: 'string',
  sentinel: 'string',
  name: 'string',
  advertise: 'string',
  ports: 'string',
  listen: 'string',
  'entry-port': 'string',
  'metrics-port': 'string',
  'refresh-interval': 'string',
  'backend-cidr': 'string',
  'allow-admin': 'boolean',
  allow: 'string',
  user: 'string',
  'password-file': 'string',
  'client-password-file': 'string',
  'tls-cert': 'string',
  'tls-key': 'string',
  'tls-ca': 'string',
  'idle-timeout': 'string',
  'request-timeout': 'string',
  'max-clients': 'string',
  'max-clients-per-ip': 'string',
  'max-clients-per-node': 'string',
  'metrics-listen': 'string',
  'metrics-token-file': 'string',
  workers: 'string',
  'port-table': 'string',
} as const;

/** Where secrets come from besides files: never the command line, which any local user can read. */
export const SECRET_ENV = {
  username: 'REDIS_USERNAME',
  password: 'REDIS_PASSWORD',
  clientPassword: 'SLOTBRIDGE_CLIENT_PASSWORD',
  metricsToken: 'SLOTBRIDGE_METRICS_TOKEN',
} as const;

interface ClusterTarget {
  seeds: NodeAddress[];
  username: string | undefined;
  password: string | undefined;
}

/** `redis://[user:pass@]host:port[,host:port...]`, or bare `host:port[,host:port...]` (cluster nodes or sentinels). */
export function parseClusterTarget(text: string, field = 'cluster', defaultPort = 6379): ClusterTarget {
  let rest = text.trim();
  let username: string | undefined;
  let password: string | undefined;
  const scheme = /^(redis|valkey|redis-cluster|redis-sentinel):\/\//.exec(rest);
  if (scheme !== null) rest = rest.slice(scheme[0].length);
  else if (rest.includes('://')) throw new ConfigError(field, `"${text}" is not a redis:// URL`);
  const at = rest.lastIndexOf('@');
  if (at >= 0) {
    const userinfo = rest.slice(0, at);
    rest = rest.slice(at + 1);
    const colon = userinfo.indexOf(':');
    const user = decodeURIComponent(colon < 0 ? '' : userinfo.slice(0, colon));
    password = decodeURIComponent(colon < 0 ? userinfo : userinfo.slice(colon + 1));
    username = user === '' ? undefined : user;
  }
  rest = rest.replace(/\/.*$/, '');
  const seeds = rest
    .split(',')
    .filter((part) => part !== '')
    .map((part) => splitHostPort(part, defaultPort));
  if (seeds.length === 0) throw new ConfigError(field, `"${text}" names no host`);
  return { seeds, username, password };
}

/** A secret from a file (first line, trailing newline dropped) or an environment variable. */
function secret(file: string | undefined, env: string, option: string): string | undefined {
  if (file !== undefined) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new UsageError(
        `--${option}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      );
    }
    const value = text.replace(/\r?\n$/, '');
    if (value === '') throw new UsageError(`--${option}: the file is empty`);
    return value;
  }
  const value = process.env[env];
  return value === undefined || value === '' ? undefined : value;
}

function readPem(path: string | undefined, option: string): Buffer | undefined {
  if (path === undefined) return undefined;
  try {
    return readFileSync(path);
  } catch (error) {
    throw new UsageError(
      `--${option}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
}

/** A non-negative integer option (ms or a count), or undefined when absent. */
function countOption(args: ReturnType<typeof parseArgs>, name: string): number | undefined {
  const text = stringOption(args, name);
  if (text === undefined) return undefined;
  if (!/^\d{1,10}$/.test(text))
    throw new UsageError(`option "--${name}" must be a whole number, got "${text}"`);
  return Number(text);
}

function listOption(args: ReturnType<typeof parseArgs>, name: string): string[] | undefined {
  const text = stringOption(args, name);
  if (text === undefined) return undefined;
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

export async function runProxyCommand(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, PROXY_OPTIONS);
  if (args.options.has('help')) {
    process.stdout.write(PROXY_USAGE);
    return 0;
  }
  if (args.positionals.length > 0) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
  const cluster = stringOption(args, 'cluster');
  const sentinel = stringOption(args, 'sentinel');
  const name = stringOption(args, 'name');
  if (cluster !== undefined && sentinel !== undefined) {
    throw new UsageError('proxy takes --cluster or --sentinel, not both');
  }
  if (sentinel !== undefined && name === undefined) {
    throw new UsageError('proxy --sentinel needs --name MASTER (the master name the sentinels monitor)');
  }
  const advertise = stringOption(args, 'advertise');
  const ports = stringOption(args, 'ports');
  if (cluster === undefined && sentinel === undefined) {
    throw new UsageError(
      'proxy needs --cluster redis://HOST:PORT (a cluster node) or --sentinel redis://HOST:PORT --name MASTER',
    );
  }
  if (advertise === undefined) throw new UsageError('proxy needs --advertise HOST (the address clients use)');
  if (ports === undefined) throw new UsageError('proxy needs --ports FIRST-LAST (e.g. 31000-31099)');
  const refresh = stringOption(args, 'refresh-interval');
  let options: ClusterSentinelProxyOptions;
  try {
    const target =
      sentinel !== undefined
        ? parseClusterTarget(sentinel, 'sentinel', 26379)
        : parseClusterTarget(cluster ?? '');
    const entryPort = portOption(args, 'entry-port');
    const metricsPort = portOption(args, 'metrics-port');
    if (target.password !== undefined) {
      process.stderr.write(
        `warning: the password in --${sentinel !== undefined ? 'sentinel' : 'cluster'} is visible to every local user (ps); give it in ${SECRET_ENV.password} or --password-file\n`,
      );
    }
    const username =
      stringOption(args, 'user') ?? target.username ?? process.env[SECRET_ENV.username] ?? undefined;
    const password =
      secret(stringOption(args, 'password-file'), SECRET_ENV.password, 'password-file') ?? target.password;
    const clientPassword = secret(
      stringOption(args, 'client-password-file'),
      SECRET_ENV.clientPassword,
      'client-password-file',
    );
    const metricsToken = secret(
      stringOption(args, 'metrics-token-file'),
      SECRET_ENV.metricsToken,
      'metrics-token-file',
    );
    const cert = readPem(stringOption(args, 'tls-cert'), 'tls-cert');
    const key = readPem(stringOption(args, 'tls-key'), 'tls-key');
    const ca = readPem(stringOption(args, 'tls-ca'), 'tls-ca');
    if ((cert === undefined) !== (key === undefined))
      throw new UsageError('--tls-cert and --tls-key go together');
    if (ca !== undefined && cert === undefined)
      throw new UsageError('--tls-ca needs --tls-cert and --tls-key');
    const cidrs = listOption(args, 'backend-cidr');
    const allow = listOption(args, 'allow');
    const numbers: Array<[keyof ClusterSentinelProxyOptions, string]> = [
      ['idleTimeoutMs', 'idle-timeout'],
      ['requestTimeoutMs', 'request-timeout'],
      ['maxConnections', 'max-clients'],
      ['maxConnectionsPerClientIp', 'max-clients-per-ip'],
      ['maxConnectionsPerBackend', 'max-clients-per-node'],
    ];
    const limits: Partial<ClusterSentinelProxyOptions> = {};
    for (const [field, option] of numbers) {
      const value = countOption(args, option);
      if (value !== undefined) Object.assign(limits, { [field]: value });
    }
    const metricsHost = stringOption(args, 'metrics-listen');
    // Default: the table lives in the servers, so restarts and replicas keep every node's port.
    const portTable = parsePortTableOption(stringOption(args, 'port-table') ?? 'redis');
    options = {
      portTable,
      ...limits,
      ...(cidrs !== undefined ? { backendCidrs: cidrs } : {}),
      ...(allow !== undefined ? { allow } : {}),
      ...(args.options.has('allow-admin') ? { allowAdmin: true } : {}),
      ...(clientPassword !== undefined ? { clientPassword } : {}),
      ...(metricsToken !== undefined ? { metricsToken } : {}),
      ...(metricsHost !== undefined ? { metricsHost } : {}),
      ...(cert !== undefined && key !== undefined
        ? { tls: { cert, key, ...(ca !== undefined ? { ca } : {}) } }
        : {}),
      seeds: target.seeds,
      ...(sentinel !== undefined && name !== undefined ? { sentinelName: name } : {}),
      advertiseHost: advertise,
      ports: parsePortRange(ports),
      listenHost: stringOption(args, 'listen') ?? PROXY_DEFAULTS.listenHost,
      // A user name alone authenticates nothing (Redis's AUTH needs the password).
      ...(username !== undefined && password !== undefined ? { username } : {}),
      ...(password !== undefined ? { password } : {}),
      ...(entryPort !== undefined ? { entryPort } : {}),
      ...(metricsPort !== undefined ? { metricsPort } : {}),
      ...(refresh !== undefined ? { refreshIntervalMs: Number(refresh) } : {}),
    };
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
  const workers = countOption(args, 'workers') ?? availableParallelism();
  if (workers < 1) throw new UsageError('option "--workers" must be 1 or more');
  const slot = process.env[WORKER_SLOT_ENV];
  if (slot !== undefined) return runWorker(options, slot);
  if (workers > 1) return runGroup({ ...options, workers }, sentinel === undefined ? undefined : name);
  const proxy = new ClusterSentinelProxy(options);
  return serveUntilStopped(proxy, () => [
    proxy.describe(),
    ...(proxy.ports !== undefined ? [`  port table: ${proxy.ports.description}`] : []),
    tryLine(proxy.entry, sentinel === undefined ? undefined : name),
  ]);
}

/**
 * Starts `server`, prints its banner, serves until SIGTERM/SIGINT, then drains and stops it; exit code 0.
 * A failed start stops what was started and rethrows.
 */
async function serveUntilStopped(
  server: { start(): Promise<void>; stop(): Promise<void> },
  banner: () => string[],
): Promise<number> {
  const stop = watchStop();
  try {
    await server.start();
    for (const line of banner()) process.stdout.write(`${line}\n`);
    await stop.received;
    process.stdout.write('slotbridge proxy: stopping (no new connections, draining replies in flight)\n');
    await server.stop();
    process.stdout.write('slotbridge proxy: stopped\n');
    return 0;
  } catch (error) {
    await server.stop();
    throw error;
  } finally {
    stop.dispose();
  }
}

/** The try line printed after the port table. */
function tryLine(entry: { host: string; port: number }, sentinelName: string | undefined): string {
  return sentinelName === undefined
    ? `  try: redis-cli -c -h ${entry.host} -p ${entry.port}`
    : `  try: redis-cli -h ${entry.host} -p ${entry.port} SENTINEL GET-MASTER-ADDR-BY-NAME ${sentinelName}`;
}

/** The primary of `--workers N`: discovery, ports, metrics; the workers serve the clients. */
async function runGroup(
  options: ClusterSentinelProxyOptions & { workers: number },
  sentinelName: string | undefined,
): Promise<number> {
  const group = new ProxyGroup(options);
  return serveUntilStopped(group, () => [
    group.describe(),
    `  port table: ${group.ports.description} (held by the primary)`,
    tryLine(
      { host: options.advertiseHost, port: options.entryPort ?? group.directory.list()[0]?.proxyPort ?? 0 },
      sentinelName,
    ),
  ]);
}

/**
 * One worker of a group (forked by the primary, `slot/N` in the environment): serves clients with the
 * primary's table. Connection limits are the group's divided among the workers (rounded up). Stops on
 * the primary's `stop`, on SIGINT/SIGTERM, or when the primary is gone.
 */
async function runWorker(options: ClusterSentinelProxyOptions, slot: string): Promise<number> {
  const count = Number(slot.split('/')[1] ?? 1) || 1;
  const share = (value: number | undefined, fallback: number): number =>
    Math.ceil((value ?? fallback) / count);
  const link: PrimaryLink = {
    send: (message) => {
      if (process.connected) process.send?.(message);
    },
    onMessage: (handler) => {
      process.on('message', (message: unknown) => {
        if (typeof message === 'object' && message !== null && 'type' in message)
          handler(message as PrimaryMessage);
      });
    },
  };
  const proxy = new ClusterSentinelProxy({
    ...options,
    maxConnections: share(options.maxConnections, PROXY_DEFAULTS.maxConnections),
    maxConnectionsPerClientIp: share(
      options.maxConnectionsPerClientIp,
      PROXY_DEFAULTS.maxConnectionsPerClientIp,
    ),
    maxConnectionsPerBackend: share(
      options.maxConnectionsPerBackend,
      PROXY_DEFAULTS.maxConnectionsPerBackend,
    ),
    worker: link,
  });
  const stop = watchStop();
  const fromPrimary = new Promise<void>((resolve) => {
    process.on('message', (message: unknown) => {
      if ((message as { type?: unknown } | null)?.type === 'stop') resolve();
    });
    process.once('disconnect', () => resolve());
  });
  const stopped = Promise.race([stop.received, fromPrimary]);
  try {
    // A stop may come before the primary's `start` (its own start-up failed): stop waiting then too.
    await Promise.race([proxy.start(), stopped]);
    await stopped;
    await proxy.stop();
    return 0;
  } catch (error) {
    await proxy.stop();
    throw error;
  } finally {
    stop.dispose();
    process.disconnect?.();
  }
}

function watchStop(): { received: Promise<void>; dispose(): void } {
  let onSignal = (): void => {};
  const received = new Promise<void>((resolve) => {
    onSignal = resolve;
  });
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    received,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
