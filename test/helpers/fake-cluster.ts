/**
 * Scripted fake cluster nodes (on top of fake-server.ts) for cluster faults a real cluster cannot
 * produce on demand: TRYAGAIN, a CLUSTERDOWN or LOADING that persists, a MOVED loop, disagreeing views.
 * Each node speaks RESP2 (it refuses HELLO), answers CLUSTER SLOTS from its own `slots` table (which a
 * test may change at any time) and everything else through `onCommand`, default `+OK`.
 */
import type net from 'node:net';
import { RespDecoder } from '../../src/resp/decoder.js';
import { encodeFrame, type RespFrame } from '../../src/resp/encoder.js';
import type { RespValue } from '../../src/resp/types.js';
import { type FakeServer, startFakeServer } from './fake-server.js';

/** A slot range and the node (by index in the fake cluster) that owns it. */
export interface FakeSlotRange {
  start: number;
  end: number;
  owner: number;
}

export interface FakeNode {
  readonly server: FakeServer;
  readonly port: number;
  readonly address: string;
  readonly id: string;
  /** This node's view, returned by CLUSTER SLOTS. */
  slots: FakeSlotRange[];
  /** Commands received after the handshake (upper-cased name first), in order. */
  readonly received: string[][];
  /** Answers a data command: raw RESP text, or undefined for `+OK`. */
  onCommand: (args: string[]) => string | undefined;
}

export interface FakeCluster {
  readonly nodes: FakeNode[];
  seeds(): string[];
  /** Number of CLUSTER SLOTS queries every node received. */
  viewQueries(): number;
  close(): Promise<void>;
}

export const ALL_SLOTS: FakeSlotRange[] = [{ start: 0, end: 16383, owner: 0 }];

function slotsFrame(cluster: FakeNode[], slots: FakeSlotRange[]): RespFrame {
  return {
    type: 'array',
    value: slots.map((range) => ({
      type: 'array',
      value: [
        { type: 'integer', value: range.start },
        { type: 'integer', value: range.end },
        {
          type: 'array',
          value: [
            { type: 'bulk', value: '127.0.0.1' },
            { type: 'integer', value: cluster[range.owner].port },
            { type: 'bulk', value: cluster[range.owner].id },
          ],
        },
      ],
    })),
  };
}

function text(value: RespValue): string {
  return Buffer.isBuffer(value) ? value.toString() : String(value);
}

/** Starts `count` fake nodes; all of them initially say node 0 owns every slot. */
export async function startFakeCluster(count: number): Promise<FakeCluster> {
  const nodes: FakeNode[] = [];
  let queries = 0;
  for (let index = 0; index < count; index++) {
    const decoders = new WeakMap<net.Socket, RespDecoder>();
    const node: FakeNode = {
      server: undefined as unknown as FakeServer,
      port: 0,
      address: '',
      id: String(index).repeat(40).slice(0, 40),
      slots: ALL_SLOTS,
      received: [],
      onCommand: () => undefined,
    };
    const answer = (socket: net.Socket, args: string[]) => {
      const name = args[0]?.toUpperCase();
      if (name === 'HELLO') return socket.write("-ERR unknown command 'HELLO'\r\n");
      if (name === 'CLUSTER' && args[1]?.toUpperCase() === 'SLOTS') {
        queries++;
        return socket.write(encodeFrame(slotsFrame(nodes, node.slots)));
      }
      if (name === 'CLUSTER') return socket.write('-ERR unknown subcommand\r\n');
      if (name === 'QUIT') return socket.end('+OK\r\n');
      node.received.push([name, ...args.slice(1)]);
      return socket.write(node.onCommand([name, ...args.slice(1)]) ?? '+OK\r\n');
    };
    const server = await startFakeServer((socket, chunk) => {
      let decoder = decoders.get(socket);
      if (decoder === undefined) {
        decoder = new RespDecoder({
          onReply: (value) => answer(socket, Array.isArray(value) ? value.map(text) : [text(value)]),
        });
        decoders.set(socket, decoder);
      }
      decoder.feed(chunk);
    });
    Object.assign(node, { server, port: server.port, address: server.address });
    nodes.push(node);
  }
  return {
    nodes,
    seeds: () => nodes.map((node) => node.address),
    viewQueries: () => queries,
    close: async () => {
      await Promise.all(nodes.map((node) => node.server.close()));
    },
  };
}

/** RESP text of a reply error. */
export function errorReply(message: string): string {
  return `-${message}\r\n`;
}
