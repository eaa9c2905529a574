export type {
  BeginSearch,
  CommandFlagName,
  FindKeys,
  KeySpecFlagName,
  RequestPolicy,
  ResponsePolicy,
} from './command-info.js';
export { CommandInfo, KeySpec } from './command-info.js';
export type { KeyExtractionOptions } from './command-table.js';
export {
  allCommands,
  extractKeyIndexes,
  extractKeys,
  getCommand,
  isRetryableOnReconnect,
  lookupCommand,
} from './command-table.js';
export { COMMAND_FLAGS, KEY_SPEC_FLAGS } from './generated/command-table.js';
