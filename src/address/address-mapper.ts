import type { AddressContext, NodeAddress } from './node-address.js';

/** Where to open the socket for an announced address, and the TLS name to verify there. */
export interface MappedAddress extends NodeAddress {
  /** TLS servername to present and verify when the socket goes to a different host than announced. */
  servername?: string;
}

/**
 * The one place that decides where a socket goes for an address a server announced
 * (CLUSTER SHARDS/SLOTS/NODES, MOVED/ASK, sentinel replies and events). Routing keeps the announced
 * identity; only the socket target comes from here.
 */
export interface AddressMapper {
  /** The address to connect to for `announced`. */
  resolve(announced: NodeAddress, context: AddressContext): Promise<MappedAddress>;
  /**
   * Tells the mapper that connecting to `target` (resolved for `announced`) failed, so the next resolve
   * may choose another candidate or re-probe. Optional.
   */
  reportFailure?(announced: NodeAddress, target: NodeAddress, error: Error): void;
  /** Releases sockets the mapper holds (discovery probes). Optional. */
  close?(): void;
}

/** Connects where the server said: the default when no mapping is configured. */
export const identityAddressMapper: AddressMapper = {
  resolve: (announced) => Promise.resolve(announced),
};
