/**
 * The proxy's HTTP endpoint: `/healthz` (liveness) and `/readyz` (readiness), both without a token, and
 * `/metrics` (Prometheus text, behind an optional bearer token). Served by the single proxy process, or by the primary of a worker group, which
 * sums its workers' counters before answering.
 */
import { timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';

export interface MetricsServerOptions {
  port: number;
  host: string;
  /** Metrics require `Authorization: Bearer <token>`. */
  token?: string | undefined;
  /**
   * `/readyz`: 200 once the proxy serves (discovery done, every listener open; in a group, every worker
   * bound), 503 before and while draining (so a Service stops sending it clients).
   */
  ready: () => boolean;
  /** The exposition text (may ask workers first). */
  render: () => string | Promise<string>;
}

/** Starts the endpoint; rejects when the port cannot be bound. */
export function serveMetrics(options: MetricsServerOptions): Promise<Server> {
  const expected = options.token === undefined ? undefined : Buffer.from(`Bearer ${options.token}`);
  const server = createServer((request, response) => {
    // Liveness, for probes that cannot send a token: says nothing but "up".
    if (request.url === '/healthz') {
      response.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
      return;
    }
    if (request.url === '/readyz') {
      const [status, text] = options.ready() ? [200, 'ready\n'] : [503, 'not ready\n'];
      response.writeHead(status, { 'content-type': 'text/plain' }).end(text);
      return;
    }
    if (expected !== undefined) {
      const given = Buffer.from(request.headers.authorization ?? '');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        response.writeHead(401, { 'www-authenticate': 'Bearer' }).end('unauthorized\n');
        return;
      }
    }
    if (request.url !== '/metrics' && request.url !== '/') {
      response.writeHead(404).end('not found\n');
      return;
    }
    Promise.resolve()
      .then(options.render)
      .then(
        (text) => {
          response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
          response.end(text);
        },
        (error: unknown) => {
          response
            .writeHead(503, { 'content-type': 'text/plain' })
            .end(`metrics unavailable: ${error instanceof Error ? error.message : String(error)}\n`);
        },
      );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}
