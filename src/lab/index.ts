/** Start real Redis servers from the local binaries for tests, the demo and users. */

export {
  type ClusterOptions,
  type LabCluster,
  LabClusterNode,
  type LabNodeInfo,
  parseLabNodes,
  type SlotMigration,
  startCluster,
} from './cluster.js';
export { type ConfigLine, renderConfig } from './config.js';
export { LabError } from './errors.js';
export { type Gate, type GateOptions, startGate } from './gate.js';
export { findFreePort, isIpv6LoopbackAvailable } from './ports.js';
export {
  createLabDir,
  LabProcess,
  liveLabProcessCount,
  probePing,
  readLogTail,
  removeLabDir,
  spawnLabProcess,
  stopAllLabProcesses,
  waitUntilReady,
} from './process.js';
export {
  type LabAddress,
  PRIVATE_ANNOUNCE_HOST,
  PRIVATE_SOURCE_HOST,
  type SentinelGroupHandle,
  type SentinelGroupOptions,
  startSentinelGroup,
} from './sentinel.js';
export {
  type CommandLine,
  findServersDir,
  labServerBuild,
  listServerBuilds,
  resolveServerBuild,
  SERVER_SETTING,
  SERVERS_DIR_SETTING,
  type ServerBuild,
  type ServersDirChoice,
  serverVersionLine,
} from './server-build.js';
export {
  type RedisServerHandle,
  type ServerTlsFiles,
  type StandaloneOptions,
  type StopOptions,
  startServer,
} from './standalone.js';
export { type CertificateOptions, type LabCertificates, makeCertificates } from './tls-certificates.js';
