import { formatAddress, type NodeAddress } from '../../address/index.js';

interface Entry {
  address: NodeAddress;
  key: string;
  configured: boolean;
}

/**
 * The sentinels to try, in order: the one that answered last first, then the configured ones, then those
 * learned from `SENTINEL SENTINELS`. Configured entries are never forgotten; learned ones follow the
 * latest reply, so the client survives the loss of every sentinel it was configured with.
 */
export class SentinelList {
  private entries: Entry[];

  constructor(configured: readonly NodeAddress[]) {
    this.entries = [];
    for (const address of configured) this.add(address, true);
  }

  /** Addresses in the order to try them. */
  ordered(): Array<{ address: NodeAddress; configured: boolean }> {
    return this.entries.map((entry) => ({ address: entry.address, configured: entry.configured }));
  }

  get size(): number {
    return this.entries.length;
  }

  /** Puts the sentinel that answered first, so the next discovery asks it first. */
  promote(address: NodeAddress): void {
    const key = formatAddress(address);
    const index = this.entries.findIndex((entry) => entry.key === key);
    if (index <= 0) return;
    const [entry] = this.entries.splice(index, 1);
    if (entry !== undefined) this.entries.unshift(entry);
  }

  /** Replaces the learned sentinels with `discovered` (announced addresses); configured ones stay. */
  learn(discovered: readonly NodeAddress[], answeredBy: NodeAddress): void {
    const keep = new Set(discovered.map(formatAddress));
    keep.add(formatAddress(answeredBy));
    this.entries = this.entries.filter((entry) => entry.configured || keep.has(entry.key));
    for (const address of discovered) this.add(address, false);
  }

  private add(address: NodeAddress, configured: boolean): void {
    const key = formatAddress(address);
    if (this.entries.some((entry) => entry.key === key)) return;
    this.entries.push({ address: { host: address.host, port: address.port }, key, configured });
  }
}
