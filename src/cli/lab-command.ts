/** `slotbridge lab up [standalone|cluster|sentinel|kube]`: local Redis topologies until SIGINT/SIGTERM. */
import {
  type RedisServerHandle,
  type SentinelGroupHandle,
  type StandaloneOptions,
  startCluster,
  startSentinelGroup,
  startServer,
} from '../lab/index.js';
import { parseArgs, portOption, stringOption } from './args.js';
import { applyServerOption } from './server-option.js';
import { USAGE, UsageError } from './usage.js';

/** The flags this command accepts (README's command-line table is compared with it by a test). */
export const LAB_OPTIONS = {
  port: 'string',
  password: 'string',
  tls: 'boolean',
  'unix-socket': 'boolean',
  name: 'string',
  'no-cluster': 'boolean',
  'no-sentinel': 'boolean',
  server: 'string',
} as const;

const TOPOLOGIES = ['standalone', 'cluster', 'sentinel', 'kube'];
const KUBE_OPTIONS = new Set(['no-cluster', 'no-sentinel', 'help', 'server']);
/** Options every topology takes. */
const COMMON_OPTIONS = new Set(['help', 'server']);

export async function runLabCommand(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, LAB_OPTIONS);
  if (args.options.has('help')) {
    process.stdout.write(USAGE);
    return 0;
  }
  const [action, topology = 'standalone', ...rest] = args.positionals;
  if (action !== 'up') {
    throw new UsageError(
      action === undefined ? 'lab needs an action: "lab up"' : `unknown lab action "${action}"`,
    );
  }
  if (!TOPOLOGIES.includes(topology)) {
    throw new UsageError(`unknown lab topology "${topology}" (available: ${TOPOLOGIES.join(', ')})`);
  }
  if (rest.length > 0) {
    throw new UsageError(`unexpected argument "${rest[0]}"`);
  }
  const build = applyServerOption(stringOption(args, 'server'));
  const cli = build.cli;
  const kubeOnly = [...args.options.keys()].filter(
    (name) => KUBE_OPTIONS.has(name) && !COMMON_OPTIONS.has(name),
  );
  if (topology === 'kube') {
    const other = [...args.options.keys()].find((name) => !KUBE_OPTIONS.has(name));
    if (other !== undefined) {
      throw new UsageError(`option "--${other}" does not apply to the kube lab`);
    }
    return labUpKube(!args.options.has('no-cluster'), !args.options.has('no-sentinel'));
  }
  if (kubeOnly.length > 0) {
    throw new UsageError(`option "--${kubeOnly[0]}" applies only to "lab up kube"`);
  }
  if (topology === 'cluster') {
    return labUpCluster(cli);
  }
  if (topology === 'sentinel') {
    return labUpSentinel(stringOption(args, 'name'), cli);
  }
  const options: StandaloneOptions = {
    port: portOption(args, 'port'),
    password: stringOption(args, 'password'),
    tls: args.options.has('tls'),
    unixSocket: args.options.has('unix-socket'),
  };
  return labUpStandalone(options, cli);
}

async function labUpStandalone(options: StandaloneOptions, cli: string): Promise<number> {
  const signals = watchStopSignals();
  try {
    const server = await startServer(options);
    printServer(server, options, cli);
    await signals.received;
    process.stdout.write('\nStopping...\n');
    await server.stop();
    return 0;
  } finally {
    signals.dispose();
  }
}

