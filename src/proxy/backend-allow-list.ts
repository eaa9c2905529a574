/**
 * The networks the proxy may connect to: its backends. By default derived from the configured seeds —
 * the /24 of each IPv4 seed (a cluster's nodes usually share one), the exact address of each IPv6 seed,
 * and the same for every address a seed host name resolves to — widened with `--backend-cidr`. Checked
 * before every connection the proxy opens (discovery and client traffic) and for every address a node
 * announces, so neither an announced address nor a node met by CLUSTER MEET can point the proxy, or its
 * credentials, anywhere else. Host names are resolved here and the proxy connects to the checked address.
 */
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import type { NodeAddress } from '../address/index.js';
import { ConfigError } from '../errors.js';

export class BackendAllowList {
  private readonly list = new BlockList();
  /** The networks, as given or derived, for messages and the start-up table. */
  readonly networks: string[] = [];

  /** Adds `a.b.c.d/n`, `v6::/n` or a single address. Throws {@link ConfigError} naming `field`. */
  add(cidr: string, field = 'backend-cidr'): void {
    const [address, bits] = cidr.trim().split('/');
    const family = isIP(address ?? '');
    if (family === 0) throw new ConfigError(field, `"${cidr}" is not an IP address or network (a.b.c.d/n)`);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) {
      this.list.addAddress(address, type);
      this.networks.push(address);
      return;
    }
    const prefix = Number(bits);
    if (!/^\d{1,3}$/.test(bits) || prefix > (family === 4 ? 32 : 128)) {
      throw new ConfigError(field, `"${cidr}" has no valid prefix length`);
    }
    this.list.addSubnet(address, prefix, type);
    this.networks.push(`${address}/${prefix}`);
  }

  /** Adds the default networks of `seeds`: each IPv4 seed's /24, each IPv6 seed exactly (names resolved). */
  async addSeeds(seeds: readonly NodeAddress[]): Promise<void> {
    for (const seed of seeds) {
      const addresses = isIP(seed.host) !== 0 ? [seed.host] : await resolveAll(seed.host).catch(() => []);
      for (const address of addresses) {
        if (isIP(address) === 4) this.add(`${address.split('.').slice(0, 3).join('.')}.0/24`);
        else this.add(address);
      }
    }
  }

  /** Whether the IP address `ip` is allowed (a host name never is: resolve it first). */
  allows(ip: string): boolean {
    const family = isIP(ip);
    if (family === 0) return false;
    return this.list.check(ip, family === 4 ? 'ipv4' : 'ipv6');
  }

  /**
   * The address to connect to for `address`: itself when its IP is allowed, the first allowed address a
   * host name resolves to, or undefined when none is allowed.
   */
  async resolve(address: NodeAddress): Promise<NodeAddress | undefined> {
    if (isIP(address.host) !== 0) return this.allows(address.host) ? address : undefined;
    for (const ip of await resolveAll(address.host).catch(() => [])) {
      if (this.allows(ip)) return { host: ip, port: address.port };
    }
    return undefined;
  }
}

async function resolveAll(host: string): Promise<string[]> {
  const found = await lookup(host, { all: true });
  return found.map((entry) => entry.address);
}
