import type { CommandDefinition, CommandTable } from './command-definition.js';
import { defineCommand } from './command-definition.js';
import { type CoreCommands, coreCommands } from './core-commands.js';
import { type FeatureCommands, featureCommands } from './feature-commands.js';
import { type GeneratedCommands, generatedCommands } from './generated/command-methods.js';
import { parseInfo } from './reply-transforms.js';
import { type VariantCommands, variantCommands } from './variant-commands.js';

/**
 * Commands that change what the connection is (subscriber mode, replication stream, protocol, database,
 * identity, reply mode) and so would break a shared, multiplexed connection. Their definitions exist in
 * {@link generatedCommands} for dedicated connections, but the client and pipelines do not offer them:
 * use the client options (`db`, `username`/`password`, `protocol`, `clientName`), the pub/sub API, or
 * `call()` on a connection you own.
 */
export const CONNECTION_STATE_COMMANDS = [
  'auth',
  'clientReply',
  'hello',
  'monitor',
  'psubscribe',
  'psync',
  'punsubscribe',
  'quit',
  'replconf',
  'reset',
  'select',
  'ssubscribe',
  'subscribe',
  'sunsubscribe',
  'sync',
  'unsubscribe',
  // Transactions keep state on the connection: use client.multi() and client.isolated(c => c.watch(...)).
  'multi',
  'exec',
  'discard',
  'watch',
  'unwatch',
] as const;

type ConnectionStateCommand = (typeof CONNECTION_STATE_COMMANDS)[number];

/** Methods that exist beside the generated ones (parsed variants). */
export const extraCommands = {
  /**
   * INFO [section ...] parsed: `{ server: { redis_version: '7.0.15', ... }, clients: {...} }` (section names
   * lower-case, values as the server's text). Same on RESP2 and RESP3. See `info` for the raw text.
   * @since 1.0.0
   */
  infoParsed: defineCommand(
    (...sections: string[]) => ['INFO', ...sections],
    (reply): Record<string, Record<string, string>> => parseInfo(reply),
    '1.0.0',
  ),
};

type ExtraCommands = typeof extraCommands;

/**
 * The commands a client and a pipeline offer: every generated command, overridden by the hand-written
 * ones in core-commands.ts and feature-commands.ts on a name clash, plus {@link extraCommands}, minus
 * {@link CONNECTION_STATE_COMMANDS}.
 */
export type ClientCommands = Omit<
  GeneratedCommands,
  | keyof CoreCommands
  | keyof FeatureCommands
  | keyof VariantCommands
  | keyof ExtraCommands
  | ConnectionStateCommand
> &
  ExtraCommands &
  Omit<FeatureCommands, keyof CoreCommands> &
  VariantCommands &
  CoreCommands;

function buildClientCommands(): ClientCommands {
  const table: CommandTable = {};
  const generated = generatedCommands as unknown as Record<string, CommandDefinition>;
  for (const name of Object.keys(generated)) table[name] = generated[name];
  for (const name of CONNECTION_STATE_COMMANDS) delete table[name];
  for (const [name, definition] of Object.entries(extraCommands)) table[name] = definition;
  const handWritten = { ...featureCommands, ...variantCommands, ...coreCommands } as Record<
    string,
    CommandDefinition
  >;
  for (const [name, definition] of Object.entries(handWritten)) {
    // A hand-written definition inherits its availability from the spec of the same command.
    const availability = definition.availability ?? generated[name]?.availability;
    table[name] = availability === undefined ? definition : { ...definition, availability };
  }
  return table as unknown as ClientCommands;
}

/** The table installed on RedisClient.prototype and Pipeline.prototype. */
export const clientCommands: ClientCommands = buildClientCommands();
