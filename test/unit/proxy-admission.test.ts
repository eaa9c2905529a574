/**
 * The proxy's admission: one object owns the connection limits and the counters they are checked against;
 * a release hands a connection's counts back once, however many parties end it. Also: a captured
 * container request (CLIENT REPLY) keeps its subcommand, in multibulk and inline form alike.
 */
import { describe, expect, it } from 'vitest';
import { Admission } from '../../src/proxy/admission.js';
import { ProxyMetrics } from '../../src/proxy/metrics.js';
import type { ProxyNode } from '../../src/proxy/proxy-directory.js';
import { CAPTURE, FORWARD, RequestParser } from '../../src/proxy/request-parser.js';

const node = (id: string): ProxyNode => ({
  id,
  host: '10.0.0.1',
  port: 6379,
  role: 'primary',
  primaryId: undefined,
  healthy: true,
  proxyPort: 31000,
  present: true,
});

describe('Admission', () => {
  it('checks the total, per-IP and per-node limits, and releases each connection once', () => {
    const metrics = new ProxyMetrics();
    const admission = new Admission(
      { maxConnections: 4, maxConnectionsPerClientIp: 2, maxConnectionsPerBackend: 2 },
      metrics,
    );
    const a = admission.admit('192.0.2.1', node('n1'));
    expect(typeof admission.admit('192.0.2.1', node('n2'))).toBe('function');
    expect(admission.admit('192.0.2.1', node('n3'))).toMatch(/from one address reached \(2\)/);
    expect(typeof admission.admit('192.0.2.2', node('n1'))).toBe('function');
    expect(admission.full('n1')).toBe(true);
    expect(admission.admit('192.0.2.3', node('n1'))).toMatch(/clients of node n1 .* reached \(2\)/);
    expect(typeof admission.admit('192.0.2.3', node('n3'))).toBe('function');
    expect(admission.admit('192.0.2.4', node('n3'))).toMatch(/max number of clients reached \(4\)/);
    expect(metrics.connectionsActive).toBe(4);
    if (typeof a !== 'function') throw new Error('admitted');
    a();
    a();
    expect(admission.count).toBe(3);
    expect(metrics.connectionsActive).toBe(3);
    expect(admission.full('n1')).toBe(false);
    expect(typeof admission.admit('192.0.2.4', node('n1'))).toBe('function');
    expect(metrics.connectionsRejected).toBe(3);
    expect(metrics.rejectedPerClientIp).toBe(1);
    expect(metrics.rejectedPerBackend).toBe(1);
  });
});

describe('captured container requests', () => {
  function capture(bytes: string): string[] {
    let got: string[] = [];
    const parser = new RequestParser({
      forward: () => {},
      decide: (name) => (name === 'client' ? CAPTURE : FORWARD),
      onRequest: () => {},
      onDropped: (_request, args) => {
        got = (args ?? []).map((arg) => arg.toString());
      },
    });
    parser.feed(Buffer.from(bytes));
    return got;
  }

  it('keep their subcommand, multibulk and inline', () => {
    expect(capture('*3\r\n$6\r\nCLIENT\r\n$5\r\nREPLY\r\n$3\r\nOFF\r\n')).toEqual(['client', 'reply', 'OFF']);
    expect(capture('CLIENT REPLY OFF\r\n')).toEqual(['CLIENT', 'REPLY', 'OFF']);
  });
});
