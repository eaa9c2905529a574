/**
 * `slotbridge proxy --cluster redis://seed:6379 | --sentinel redis://sentinel:26379 --name MASTER,
 * --advertise HOST --ports 31000-31099 [--listen ADDR] [--entry-port N] [--metrics-port N]`: runs the
 * topology-rewriting proxy until SIGINT/SIGTERM.
 */
import { type NodeAddress, splitHostPort } from '../address/index.js';
import { ConfigError } from '../errors.js';
import { ClusterProxy, type ClusterProxyOptions, parsePortRange } from '../proxy/index.js';
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
  let options: ClusterProxyOptions;
  try {
    const target =
      sentinel !== undefined
        ? parseClusterTarget(sentinel, 'sentinel', 26379)
        : parseClusterTarget(cluster ?? '');
    const entryPort = portOption(args, 'entry-port');
    const metricsPort = portOption(args, 'metrics-port');
    options = {
      seeds: target.seeds,
      ...(sentinel !== undefined && name !== undefined ? { sentinelName: name } : {}),
      advertiseHost: advertise,
      ports: parsePortRange(ports),
      listenHost: stringOption(args, 'listen') ?? '127.0.0.1',
      ...(target.username !== undefined ? { username: target.username } : {}),
      ...(target.password !== undefined ? { password: target.password } : {}),
      ...(entryPort !== undefined ? { entryPort } : {}),
      ...(metricsPort !== undefined ? { metricsPort } : {}),
      ...(refresh !== undefined ? { refreshIntervalMs: Number(refresh) } : {}),
    };
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
  const proxy = new ClusterProxy(options);
  const stop = watchStop();
  try {
    await proxy.start();
    process.stdout.write(`${proxy.describe()}\n`);
    const tryLine =
      sentinel === undefined
        ? `redis-cli -c -h ${proxy.entry.host} -p ${proxy.entry.port}`
        : `redis-cli -h ${proxy.entry.host} -p ${proxy.entry.port} SENTINEL GET-MASTER-ADDR-BY-NAME ${name}`;
    process.stdout.write(`  try: ${tryLine}\n`);
    await stop.received;
    process.stdout.write('slotbridge proxy: stopping (no new connections, draining replies in flight)\n');
    await proxy.stop();
    process.stdout.write('slotbridge proxy: stopped\n');
    return 0;
  } catch (error) {
    await proxy.stop();
    throw error;
  } finally {
    stop.dispose();
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
