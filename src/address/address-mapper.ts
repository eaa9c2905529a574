import type { AddressContext, NodeAddress } from './node-address.js';

/**
 * The one place that decides where a socket goes for an address a server announced
 * (CLUSTER SHARDS/SLOTS/NODES, MOVED/ASK, sentinel replies and events). Routing keeps the announced
 * identity; only the socket target comes from here.
 */
export interface AddressMapper {
  /** The address to connect to for `announced`. */
  resolve(announced: NodeAddress, context: AddressContext): Promise<NodeAddress>;
}

/** Connects where the server said: the default when no mapping is configured. */
export const identityAddressMapper: AddressMapper = {
  resolve: (announced) => Promise.resolve(announced),
};
