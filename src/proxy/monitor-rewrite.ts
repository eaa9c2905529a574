/**
 * MONITOR stream lines: `+<time> [<db> <client>] "cmd" "arg"…`. The client field is a connection's
 * peer as the server sees it — for connections through the proxy, the proxy's backend-side address —
 * so, as in CLIENT LIST, the monitoring connection's own field becomes its client's address and every
 * other peer address is withheld (`?:0`); `lua` (a script's calls) is kept. Arguments are quoted and
 * escaped by the server, so the line is plain ASCII.
 */

/**
 * The line rewritten, or `line` itself when it has no client field to change. `ownPeer` is the
 * monitoring session's backend-side address (`ip:port`, as the server prints it), `clientAddress` its
 * client's.
 */
export function rewriteMonitorLine(line: Buffer, ownPeer: string | undefined, clientAddress: string): Buffer {
  const text = line.toString('latin1');
  const open = text.indexOf(' [');
  if (open < 0) return line;
  const space = text.indexOf(' ', open + 2);
  if (space < 0) return line;
  // The field ends at the first `]` followed by a space or the line's end (an IPv6 peer is `[::1]:port`).
  let close = text.indexOf(']', space + 1);
  while (close >= 0 && text[close + 1] !== ' ' && text[close + 1] !== '\r')
    close = text.indexOf(']', close + 1);
  if (close < 0) return line;
  const peer = text.slice(space + 1, close);
  if (peer === 'lua') return line;
  const shown = peer === ownPeer ? clientAddress : '?:0';
  if (shown === peer) return line;
  return Buffer.from(`${text.slice(0, space + 1)}${shown}${text.slice(close)}`, 'latin1');
}

/** How the server prints a peer address (`ip:port`, `[v6]:port`). */
export function peerText(host: string | undefined, port: number | undefined): string | undefined {
  if (host === undefined || port === undefined) return undefined;
  const ip = host.startsWith('::ffff:') && host.includes('.') ? host.slice(7) : host;
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}
