export { CentralizedTopology } from './centralized-topology.js';
export type { Topology } from './topology.js';
