import type { NodeAddress } from './node-address.js';

/** A mapping target: `host:port`, `host` (keeps the announced port) or an address object. */
export type AddressTarget = string | NodeAddress;

/** A function map: return where to connect for an announced address, or undefined to keep it. */
export type AddressMapFunction = (
  announced: NodeAddress,
) => AddressTarget | undefined | Promise<AddressTarget | undefined>;

/**
 * How announced addresses become reachable ones. All parts are optional and compose in this order:
 * `map` → `resolve` → `discover`; the first that knows an address wins, else the announced address is used.
 */
export interface AddressOptions {
  /**
   * A static map (`{ '10.0.0.5:6379': 'localhost:30001', '10.0.0.6': 'gateway' }`, host-only keys keep the
   * port) or a function `(announced) => target | undefined` (sync or async).
   */
  map?: Record<string, AddressTarget> | AddressMapFunction;
  /**
   * Probe exposed ports on `host`, ask each server who it is (CLUSTER MYID, SENTINEL MYID, INFO run_id)
   * and match it to the topology by identity: the internal addresses need not be known.
   * `ports`: `'30001-30006'`, `'30001,30002'` or an array.
   */
  discover?: { host: string; ports: string | number[]; probeTimeout?: number };
  /** A resolver hook (custom DNS, service discovery): candidates to try, in order. */
  resolve?: (host: string, port: number) => Promise<NodeAddress[]>;
  /**
   * TLS name to verify when the socket goes elsewhere: a map from announced host to name, or a function.
   * Default: the announced host when it is a name (not an IP).
   */
  servername?: Record<string, string> | ((announced: NodeAddress) => string | undefined);
  /** Also map the configured seed hosts (default false: they are assumed reachable as written). */
  mapConfiguredHosts?: boolean;
}