async function labUpCluster(cli: string): Promise<number> {
  const signals = watchStopSignals();
  try {
    const cluster = await startCluster();
    const primaries = await cluster.primaries();
    const lines = [
      `Redis Cluster is up: ${cluster.nodes.length} nodes (${primaries.length} primaries)`,
      ...cluster.nodes.map(
        (node) =>
          `  ${node.address}  ${primaries.includes(node) ? 'primary' : 'replica'}  ${node.id}  (files: ${node.server.dir})`,
      ),
      `  try: ${cli} -c -p ${cluster.nodes[0].port}`,
      `  url: redis-cluster://${cluster.seeds()[0]}?${cluster
        .seeds()
        .slice(1)
        .map((seed) => `node=${seed}`)
        .join('&')}`,
      'Press Ctrl-C to stop.',
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    await signals.received;
    process.stdout.write('\nStopping...\n');
    await cluster.stop();
    return 0;
  } finally {
    signals.dispose();
  }
}

async function labUpKube(cluster: boolean, sentinel: boolean): Promise<number> {
  // Loaded only here: nothing else needs the kube lab (or root).
  const { describeKubeLab, startKubeLab } = await import('../lab/kube/index.js');
  const signals = watchStopSignals();
  try {
    process.stdout.write('Starting the kube lab (network namespaces, Redis servers, ingress)...\n');
    const started = Date.now();
    const lab = await startKubeLab({ cluster, sentinel });
    process.stdout.write(`Started in ${Date.now() - started} ms.\n${describeKubeLab(lab)}`);
    await signals.received;
    process.stdout.write('\nStopping...\n');
    await lab.stop();
    return 0;
  } finally {
    signals.dispose();
  }
}

async function labUpSentinel(name: string | undefined, cli: string): Promise<number> {
  const signals = watchStopSignals();
  try {
    const group = await startSentinelGroup(name === undefined ? {} : { name });
    await printSentinelGroup(group, cli);
    await signals.received;
    process.stdout.write('\nStopping...\n');
    await group.stop();
    return 0;
  } finally {
    signals.dispose();
  }
}

async function printSentinelGroup(group: SentinelGroupHandle, cli: string): Promise<void> {
  const master = await group.master();
  const hosts = group.sentinelAddresses();
  const [first, ...others] = hosts;
  const nodes = others.map((address) => `node=${address}`).join('&');
  const lines = [
    `sentinel group "${group.name}" is up`,
    `  master:    ${master.address} (pid ${master.pid})`,
    ...(await group.replicas()).map((replica) => `  replica:   ${replica.address} (pid ${replica.pid})`),
    ...group.sentinels.map(
      (sentinel) => `  sentinel:  ${sentinel.address} (pid ${sentinel.pid}, files ${sentinel.dir})`,
    ),
    `  url:  redis-sentinel://${first}?${nodes}&sentinelServiceName=${group.name}`,
    `  try:  ${cli} -p ${group.sentinels[0]?.port} SENTINEL get-master-addr-by-name ${group.name}`,
    'Press Ctrl-C to stop.',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

function printServer(server: RedisServerHandle, options: StandaloneOptions, cli: string): void {
  const auth = options.password === undefined ? '' : ` -a '${options.password}'`;
  const lines = [
    `redis-server is up at ${server.address} (pid ${server.pid})`,
    `  try: ${cli} -p ${server.port}${auth}`,
  ];
  if (server.tlsPort !== undefined && server.tls !== undefined) {
    lines.push(`  tls: 127.0.0.1:${server.tlsPort} (CA ${server.tls.caPath})`);
    lines.push(`       ${cli} --tls --cacert ${server.tls.caPath} -p ${server.tlsPort}${auth}`);
  }
  if (server.unixSocket !== undefined) {
    lines.push(`  unix socket: ${server.unixSocket}`);
  }
  lines.push(`  files: ${server.dir}`, 'Press Ctrl-C to stop.');
  process.stdout.write(`${lines.join('\n')}\n`);
}

interface StopSignals {
  /** Resolves on the first SIGINT or SIGTERM. */
  received: Promise<void>;
  /** Removes the handlers; call only once shutdown is complete, so the lab never sees a signal alone. */
  dispose(): void;
}

/** Registered before the server starts so that no signal is missed while it boots. */
function watchStopSignals(): StopSignals {
  let onSignal = (): void => {};
  const received = new Promise<void>((resolve) => {
    onSignal = resolve;
  });
  // The server child is unreferenced: this timer is what keeps the process alive meanwhile.
  const keepAlive = setInterval(() => {}, 60_000);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    received,
    dispose: () => {
      clearInterval(keepAlive);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
