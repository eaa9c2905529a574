export { CentralizedTopology } from './centralized-topology.js';
export { hasStatefulConnections, type StatefulConnections } from './stateful-connections.js';
export type { Topology } from './topology.js';
