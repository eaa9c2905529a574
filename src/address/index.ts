export { type AddressMapper, identityAddressMapper } from './address-mapper.js';
export { type AddressContext, type AddressSource, formatAddress, type NodeAddress } from './node-address.js';
