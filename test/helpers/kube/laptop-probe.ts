/**
 * Runs inside the kube lab's laptop namespace (KubeLab.runInLaptop). For each target `host:port`
 * it opens a raw socket, sends one command, decodes the reply, and prints one JSON array:
 * `[{ target, ok: true, reply, ms } | { target, ok: false, errorCode, message, ms }]`.
 *
 *   laptop-probe.ts '{"targets":["198.19.0.1:6379"],"command":["PING"],"timeoutMs":3000}'
 */
import net from 'node:net';
import { encodeCommand, ReplyError, RespDecoder, type RespValue } from '../../../src/resp/index.js';

interface ProbeSpec {
  targets: string[];
  command: string[];
  timeoutMs?: number;
}

export type ProbeResult =
  | { target: string; ok: true; reply: unknown; ms: number }
  | { target: string; ok: false; errorCode: string; message: string; ms: number };

/** Turns a reply into plain JSON (errors become `{ error }`, Buffers strings, Maps objects). */
function toJson(value: RespValue): unknown {
  if (value instanceof ReplyError) {
    return { error: value.message };
  }
  if (Buffer.isBuffer(value)) {
    return value.toString();
  }
  if (typeof value === 'bigint') {
    return value.toString();
  }
  if (Array.isArray(value)) {
    return value.map(toJson);
  }
  if (value instanceof Map) {
    return Object.fromEntries([...value].map(([k, v]) => [String(toJson(k)), toJson(v)]));
  }
  return value;
}

function probe(target: string, command: string[], timeoutMs: number): Promise<ProbeResult> {
  const colon = target.lastIndexOf(':');
  const started = Date.now();
  return new Promise((resolve) => {
    const socket = net.connect({ host: target.slice(0, colon), port: Number(target.slice(colon + 1)) });
    let done = false;
    const finish = (result: ProbeResult): void => {
      if (!done) {
        done = true;
        socket.destroy();
        resolve(result);
      }
    };
    const fail = (errorCode: string, message: string): void =>
      finish({ target, ok: false, errorCode, message, ms: Date.now() - started });
    const decoder = new RespDecoder({
      onReply: (reply) => finish({ target, ok: true, reply: toJson(reply), ms: Date.now() - started }),
    });
    socket.setTimeout(timeoutMs, () => fail('ETIMEDOUT', `no reply within ${timeoutMs} ms`));
    socket.on('error', (error: NodeJS.ErrnoException) => fail(error.code ?? 'EUNKNOWN', error.message));
    socket.on('close', () => fail('ECLOSED', 'closed before a reply'));
    socket.on('connect', () => socket.write(encodeCommand(command)));
    socket.on('data', (chunk: Buffer) => decoder.feed(chunk));
  });
}

const spec = JSON.parse(process.argv[2] ?? '{}') as ProbeSpec;
const results = await Promise.all(spec.targets.map((t) => probe(t, spec.command, spec.timeoutMs ?? 3_000)));
process.stdout.write(`${JSON.stringify(results)}\n`);
