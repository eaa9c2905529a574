/**
 * The floor of any Node proxy, for the proxy benchmark: `node bare-forwarder.js LISTEN TARGET WORKERS`
 * accepts on LISTEN and pipes each connection both ways to 127.0.0.1:TARGET (net.Socket pipe, no
 * parsing, no rewriting), in WORKERS node:cluster processes sharing the port (one process for 1), as
 * `slotbridge proxy --workers` does. Prints `ready` once listening.
 */
import cluster from 'node:cluster';
import { connect, createServer } from 'node:net';

const [listen, target, workers] = process.argv.slice(2).map(Number);

function serve(): void {
  const server = createServer({ noDelay: true }, (client) => {
    const backend = connect({ port: target, host: '127.0.0.1', noDelay: true });
    client.pipe(backend);
    backend.pipe(client);
    client.on('error', () => backend.destroy());
    backend.on('error', () => client.destroy());
    client.on('close', () => backend.destroy());
    backend.on('close', () => client.destroy());
  });
  server.listen(listen, '127.0.0.1', () => {
    if (cluster.isWorker) process.send?.('ready');
    else process.stdout.write('ready\n');
  });
}

if (workers > 1 && cluster.isPrimary) {
  let ready = 0;
  for (let i = 0; i < workers; i++) {
    cluster.fork().on('message', (message) => {
      if (message === 'ready' && ++ready === workers) process.stdout.write('ready\n');
    });
  }
  process.on('SIGTERM', () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill();
    process.exit(0);
  });
} else {
  serve();
}
