import { describe, expect, it } from 'vitest';
import { Connection } from '../../src/connection/index.js';
import { useClusterProxy } from '../helpers/proxy.js';
import { recordResult } from '../helpers/results.js';

/**
 * The proxy toward a backend that stops answering without closing (SIGSTOP): its health-checked watch
 * connection finds it within interval + timeout and closes the client connections paired with it, so
 * their clients reconnect instead of waiting on a silent socket.
 */
const INTERVAL = 500;
const TIMEOUT = 1000;

const fixture = useClusterProxy(
  { primaries: 3, replicasPerPrimary: 0, nodeTimeoutMs: 5000 },
  { backendHealthCheck: { interval: INTERVAL, timeout: TIMEOUT }, keepAliveMs: 1000 },
);

describe('proxy: half-open backends', () => {
  it('closes the client connections of a frozen backend and counts it', async () => {
    const node = fixture.cluster.nodes[0];
    const row = fixture.proxy.portTable().find((entry) => entry.node.port === node.port);
    expect(row).toBeDefined();
    // A client with no health check of its own: only the proxy can tell it that the node went silent.
    const client = new Connection({ port: row?.proxyPort, healthCheck: false, reconnect: false });
    const ended = new Promise<void>((resolve) => client.once('end', () => resolve()));
    try {
      await client.connect();
      expect(await client.send(['PING'])).toBe('PONG');
      // Let the proxy's watch connection to this node become ready and idle.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const stoppedAt = performance.now();
      node.server.pause();
      try {
        await ended;
        const closedMs = performance.now() - stoppedAt;
        expect(closedMs).toBeLessThan(INTERVAL + TIMEOUT + 1500);
        expect(fixture.logs.some((line) => /stopped answering/.test(line))).toBe(true);
        expect(fixture.proxy.metrics.render(0)).toMatch(/slotbridge_proxy_backend_half_open_total [1-9]/);
        recordResult('proxy-half-open-sigstop', {
          backendHealthCheck: { interval: INTERVAL, timeout: TIMEOUT },
          clientClosedMs: Math.round(closedMs),
          boundMs: INTERVAL + TIMEOUT,
        });
      } finally {
        node.server.resume();
      }
    } finally {
      client.disconnect();
    }
  });
});
