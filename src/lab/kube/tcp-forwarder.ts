/**
 * A plain TCP forwarder, the kube lab's "ingress": run as its own process inside the ingress
 * namespace (a process can only bind addresses of its own namespace).
 *
 *   node tcp-forwarder.js --log FILE LISTEN_HOST:PORT=TARGET_HOST:PORT[,TARGET_HOST:PORT...] ...
 *
 * Each accepted connection is piped byte for byte to a new connection to its target; when either
 * side ends or fails, both are closed. With several targets (replicas of one "pod" behind a Service),
 * connections are spread round robin, and a target that refuses or does not accept in time is skipped
 * for the next one (as a load balancer with retries does; a Kubernetes Service drops the endpoint
 * once the pod's readiness probe fails instead). Writes `ready <n>` to the log once every listener is bound,
 * and `error ...` (then exits 1) when one cannot be. SIGTERM/SIGINT close everything and exit 0.
 * Self-contained on purpose: it imports nothing from the project.
 */
import { appendFileSync } from 'node:fs';
import net from 'node:net';
import { pathToFileURL } from 'node:url';

/** One listening address and the address its connections are forwarded to. */
export interface ForwardRule {
  listenHost: string;
  listenPort: number;
  /** One target, or several served round robin. */
  targets: Array<{ host: string; port: number }>;
}

/** Parses `LISTEN_HOST:PORT=TARGET_HOST:PORT[,TARGET_HOST:PORT...]`. */
export function parseForwardRule(text: string): ForwardRule {
  const match = /^([0-9.]+):(\d+)=([0-9.]+:\d+(?:,[0-9.]+:\d+)*)$/.exec(text);
  if (match === null) {
    throw new Error(
      `bad forward rule "${text}": expected LISTEN_HOST:PORT=TARGET_HOST:PORT[,TARGET_HOST:PORT...]`,
    );
  }
  const targets = match[3].split(',').map((target) => {
    const colon = target.lastIndexOf(':');
    return { host: target.slice(0, colon), port: Number(target.slice(colon + 1)) };
  });
  return { listenHost: match[1], listenPort: Number(match[2]), targets };
}

/** Milliseconds to wait for a target to accept before closing the client side. */
const TARGET_CONNECT_TIMEOUT_MS = 5_000;

/** Round-robin position of each rule with several targets. */
const turns = new WeakMap<ForwardRule, number>();

function forward(client: net.Socket, rule: ForwardRule): void {
  client.setNoDelay(true);
  client.pause();
  const turn = turns.get(rule) ?? 0;
  turns.set(rule, turn + 1);
  let target: net.Socket | undefined;
  const closeBoth = (): void => {
    client.destroy();
    target?.destroy();
  };
  client.on('error', closeBoth);
  client.on('close', closeBoth);
  // Tries the targets from this connection's turn on; the first that accepts gets the client.
  const attempt = (tried: number): void => {
    if (client.destroyed) return;
    if (tried >= rule.targets.length) {
      client.destroy();
      return;
    }
    const { host, port } = rule.targets[(turn + tried) % rule.targets.length];
    const candidate = net.connect({ host, port });
    candidate.setNoDelay(true);
    const failed = (): void => {
      candidate.destroy();
      attempt(tried + 1);
    };
    candidate.setTimeout(TARGET_CONNECT_TIMEOUT_MS, failed);
    candidate.once('error', failed);
    candidate.once('connect', () => {
      if (client.destroyed) {
        candidate.destroy();
        return;
      }
      candidate.setTimeout(0);
      candidate.off('error', failed);
      target = candidate;
      candidate.on('error', closeBoth);
      candidate.on('close', closeBoth);
      client.pipe(candidate);
      candidate.pipe(client);
      client.resume();
    });
  };
  attempt(0);
}

function listen(rule: ForwardRule): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const server = net.createServer((client) => forward(client, rule));
    server.once('error', reject);
    server.listen({ host: rule.listenHost, port: rule.listenPort, exclusive: true }, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

/** Starts every rule; resolves with the servers once all listen. */
export async function startForwarder(rules: readonly ForwardRule[]): Promise<net.Server[]> {
  const servers: net.Server[] = [];
  try {
    for (const rule of rules) {
      servers.push(await listen(rule));
    }
  } catch (error) {
    for (const server of servers) {
      server.close();
    }
    throw error;
  }
  return servers;
}

async function main(argv: readonly string[]): Promise<void> {
  const logIndex = argv.indexOf('--log');
  const logFile = logIndex >= 0 ? argv[logIndex + 1] : undefined;
  const log = (line: string): void => {
    if (logFile !== undefined) {
      appendFileSync(logFile, `${line}\n`);
    }
  };
  const ruleArgs = argv.filter((arg, index) => arg !== '--log' && (logIndex < 0 || index !== logIndex + 1));
  try {
    const rules = ruleArgs.map(parseForwardRule);
    const servers = await startForwarder(rules);
    const stop = (): void => {
      for (const server of servers) {
        server.close();
      }
      process.exit(0);
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
    for (const rule of rules) {
      const targets = rule.targets.map((target) => `${target.host}:${target.port}`).join(',');
      log(`forward ${rule.listenHost}:${rule.listenPort} -> ${targets}`);
    }
    log(`ready ${rules.length}`);
  } catch (error) {
    log(`error ${(error as Error).message}`);
    process.exit(1);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void main(process.argv.slice(2));
}
