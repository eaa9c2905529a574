export { CentralizedTopology } from './centralized-topology.js';
export {
  type ReadFrom,
  SentinelError,
  type SentinelErrorCode,
  SentinelTopology,
  type SentinelTopologyOptions,
} from './sentinel/index.js';
export type { Topology } from './topology.js';
