import { EventEmitter } from 'node:events';
import {
  Connection,
  type ConnectionOptions,
  type SendOptions,
  type ServerInfo,
} from '../connection/index.js';
import type { RespArg, RespValue } from '../resp/index.js';
import type { StatefulConnections } from './stateful-connections.js';
import type { Topology } from './topology.js';

const FORWARDED_EVENTS = ['connect', 'ready', 'reconnecting', 'end'] as const;

/** One server (TCP, TLS or unix socket): every command goes to its single connection. */
export class CentralizedTopology extends EventEmitter implements Topology, StatefulConnections {
  readonly kind: string;
  readonly settlesAtConnection = true;
  readonly connection: Connection;
  private readonly connectionOptions: ConnectionOptions;

  constructor(options: ConnectionOptions) {
    super();
    this.kind = options.path ? 'unix' : 'standalone';
    this.connectionOptions = options;
    this.connection = new Connection(options);
    for (const event of FORWARDED_EVENTS) {
      this.connection.on(event, (payload: unknown) => this.emit(event, payload));
    }
    this.connection.on('error', (error: Error) => {
      if (this.listenerCount('error') > 0) this.emit('error', error);
    });
  }

  servers(): Map<string, ServerInfo> {
    const info = this.connection.server;
    return info === undefined ? new Map() : new Map([[this.connection.address, info]]);
  }

  connect(): Promise<void> {
    return this.connection.connect();
  }

  dispatch(args: readonly RespArg[], options?: SendOptions): Promise<RespValue> {
    return this.connection.send(args, options);
  }

  async sharedConnection(): Promise<Connection> {
    const state = this.connection.state;
    if (state === 'idle' || state === 'connecting') await this.connection.connect();
    return this.connection;
  }

  openConnectionLike(): Connection {
    const { onPush: _ignored, ...options } = this.connectionOptions;
    return new Connection(options);
  }

  quit(): Promise<void> {
    return this.connection.quit();
  }

  disconnect(): void {
    this.connection.disconnect();
  }
}
