/**
 * The one way a connection to a server's node is opened: every connection to a configured or announced
 * address (a cluster seed, a pooled node, a view refresh, a sentinel, a sentinel's master or replica, the
 * doctor's probes, the proxy's discovery) goes through a {@link NodeConnector}. It applies, in one
 * place, the address mapping (where the socket goes), the TLS servername that goes with the mapping
 * (the announced name, so a certificate issued for it verifies although the socket goes elsewhere), the
 * credentials and options of that kind of node, and it tells a node that cannot be reached from here
 * ({@link isReachFailure}) from other failures, explaining the former as an {@link UnreachableNodeError}.
 */
import { Connection, type ConnectionOptions } from '../connection/index.js';
import { CommandTimeoutError, ConnectionError, TimeoutError } from '../errors.js';
import { type AddressMapper, identityAddressMapper, type MappedAddress } from './address-mapper.js';
import type { AddressContext, NodeAddress } from './node-address.js';
import { type UnreachableNode, UnreachableNodeError } from './unreachable-node-error.js';

/**
 * Failure codes that mean "cannot get there from here" when they end a connection that never
 * completed its handshake: refused, no route, no such name, timed out, and a reset or close before any
 * reply (what a gate or a firewall answering with TCP resets produces).
 */
const REACH_FAILURES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'ERR_TIMEOUT',
  'ERR_CONNECTION_CLOSED',
  'ERR_CONNECTION_LOST',
]);

/**
 * True when `error`, from a connection that never completed a handshake, means the address cannot be
 * reached from here (as opposed to credentials, a certificate that does not verify, a protocol error).
 */
export function isReachFailure(error: unknown): error is ConnectionError | TimeoutError {
  // A command's own timeout says nothing about reaching the node.
  if (error instanceof CommandTimeoutError) return false;
  return (
    (error instanceof ConnectionError || error instanceof TimeoutError) && REACH_FAILURES.has(error.code)
  );
}

/**
 * `error` explained as an unreachable node when it is a reach failure ({@link isReachFailure}); any
 * other error is returned as it is.
 */
export function explainConnectFailure(error: Error, node: Omit<UnreachableNode, 'cause'>): Error {
  if (!isReachFailure(error)) return error;
  return new UnreachableNodeError({ ...node, cause: error.cause instanceof Error ? error.cause : error });
}

/**
 * Connection options for a socket to `target`: `base`, then `extra`, then the target's host and port,
 * and the mapping's TLS servername when TLS is on.
 */
export function nodeConnectionOptions(
  base: ConnectionOptions,
  target: MappedAddress,
  extra: ConnectionOptions = {},
): ConnectionOptions {
  const options: ConnectionOptions = { ...base, ...extra, host: target.host, port: target.port };
  const tls = options.tls;
  if (target.servername !== undefined && tls) {
    options.tls = { ...(tls === true ? {} : tls), servername: target.servername };
  }
  return options;
}

/** Opens connections to one kind of node (data nodes, or sentinels) through one address mapper. */
export class NodeConnector {
  readonly mapper: AddressMapper;

  /**
   * @param base options of every connection this connector opens (credentials, TLS, timeouts); host
   *   and port are filled in per target.
   */
  constructor(
    readonly base: ConnectionOptions,
    mapper: AddressMapper = identityAddressMapper,
  ) {
    this.mapper = mapper;
  }

  /** A connector for another kind of node (other credentials or TLS) through the same mapper. */
  with(base: ConnectionOptions): NodeConnector {
    return new NodeConnector(base, this.mapper);
  }

  /** Where a socket for `announced` goes (and the TLS name it presents). */
  resolve(announced: NodeAddress, context: AddressContext): Promise<MappedAddress> {
    return this.mapper.resolve(announced, context);
  }

  /** The options of a connection to an already mapped `target` (see {@link nodeConnectionOptions}). */
  options(target: MappedAddress, extra?: ConnectionOptions): ConnectionOptions {
    return nodeConnectionOptions(this.base, target, extra);
  }

  /** A new, not yet connected connection to an already mapped `target`. */
  open(target: MappedAddress, extra?: ConnectionOptions): Connection {
    return new Connection(this.options(target, extra));
  }

  /** Maps `announced`, then opens a (not yet connected) connection to where it maps. */
  async openAnnounced(
    announced: NodeAddress,
    context: AddressContext,
    extra?: ConnectionOptions,
  ): Promise<{ connection: Connection; target: MappedAddress }> {
    const target = await this.resolve(announced, context);
    return { connection: this.open(target, extra), target };
  }
}
