/**
 * `slotbridge lab up [standalone] [--port N]`: a local redis-server until SIGINT/SIGTERM.
 * `slotbridge lab up kube [--no-cluster] [--no-sentinel]`: the minikube-like lab (root) until SIGINT/SIGTERM.
 */
import { type RedisServerHandle, type StandaloneOptions, startServer } from '../lab/index.js';
import { parseArgs, portOption, stringOption } from './args.js';
import { USAGE, UsageError } from './usage.js';

const LAB_OPTIONS = {
  port: 'string',
  password: 'string',
  tls: 'boolean',
  'unix-socket': 'boolean',
  'no-cluster': 'boolean',
  'no-sentinel': 'boolean',
} as const;

const TOPOLOGIES = ['standalone', 'kube'];
const KUBE_OPTIONS = new Set(['no-cluster', 'no-sentinel', 'help']);

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
  const kubeOnly = [...args.options.keys()].filter((name) => KUBE_OPTIONS.has(name));
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
  const options: StandaloneOptions = {
    port: portOption(args, 'port'),
    password: stringOption(args, 'password'),
    tls: args.options.has('tls'),
    unixSocket: args.options.has('unix-socket'),
  };
  return labUpStandalone(options);
}

async function labUpStandalone(options: StandaloneOptions): Promise<number> {
  const signals = watchStopSignals();
  try {
    const server = await startServer(options);
    printServer(server, options);
    await signals.received;
    process.stdout.write('\nStopping...\n');
    await server.stop();
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

function printServer(server: RedisServerHandle, options: StandaloneOptions): void {
  const auth = options.password === undefined ? '' : ` -a '${options.password}'`;
  const lines = [
    `redis-server is up at ${server.address} (pid ${server.pid})`,
    `  try: redis-cli -p ${server.port}${auth}`,
  ];
  if (server.tlsPort !== undefined && server.tls !== undefined) {
    lines.push(`  tls: 127.0.0.1:${server.tlsPort} (CA ${server.tls.caPath})`);
    lines.push(`       redis-cli --tls --cacert ${server.tls.caPath} -p ${server.tlsPort}${auth}`);
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
