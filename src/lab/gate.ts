/**
 * A private network on loopback, without root: the servers announce addresses on one loopback IP
 * (e.g. 127.0.0.2) where only a gate listens. The gate forwards connections that come from the servers'
 * own source address (`bind-source-addr`, e.g. 127.0.0.3) to the real port on 127.0.0.1 and resets every
 * other connection at once, so the servers reach each other at the announced addresses while a client
 * on the same machine cannot: the seed's minikube failure, reproduced with plain sockets.
 */
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { LabError } from './errors.js';

export interface GateOptions {
  /** Address the gate listens on (the announced one). */
  listenHost: string;
  port: number;
  /** Where allowed connections go. */
  targetHost: string;
  targetPort: number;
  /** Source address allowed through; every other peer gets a TCP reset. */
  allowFrom: string;
}

/** A running gate; `close()` stops listening and cuts every forwarded connection. */
export interface Gate {
  readonly address: string;
  /** Connections refused so far (peers that were not the servers). */
  readonly refused: number;
  close(): Promise<void>;
}

/** Starts a gate and resolves once it listens. */
export function startGate(options: GateOptions): Promise<Gate> {
  const sockets = new Set<Socket>();
  let refused = 0;
  const server: Server = createServer({ noDelay: true }, (inbound) => {
    if (normalize(inbound.remoteAddress) !== options.allowFrom) {
      refused++;
      inbound.resetAndDestroy();
      return;
    }
    const outbound = createConnection({ host: options.targetHost, port: options.targetPort, noDelay: true });
    sockets.add(inbound);
    sockets.add(outbound);
    const cut = (): void => {
      inbound.destroy();
      outbound.destroy();
      sockets.delete(inbound);
      sockets.delete(outbound);
    };
    inbound.on('error', cut).on('close', cut);
    outbound.on('error', cut).on('close', cut);
    inbound.pipe(outbound);
    outbound.pipe(inbound);
  });
  return new Promise((resolve, reject) => {
    server.once('error', (error) =>
      reject(
        new LabError(`gate on ${options.listenHost}:${options.port} could not listen`, { cause: error }),
      ),
    );
    server.listen(options.port, options.listenHost, () => {
      server.removeAllListeners('error');
      server.on('error', () => {});
      resolve({
        address: `${options.listenHost}:${options.port}`,
        get refused() {
          return refused;
        },
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            sockets.clear();
            server.close(() => done());
          }),
      });
    });
  });
}

function normalize(address: string | undefined): string {
  return (address ?? '').replace(/^::ffff:/, '');
}
