/**
 * A plain TCP forwarder, the kube lab's "ingress": run as its own process inside the ingress
 * namespace (a process can only bind addresses of its own namespace).
 *
 *   node tcp-forwarder.js --log FILE LISTEN_HOST:PORT=TARGET_HOST:PORT ...
 *
 * Each accepted connection is piped byte for byte to a new connection to its target; when either
 * side ends or fails, both are closed. Writes `ready <n>` to the log once every listener is bound,
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
  targetHost: string;
  targetPort: number;
}

/** Parses `LISTEN_HOST:PORT=TARGET_HOST:PORT`. */
export function parseForwardRule(text: string): ForwardRule {
  const match = /^([0-9.]+):(\d+)=([0-9.]+):(\d+)$/.exec(text);
  if (match === null) {
    throw new Error(`bad forward rule "${text}": expected LISTEN_HOST:PORT=TARGET_HOST:PORT`);
  }
  return {
    listenHost: match[1],
    listenPort: Number(match[2]),
    targetHost: match[3],
    targetPort: Number(match[4]),
  };
}

/** Milliseconds to wait for a target to accept before closing the client side. */
const TARGET_CONNECT_TIMEOUT_MS = 5_000;

function forward(client: net.Socket, rule: ForwardRule): void {
  const target = net.connect({ host: rule.targetHost, port: rule.targetPort });
  client.setNoDelay(true);
  target.setNoDelay(true);
  target.setTimeout(TARGET_CONNECT_TIMEOUT_MS, () => target.destroy());
  target.once('connect', () => target.setTimeout(0));
  const closeBoth = (): void => {
    client.destroy();
    target.destroy();
  };
  client.on('error', closeBoth);
  target.on('error', closeBoth);
  client.on('close', closeBoth);
  target.on('close', closeBoth);
  client.pipe(target);
  target.pipe(client);
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
      log(`forward ${rule.listenHost}:${rule.listenPort} -> ${rule.targetHost}:${rule.targetPort}`);
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
