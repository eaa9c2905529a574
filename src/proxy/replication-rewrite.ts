/** ROLE and INFO (replication section): the addresses of a node's primary and of its replicas. */
import type { RespFrame } from '../resp/index.js';
import type { AddressRewriter } from './address-rewriter.js';
import { frameInteger, frameItems, frameText, withInteger, withText } from './frame-values.js';

/** ROLE: `[master, offset, [[ip, port, offset], ...]]` or `[slave, ip, port, state, offset]`. */
export function rewriteRole(frame: RespFrame, rw: AddressRewriter): RespFrame {
  const items = frameItems(frame);
  const role = frameText(items?.[0]);
  if (items === undefined) return frame;
  if (role === 'master') {
    for (const replicaFrame of frameItems(items[2]) ?? []) {
      const replica = frameItems(replicaFrame);
      if (replica === undefined || replica.length < 2) continue;
      rewritePair(replica, 0, 1, rw);
    }
  } else if (role === 'slave' || role === 'replica') {
    rewritePair(items, 1, 2, rw);
  }
  return frame;
}

function rewritePair(items: RespFrame[], hostIndex: number, portIndex: number, rw: AddressRewriter): void {
  const host = frameText(items[hostIndex]);
  const port = frameInteger(items[portIndex]);
  if (host === undefined || port === undefined) return;
  const proxyPort = rw.portFor(undefined, host, port);
  if (proxyPort === undefined) return;
  items[hostIndex] = withText(items[hostIndex], rw.advertiseHost);
  items[portIndex] = withInteger(items[portIndex], proxyPort);
}

/** INFO text: `master_host:`/`master_port:` and `slaveN:ip=...,port=...` lines. */
export function rewriteInfoText(text: string, rw: AddressRewriter): string {
  if (
    !text.includes('master_host:') &&
    !text.includes('tcp_port:') &&
    !text.includes('\nlistener') &&
    !/\nslave\d+:/.test(text) &&
    !/\nmaster\d+:/.test(text)
  )
    return text;
  const lines = text.split('\n');
  // The server section's own port: the port clients reach this node at.
  const tcpIndex = lines.findIndex((line) => line.startsWith('tcp_port:'));
  if (tcpIndex >= 0) lines[tcpIndex] = `tcp_port:${rw.ownPort()}${cr(lines[tcpIndex])}`;
  // Valkey 8: `listenerN:name=tcp,bind=*,bind=-::*,port=6379` (and the TLS and unix listeners).
  for (let i = 0; i < lines.length; i++) {
    const listener = /^(listener\d+:)(.*?)(\r?)$/.exec(lines[i]);
    if (listener === null) continue;
    const fields: string[] = [];
    let bound = false;
    for (const field of listener[2].split(',')) {
      if (field.startsWith('bind=')) {
        if (!bound) fields.push(`bind=${rw.advertiseHost}`);
        bound = true;
      } else if (field.startsWith('port=')) {
        fields.push(`port=${rw.ownPort()}`);
      } else {
        fields.push(field);
      }
    }
    lines[i] = `${listener[1]}${fields.join(',')}${listener[3]}`;
  }
  const hostIndex = lines.findIndex((line) => line.startsWith('master_host:'));
  const portIndex = lines.findIndex((line) => line.startsWith('master_port:'));
  if (hostIndex >= 0 && portIndex >= 0) {
    const host = value(lines[hostIndex]);
    const port = Number(value(lines[portIndex]));
    const proxyPort = rw.portFor(undefined, host, port);
    if (proxyPort !== undefined) {
      lines[hostIndex] = `master_host:${rw.advertiseHost}${cr(lines[hostIndex])}`;
      lines[portIndex] = `master_port:${proxyPort}${cr(lines[portIndex])}`;
    }
  }
  for (let i = 0; i < lines.length; i++) {
    // A sentinel's INFO: `masterN:name=...,address=host:port,...`.
    const sentinelLine = /^(master\d+:.*address=)([^,\r]*):(\d+)([^\n]*)$/.exec(lines[i]);
    if (sentinelLine !== null) {
      const host = sentinelLine[2].replace(/^\[(.*)\]$/, '$1');
      const proxyPort = rw.portFor(undefined, host, Number(sentinelLine[3]));
      if (proxyPort !== undefined) lines[i] = `${sentinelLine[1]}${rw.endpoint(proxyPort)}${sentinelLine[4]}`;
      continue;
    }
    const match = /^(slave\d+:)(.*?)(\r?)$/.exec(lines[i]);
    if (match === null) continue;
    const fields = match[2].split(',');
    const ipAt = fields.findIndex((field) => field.startsWith('ip='));
    const portAt = fields.findIndex((field) => field.startsWith('port='));
    if (ipAt < 0 || portAt < 0) continue;
    const proxyPort = rw.portFor(undefined, fields[ipAt].slice(3), Number(fields[portAt].slice(5)));
    if (proxyPort === undefined) continue;
    fields[ipAt] = `ip=${rw.advertiseHost}`;
    fields[portAt] = `port=${proxyPort}`;
    lines[i] = `${match[1]}${fields.join(',')}${match[3]}`;
  }
  return lines.join('\n');
}

function value(line: string): string {
  return line.slice(line.indexOf(':') + 1).replace(/\r$/, '');
}

function cr(line: string): string {
  return line.endsWith('\r') ? '\r' : '';
}

export function rewriteInfo(frame: RespFrame, rw: AddressRewriter): RespFrame {
  const text = frameText(frame);
  return text === undefined ? frame : withText(frame, rewriteInfoText(text, rw));
}
