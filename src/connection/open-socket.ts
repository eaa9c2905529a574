import net, { type Socket } from 'node:net';
import tls from 'node:tls';
import type { ResolvedConnectionOptions } from './options.js';

/**
 * Opens the socket (TCP, TLS or unix) without waiting for it; the caller listens for
 * `connect`/`secureConnect`, errors and the connect timeout. Returns the event that means "connected".
 */
export function openSocket(options: ResolvedConnectionOptions): { socket: Socket; readyEvent: string } {
  if (options.path) {
    return { socket: net.connect({ path: options.path }), readyEvent: 'connect' };
  }
  if (options.tls) {
    const servername = options.tls.servername ?? (net.isIP(options.host) ? undefined : options.host);
    const socket = tls.connect({
      ...options.tls,
      host: options.host,
      port: options.port,
      ...(servername ? { servername } : {}),
    });
    return { socket, readyEvent: 'secureConnect' };
  }
  return { socket: net.connect({ host: options.host, port: options.port }), readyEvent: 'connect' };
}
