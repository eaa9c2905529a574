/**
 * The handshake a connection runs on every new socket: HELLO 3 (AUTH and SETNAME in it), falling back to
 * RESP2 (AUTH, CLIENT SETNAME) when the server refuses HELLO, then SELECT, READONLY and, when HELLO did
 * not tell everything about the server, INFO server. Commands go through `send`, which writes ahead of
 * the offline queue.
 */
import { ReplyError, type RespArg, type RespValue } from '../resp/index.js';
import type { ResolvedConnectionOptions } from './options.js';
import { type ServerInfo, serverInfoFromHello, serverInfoFromInfo, withInfo } from './server-info.js';

export interface HandshakeResult {
  protocol: 2 | 3;
  /** What the server said about itself; undefined when neither HELLO nor INFO told it. */
  server: ServerInfo | undefined;
}

export async function runHandshake(
  options: ResolvedConnectionOptions,
  credentials: { username: string | undefined; password: string | undefined },
  send: (args: readonly RespArg[]) => Promise<RespValue>,
): Promise<HandshakeResult> {
  const { clientName, db, readOnly } = options;
  const { username, password } = credentials;
  let protocol: 2 | 3 = options.protocol;
  let helloInfo: ServerInfo | undefined;
  if (protocol === 3) {
    const hello: RespArg[] = ['HELLO', '3'];
    if (password !== undefined) hello.push('AUTH', username ?? 'default', password);
    if (clientName !== undefined) hello.push('SETNAME', clientName);
    try {
      const reply = await send(hello);
      helloInfo = serverInfoFromHello(reply);
    } catch (error) {
      // A server without RESP3 answers HELLO with ERR (unknown command) or NOPROTO: speak RESP2.
      if (!(error instanceof ReplyError) || (error.code !== 'ERR' && error.code !== 'NOPROTO')) throw error;
      protocol = 2;
    }
  }
  if (protocol === 2) {
    if (password !== undefined) {
      await send(username !== undefined ? ['AUTH', username, password] : ['AUTH', password]);
    }
    if (clientName !== undefined) await send(['CLIENT', 'SETNAME', clientName]);
  }
  const rest: Promise<RespValue>[] = [];
  if (db !== 0) rest.push(send(['SELECT', String(db)]));
  if (readOnly) rest.push(send(['READONLY']));
  // HELLO told flavor and version; Valkey's Redis-compatible version is only in INFO. Without HELLO
  // (RESP2 asked for, or refused), INFO server tells all of it. Either way INFO is asked once.
  let infoText: string | undefined;
  if (protocol === 2 || helloInfo?.flavor === 'valkey') {
    rest.push(
      send(['INFO', 'server']).then(
        (reply) => {
          infoText = Buffer.isBuffer(reply) ? reply.toString() : String(reply);
          return reply;
        },
        () => null,
      ),
    );
  }
  await Promise.all(rest);
  let server: ServerInfo | undefined;
  if (helloInfo !== undefined) {
    server = infoText === undefined ? helloInfo : withInfo(helloInfo, infoText);
  } else if (infoText !== undefined) {
    server = serverInfoFromInfo(infoText);
  }
  return { protocol, server };
}
