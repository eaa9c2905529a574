import net from 'node:net';

/** Asks the kernel for a free TCP port on `host` (bind to port 0, read it, close). */
export function findFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ host, port: 0, exclusive: true }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => {
        if (port > 0) {
          resolve(port);
        } else {
          reject(new Error(`could not read the port bound on ${host}`));
        }
      });
    });
  });
}

let ipv6Loopback: Promise<boolean> | undefined;

/** Whether `::1` can be bound on this machine (cached for the process). */
export function isIpv6LoopbackAvailable(): Promise<boolean> {
  if (ipv6Loopback === undefined) {
    ipv6Loopback = findFreePort('::1').then(
      () => true,
      () => false,
    );
  }
  return ipv6Loopback;
}
