/*
 * GENERATED FILE - DO NOT EDIT. Regenerate with:
 *   npx tsx scripts/generate-command-methods.ts
 *
 * Derived from the command specifications (JSON) of the Valkey server, src/commands, vendored in
 * vendor/command-specs (see its README.md), and from this project's own specs in specs/redis-7.4
 * (written from the documented syntax). The Valkey data is distributed under the following license:
 *
 * # License 1
 *
 * BSD 3-Clause License
 *
 * Copyright (c) 2024-present, Valkey contributors
 * All rights reserved.
 *
 * Redistribution and use in source and binary forms, with or without modification, are permitted provided that the following conditions are met:
 *
 *     * Redistributions of source code must retain the above copyright notice, this list of conditions and the following disclaimer.
 *     * Redistributions in binary form must reproduce the above copyright notice, this list of conditions and the following disclaimer in the documentation and/or other materials provided with the distribution.
 *     * Neither the name of the copyright holder nor the names of its contributors may be used to endorse or promote products derived from this software without specific prior written permission.
 *
 * THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT OWNER OR CONTRIBUTORS BE LIABLE FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY, OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
 *
 * # License 2
 *
 * BSD 3-Clause License
 *
 * Copyright (c) 2006-2020, Redis Ltd.
 * All rights reserved.
 *
 * Redistribution and use in source and binary forms, with or without modification, are permitted provided that the following conditions are met:
 *
 *     * Redistributions of source code must retain the above copyright notice, this list of conditions and the following disclaimer.
 *     * Redistributions in binary form must reproduce the above copyright notice, this list of conditions and the following disclaimer in the documentation and/or other materials provided with the distribution.
 *     * Neither the name of Redis nor the names of its contributors may be used to endorse or promote products derived from this software without specific prior written permission.
 *
 * THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT OWNER OR CONTRIBUTORS BE LIABLE FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY, OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
 */

import type { RespValue } from '../../../resp/index.js';
import { command } from '../../generated-command.js';
import type { RedisKey, RedisValue } from '../../reply-transforms.js';

/** Options of {@link serverCommands}. */
export interface AclLogOptions {
  operation?: number | 'RESET';
}

/** Options of {@link serverCommands}. */
export interface BgsaveOptions {
  SCHEDULE?: boolean;
}

/** Options of {@link serverCommands}. */
export interface CommandListOptions {
  FILTERBY?: { MODULE: RedisValue } | { ACLCAT: RedisValue } | { PATTERN: RedisValue };
}

/** Options of {@link serverCommands}. */
export interface FailoverOptions {
  TO?: { host: RedisValue; port: number; FORCE?: boolean };
  ABORT?: boolean;
  TIMEOUT?: number;
}

/** Options of {@link serverCommands}. */
export interface ModuleLoadexOptions {
  CONFIG?: Array<{ name: RedisValue; value: RedisValue }>;
  ARGS?: RedisValue[];
}

/** Options of {@link serverCommands}. */
export interface RestoreAskingOptions {
  REPLACE?: boolean;
  ABSTTL?: boolean;
  IDLETIME?: number;
  FREQ?: number;
}

/** Options of {@link serverCommands}. */
export interface ShutdownOptions {
  abortSelector?: { saveSelectorBlock: { saveSelector?: 'NOSAVE' | 'SAVE'; NOW?: boolean; FORCE?: boolean } } | 'ABORT';
}

/** Commands of the server group. */
export const serverCommands = {
  /**
   * Lists the ACL categories, or the commands inside a category.
   *
   * `ACL CAT` · group server · since 6.0.0.
   * Complexity: O(1) since the categories and commands are a fixed set.
   *
   * @returns
   * - In case `category` was not given, a list of existing ACL categories
   * - In case `category` was given, list of commands that fall under the provided ACL category.
   * @since 6.0.0
   */
  aclCat: command<[category?: RedisValue], string[]>(
    ['ACL', 'CAT'],
    '6.0.0',
    [['v', 'category', '', 1]],
    ['a', 's', 1],
  ),
  /**
   * Deletes ACL users, and terminates their connections.
   *
   * `ACL DELUSER` · group server · since 6.0.0.
   * Complexity: O(1) amortized time considering the typical user.
   *
   * @returns
   * - The number of users that were deleted.
   * @since 6.0.0
   */
  aclDeluser: command<[...username: RedisValue[]], number>(
    ['ACL', 'DELUSER'],
    '6.0.0',
    [['v', 'username', '', 2]],
    'n',
  ),
  /**
   * Simulates the execution of a command by a user, without executing the command.
   *
   * `ACL DRYRUN` · group server · since 7.0.0.
   * Complexity: O(1).
   *
   * @returns
   * - The given user may successfully execute the given command.
   * - The description of the problem, in case the user is not allowed to run the given command.
   * @since 7.0.0
   */
  aclDryrun: command<[username: RedisValue, command: RedisValue, ...arg: RedisValue[]], 'OK' | string>(
    ['ACL', 'DRYRUN'],
    '7.0.0',
    [['v', 'username', '', 0], ['v', 'command', '', 0], ['v', 'arg', '', 3]],
    ['u', ['r', 's']],
  ),
  /**
   * Generates a pseudorandom, secure password that can be used to identify ACL users.
   *
   * `ACL GENPASS` · group server · since 6.0.0.
   * Complexity: O(1)
   *
   * @returns
   * - Pseudorandom data. By default it contains 64 bytes, representing 256 bits of data. If `bits` was given, the output string length is the number of specified bits (rounded to the next multiple of 4) divided by 4.
   * @since 6.0.0
   */
  aclGenpass: command<[bits?: number], string>(
    ['ACL', 'GENPASS'],
    '6.0.0',
    [['v', 'bits', '', 1]],
    's',
  ),
  /**
   * Lists the ACL rules of a user.
   *
   * `ACL GETUSER` · group server · since 6.0.0.
   * Complexity: O(N). Where N is the number of password, command and pattern rules that the user has.
   *
   * @returns
   * - A set of ACL rule definitions for the user.
   * - If user does not exist
   * @since 6.0.0
   */
  aclGetuser: command<[username: RedisValue], { flags?: string[]; passwords?: string[]; commands?: string; keys?: string; channels?: string; selectors?: { commands?: string; keys?: string; channels?: string }[] } | null>(
    ['ACL', 'GETUSER'],
    '6.0.0',
    [['v', 'username', '', 0]],
    ['o', { flags: ['a', 's', 1], passwords: ['a', 's', 1], commands: 's', keys: 's', channels: 's', selectors: ['a', ['o', { commands: 's', keys: 's', channels: 's' }, 'r'], 1] }, 'r'],
  ),
  /**
   * Returns helpful text about the different subcommands.
   *
   * `ACL HELP` · group server · since 6.0.0.
   * Complexity: O(1)
   *
   * @returns
   * - A list of subcommands and their description.
   * @since 6.0.0
   */
  aclHelp: command<[], string[]>(
    ['ACL', 'HELP'],
    '6.0.0',
    [],
    ['a', 's', 1],
  ),
  /**
   * Dumps the effective rules in ACL file format.
   *
   * `ACL LIST` · group server · since 6.0.0.
   * Complexity: O(N). Where N is the number of configured users.
   *
   * @returns
   * - A list of currently active ACL rules.
   * @since 6.0.0
   */
  aclList: command<[], string[]>(
    ['ACL', 'LIST'],
    '6.0.0',
    [],
    ['a', 's', 1],
  ),
  /**
   * Reloads the rules from the configured ACL file.
   *
   * `ACL LOAD` · group server · since 6.0.0.
   * Complexity: O(N). Where N is the number of configured users.
   *
   * @returns 'OK'
   * @since 6.0.0
   */
  aclLoad: command<[], 'OK'>(
    ['ACL', 'LOAD'],
    '6.0.0',
    [],
    'r',
  ),
  /**
   * Lists recent security events generated due to ACL rules.
   *
   * `ACL LOG` · group server · since 6.0.0.
   * Complexity: O(N) with N being the number of entries shown.
   *
   * @returns
   * - In case `RESET` was not given, a list of recent ACL security events.
   * - In case `RESET` was given, OK indicates ACL log was cleared.
   * @since 6.0.0
   */
  aclLog: command<[options?: AclLogOptions], { count?: number; reason?: string; context?: string; object?: string; username?: string; 'age-seconds'?: number; 'client-info'?: string; 'entry-id'?: number; 'timestamp-created'?: number; 'timestamp-last-updated'?: number }[] | 'OK'>(
    ['ACL', 'LOG'],
    '6.0.0',
    [['o', 'operation', '', 1, [['v', 'count', '', 0], ['t', 'RESET', 'RESET', 0]]]],
    ['u', [['a', ['o', { count: 'n', reason: 's', context: 's', object: 's', username: 's', 'age-seconds': 'n', 'client-info': 's', 'entry-id': 'n', 'timestamp-created': 'n', 'timestamp-last-updated': 'n' }, 'r'], 1], 'r']],
  ),
  /**
   * Saves the effective ACL rules in the configured ACL file.
   *
   * `ACL SAVE` · group server · since 6.0.0.
   * Complexity: O(N). Where N is the number of configured users.
   *
   * @returns 'OK'
   * @since 6.0.0
   */
  aclSave: command<[], 'OK'>(
    ['ACL', 'SAVE'],
    '6.0.0',
    [],
    'r',
  ),
  /**
   * Creates and modifies an ACL user and its rules.
   *
   * `ACL SETUSER` · group server · since 6.0.0.
   * Complexity: O(N). Where N is the number of rules provided.
   *
   * @returns 'OK'
   * @since 6.0.0
   */
  aclSetuser: command<[username: RedisValue, ...rule: RedisValue[]], 'OK'>(
    ['ACL', 'SETUSER'],
    '6.0.0',
    [['v', 'username', '', 0], ['v', 'rule', '', 3]],
    'r',
  ),
  /**
   * Lists all ACL users.
   *
   * `ACL USERS` · group server · since 6.0.0.
   * Complexity: O(N). Where N is the number of configured users.
   *
   * @returns
   * - List of existing ACL users.
   * @since 6.0.0
   */
  aclUsers: command<[], string[]>(
    ['ACL', 'USERS'],
    '6.0.0',
    [],
    ['a', 's', 1],
  ),
  /**
   * Returns the authenticated username of the current connection.
   *
   * `ACL WHOAMI` · group server · since 6.0.0.
   * Complexity: O(1)
   *
   * @returns
   * - The username of the current connection.
   * @since 6.0.0
   */
  aclWhoami: command<[], string>(
    ['ACL', 'WHOAMI'],
    '6.0.0',
    [],
    's',
  ),
  /**
   * Asynchronously rewrites the append-only file to disk.
   *
   * `BGREWRITEAOF` · group server · since 1.0.0.
   * Complexity: O(1)
   *
   * @returns
   * - A simple string reply indicating that the rewriting started or is about to start ASAP
   * @since 1.0.0
   */
  bgrewriteaof: command<[], string>(
    ['BGREWRITEAOF'],
    '1.0.0',
    [],
    's',
  ),
  /**
   * Asynchronously saves the database(s) to disk.
   *
   * `BGSAVE` · group server · since 1.0.0.
   * Complexity: O(1)
   *
   * @returns 'Background saving started' | 'Background saving scheduled'
   * @since 1.0.0
   */
  bgsave: command<[options?: BgsaveOptions], 'Background saving started' | 'Background saving scheduled'>(
    ['BGSAVE'],
    '1.0.0',
    [['t', 'SCHEDULE', 'SCHEDULE', 1]],
    'r',
  ),
  /**
   * Returns a count of commands.
   *
   * `COMMAND COUNT` · group server · since 2.8.13.
   * Complexity: O(1)
   *
   * @returns
   * - Number of total commands in this server.
   * @since 2.8.13
   */
  commandCount: command<[], number>(
    ['COMMAND', 'COUNT'],
    '2.8.13',
    [],
    'n',
  ),
  /**
   * Returns documentary information about one, multiple or all commands.
   *
   * `COMMAND DOCS` · group server · since 7.0.0.
   * Complexity: O(N) where N is the number of commands to look up
   *
   * @returns
   * - A map where each key is a command name, and each value is the documentary information
   * @since 7.0.0
   */
  commandDocs: command<[...commandName: RedisValue[]], Record<string, { summary?: string; since?: string; group?: 'bitmap' | 'cluster' | 'connection' | 'generic' | 'geo' | 'hash' | 'hyperloglog' | 'list' | 'module' | 'pubsub' | 'scripting' | 'sentinel' | 'server' | 'set' | 'sorted-set' | 'stream' | 'string' | 'transactions'; complexity?: string; module?: string; doc_flags?: ('deprecated' | 'syscmd')[]; deprecated_since?: string; replaced_by?: string; history?: [string, string][]; arguments?: { name?: string; type?: string; display_text?: string; key_spec_index?: number; token?: string; summary?: string; since?: string; deprecated_since?: string; flags?: string[]; arguments?: RespValue[] }[]; reply_schema?: Record<string, RespValue>; subcommands?: RespValue }>>(
    ['COMMAND', 'DOCS'],
    '7.0.0',
    [['v', 'commandName', '', 3]],
    ['m', ['o', { summary: 's', since: 's', group: 'r', complexity: 's', module: 's', doc_flags: ['a', 'r', 1], deprecated_since: 's', replaced_by: 's', history: ['a', ['t', ['s', 's'], 'r'], 2], arguments: ['a', ['o', { name: 's', type: 's', display_text: 's', key_spec_index: 'n', token: 's', summary: 's', since: 's', deprecated_since: 's', flags: ['a', 's', 1], arguments: ['a', 'r', 1] }, 'r'], 1], reply_schema: ['m', 'r'], subcommands: 'r' }, 'r']],
  ),
  /**
   * Extracts the key names from an arbitrary command.
   *
   * `COMMAND GETKEYS` · group server · since 2.8.13.
   * Complexity: O(N) where N is the number of arguments to the command
   *
   * @returns
   * - List of keys from the given command.
   * @since 2.8.13
   */
  commandGetkeys: command<[command: RedisValue, ...arg: RedisValue[]], string[]>(
    ['COMMAND', 'GETKEYS'],
    '2.8.13',
    [['v', 'command', '', 0], ['v', 'arg', '', 3]],
    ['a', 's', 1],
  ),
  /**
   * Extracts the key names and access flags for an arbitrary command.
   *
   * `COMMAND GETKEYSANDFLAGS` · group server · since 7.0.0.
   * Complexity: O(N) where N is the number of arguments to the command
   *
   * @returns
   * - List of keys from the given command and their usage flags.
   * @since 7.0.0
   */
  commandGetkeysandflags: command<[command: RedisValue, ...arg: RedisValue[]], [string, string[]][]>(
    ['COMMAND', 'GETKEYSANDFLAGS'],
    '7.0.0',
    [['v', 'command', '', 0], ['v', 'arg', '', 3]],
    ['a', ['t', ['s', ['a', 's', 1]], 'r'], 2],
  ),
  /**
   * Returns helpful text about the different subcommands.
   *
   * `COMMAND HELP` · group server · since 5.0.0.
   * Complexity: O(1)
   *
   * @returns
   * - Helpful text about subcommands.
   * @since 5.0.0
   */
  commandHelp: command<[], string[]>(
    ['COMMAND', 'HELP'],
    '5.0.0',
    [],
    ['a', 's', 1],
  ),
  /**
   * Returns information about one, multiple or all commands.
   *
   * `COMMAND INFO` · group server · since 2.8.13.
   * Complexity: O(N) where N is the number of commands to look up
   *
   * @returns (null | [string, number, string[], number, number, number, string[], string[], { notes?: string; flags?: string[]; begin_search?: { type?: string; spec?: Record<string, RespValue> | { index?: number } | { keyword?: string; startfrom?: number } }; find_keys?: { type?: string; spec?: Record<string, RespValue> | { lastkey?: number; keystep?: number; limit?: number } | { keynumidx?: number; firstkey?: number; keystep?: number } } }[], RespValue[]])[]
   * @since 2.8.13
   */
  commandInfo: command<[...commandName: RedisValue[]], (null | [string, number, string[], number, number, number, string[], string[], { notes?: string; flags?: string[]; begin_search?: { type?: string; spec?: Record<string, RespValue> | { index?: number } | { keyword?: string; startfrom?: number } }; find_keys?: { type?: string; spec?: Record<string, RespValue> | { lastkey?: number; keystep?: number; limit?: number } | { keynumidx?: number; firstkey?: number; keystep?: number } } }[], RespValue[]])[]>(
    ['COMMAND', 'INFO'],
    '2.8.13',
    [['v', 'commandName', '', 3]],
    ['a', ['t', ['s', 'n', ['a', 's', 1], 'n', 'n', 'n', ['a', 's', 1], ['a', 's', 1], ['a', ['o', { notes: 's', flags: ['a', 's', 1], begin_search: ['o', { type: 's', spec: ['u', [['m', 'r'], ['o', { index: 'n' }, 'r'], ['o', { keyword: 's', startfrom: 'n' }, 'r']]] }, 'r'], find_keys: ['o', { type: 's', spec: ['u', [['m', 'r'], ['o', { lastkey: 'n', keystep: 'n', limit: 'n' }, 'r'], ['o', { keynumidx: 'n', firstkey: 'n', keystep: 'n' }, 'r']]] }, 'r'] }, 'r'], 1], ['a', 'r', 1]], 'r'], 1],
  ),
  /**
   * Returns a list of command names.
   *
   * `COMMAND LIST` · group server · since 7.0.0.
   * Complexity: O(N) where N is the total number of commands
   *
   * @returns string[]
   * @since 7.0.0
   */
  commandList: command<[options?: CommandListOptions], string[]>(
    ['COMMAND', 'LIST'],
    '7.0.0',
    [['o', 'FILTERBY', 'FILTERBY', 1, [['v', 'MODULE', 'MODULE', 0], ['v', 'ACLCAT', 'ACLCAT', 0], ['v', 'PATTERN', 'PATTERN', 0]]]],
    ['a', 's', 1],
  ),
  /**
   * Returns the effective values of configuration parameters.
   *
   * `CONFIG GET` · group server · since 2.0.0.
   * Complexity: O(N) when N is the number of configuration parameters provided
   *
   * @returns Record<string, string>
   * @since 2.0.0
   */
  configGet: command<[...parameter: RedisValue[]], Record<string, string>>(
    ['CONFIG', 'GET'],
    '2.0.0',
    [['v', 'parameter', '', 2]],
    ['m', 's'],
  ),
  /**
   * Returns helpful text about the different subcommands.
   *
   * `CONFIG HELP` · group server · since 5.0.0.
   * Complexity: O(1)
   *
   * @returns
   * - Helpful text about subcommands.
   * @since 5.0.0
   */
  configHelp: command<[], string[]>(
    ['CONFIG', 'HELP'],
    '5.0.0',
    [],
    ['a', 's', 1],
  ),
  /**
   * Resets the server's statistics.
   *
   * `CONFIG RESETSTAT` · group server · since 2.0.0.
   * Complexity: O(1)
   *
   * @returns 'OK'
   * @since 2.0.0
   */
  configResetstat: command<[], 'OK'>(
    ['CONFIG', 'RESETSTAT'],
    '2.0.0',
    [],
    'r',
  ),
  /**
   * Persists the effective configuration to file.
   *
   * `CONFIG REWRITE` · group server · since 2.8.0.
   * Complexity: O(1)
   *
   * @returns 'OK'
   * @since 2.8.0
   */
  configRewrite: command<[], 'OK'>(
    ['CONFIG', 'REWRITE'],
    '2.8.0',
    [],
    'r',
  ),
  /**
   * Sets configuration parameters in-flight.
   *
   * `CONFIG SET` · group server · since 2.0.0.
   * Complexity: O(N) when N is the number of configuration parameters provided
   *
   * @returns 'OK'
   * @since 2.0.0
   */
  configSet: command<[...data: Array<{ parameter: RedisValue; value: RedisValue }>], 'OK'>(
    ['CONFIG', 'SET'],
    '2.0.0',
    [['b', 'data', '', 2, [['v', 'parameter', '', 0], ['v', 'value', '', 0]]]],
    'r',
  ),
  /**
   * Returns the number of keys in the database.
   *
   * `DBSIZE` · group server · since 1.0.0.
   * Complexity: O(1)
   *
   * @returns
   * - The number of keys in the currently-selected database.
   * @since 1.0.0
   */
  dbsize: command<[], number>(
    ['DBSIZE'],
    '1.0.0',
    [],
    'n',
  ),
  /**
   * A container for debugging commands.
   *
   * `DEBUG` · group server · since 1.0.0.
   * Complexity: Depends on subcommand.
   *
   * @returns the raw reply
   *
   * The spec gives no precise reply schema: the reply is the raw `RespValue` (RESP3 maps stay `Map`s, RESP2 sends arrays).
   * @since 1.0.0
   */
  debug: command<[], RespValue>(
    ['DEBUG'],
    '1.0.0',
    [],
    'r',
  ),
  /**
   * Starts a coordinated failover from a server to one of its replicas.
   *
   * `FAILOVER` · group server · since 6.2.0.
   * Complexity: O(1)
   *
   * @returns 'OK'
   * @since 6.2.0
   */
  failover: command<[options?: FailoverOptions], 'OK'>(
    ['FAILOVER'],
    '6.2.0',
    [['b', 'TO', 'TO', 1, [['v', 'host', '', 0], ['v', 'port', '', 0], ['t', 'FORCE', 'FORCE', 1]]], ['t', 'ABORT', 'ABORT', 1], ['v', 'TIMEOUT', 'TIMEOUT', 1]],
    'r',
  ),
  /**
   * Removes all keys from all databases.
   *
   * `FLUSHALL` · group server · since 1.0.0.
   * Complexity: O(N) where N is the total number of keys in all databases
   *
   * @returns 'OK'
   * @since 1.0.0
   */
  flushall: command<[flushType?: 'ASYNC' | 'SYNC'], 'OK'>(
    ['FLUSHALL'],
    '1.0.0',
    [['o', 'flushType', '', 1, [['t', 'ASYNC', 'ASYNC', 0], ['t', 'SYNC', 'SYNC', 0]]]],
    'r',
  ),
  /**
   * Remove all keys from the current database.
   *
   * `FLUSHDB` · group server · since 1.0.0.
   * Complexity: O(N) where N is the number of keys in the selected database
   *
   * @returns 'OK'
   * @since 1.0.0
   */
  flushdb: command<[flushType?: 'ASYNC' | 'SYNC'], 'OK'>(
    ['FLUSHDB'],
    '1.0.0',
    [['o', 'flushType', '', 1, [['t', 'ASYNC', 'ASYNC', 0], ['t', 'SYNC', 'SYNC', 0]]]],
    'r',
  ),
  /**
   * Returns information and statistics about the server.
   *
   * `INFO` · group server · since 1.0.0.
   * Complexity: O(1)
   *
   * @returns
   * - A map of info fields, one field per line in the form of <field>:<value> where the value can be a comma separated map like <key>=<val>. Also contains section header lines starting with `#` and blank lines.
   * @since 1.0.0
   */
  info: command<[...section: RedisValue[]], string>(
    ['INFO'],
    '1.0.0',
    [['v', 'section', '', 3]],
    's',
  ),
  /**
   * Returns the Unix timestamp of the last successful save to disk.
   *
   * `LASTSAVE` · group server · since 1.0.0.
   * Complexity: O(1)
   *
   * @returns
   * - UNIX TIME of the last DB save executed with success.
   * @since 1.0.0
   */
  lastsave: command<[], number>(
    ['LASTSAVE'],
    '1.0.0',
    [],
    'n',
  ),
  /**
   * Returns a human-readable latency analysis report.
   *
   * `LATENCY DOCTOR` · group server · since 2.8.13.
   * Complexity: O(1)
   *
   * @returns
   * - A human readable latency analysis report.
   * @since 2.8.13
   */
  latencyDoctor: command<[], string>(
    ['LATENCY', 'DOCTOR'],
    '2.8.13',
    [],
    's',
  ),
  /**
   * Returns a latency graph for an event.
   *
   * `LATENCY GRAPH` · group server · since 2.8.13.
   * Complexity: O(1)
   *
   * @returns
   * - Latency graph
   * @since 2.8.13
   */
  latencyGraph: command<[event: RedisValue], string>(
    ['LATENCY', 'GRAPH'],
    '2.8.13',
    [['v', 'event', '', 0]],
    's',
  ),
  /**
   * Returns helpful text about the different subcommands.
   *
   * `LATENCY HELP` · group server · since 2.8.13.
   * Complexity: O(1)
   *
   * @returns
   * - Helpful text about subcommands.
   * @since 2.8.13
   */
  latencyHelp: command<[], string[]>(
    ['LATENCY', 'HELP'],
    '2.8.13',
    [],
    ['a', 's', 1],
  ),
  /**
   * Returns the cumulative distribution of latencies of a subset or all commands.
   *
   * `LATENCY HISTOGRAM` · group server · since 7.0.0.
   * Complexity: O(N) where N is the number of commands with latency information being retrieved.
   *
   * @returns
   * - A map where each key is a command name, and each value is a map with the total calls, and an inner map of the histogram time buckets.
   * @since 7.0.0
   */
  latencyHistogram: command<[...command: RedisValue[]], Record<string, { calls?: number; histogram_usec?: Record<string, number> }>>(
    ['LATENCY', 'HISTOGRAM'],
    '7.0.0',
    [['v', 'command', '', 3]],
    ['m', ['o', { calls: 'n', histogram_usec: ['m', 'n'] }, 'r']],
  ),
  /**
   * Returns timestamp-latency samples for an event.
   *
   * `LATENCY HISTORY` · group server · since 2.8.13.
   * Complexity: O(1)
   *
   * @returns
   * - An array where each element is a two elements array representing the timestamp and the latency of the event.
   * @since 2.8.13
   */
  latencyHistory: command<[event: RedisValue], [number, number][]>(
    ['LATENCY', 'HISTORY'],
    '2.8.13',
    [['v', 'event', '', 0]],
    ['a', ['t', ['n', 'n'], 'r'], 2],
  ),
  /**
   * Returns the latest latency samples for all events.
   *
   * `LATENCY LATEST` · group server · since 2.8.13.
   * Complexity: O(1)
   *
   * @returns
   * - An array where each element is a four elements array representing the event's name, timestamp, latest and all-time latency measurements.
   * @since 2.8.13
   */
  latencyLatest: command<[], [string, number, number, number][]>(
    ['LATENCY', 'LATEST'],
    '2.8.13',
    [],
    ['a', ['t', ['s', 'n', 'n', 'n'], 'r'], 4],
  ),
  /**
   * Resets the latency data for one or more events.
   *
   * `LATENCY RESET` · group server · since 2.8.13.
   * Complexity: O(1)
   *
   * @returns
   * - Number of event time series that were reset.
   * @since 2.8.13
   */
  latencyReset: command<[...event: RedisValue[]], number>(
    ['LATENCY', 'RESET'],
    '2.8.13',
    [['v', 'event', '', 3]],
    'n',
  ),
  /**
   * Displays computer art and the server version
   *
   * `LOLWUT` · group server · since 5.0.0.
   *
   * @returns
   * - String containing the generative computer art, and a text with the server version.
   * @since 5.0.0
   */
  lolwut: command<[version?: number], string>(
    ['LOLWUT'],
    '5.0.0',
    [['v', 'VERSION', 'VERSION', 1]],
    's',
  ),
  /**
   * Outputs a memory problems report.
   *
   * `MEMORY DOCTOR` · group server · since 4.0.0.
   * Complexity: O(1)
   *
   * @returns
   * - Memory problems report.
   * @since 4.0.0
   */
  memoryDoctor: command<[], string>(
    ['MEMORY', 'DOCTOR'],
    '4.0.0',
    [],
    's',
  ),
  /**
   * Returns helpful text about the different subcommands.
   *
   * `MEMORY HELP` · group server · since 4.0.0.
   * Complexity: O(1)
   *
   * @returns
   * - Helpful text about subcommands.
   * @since 4.0.0
   */
  memoryHelp: command<[], string[]>(
    ['MEMORY', 'HELP'],
    '4.0.0',
    [],
    ['a', 's', 1],
  ),
  /**
   * Returns the allocator statistics.
   *
   * `MEMORY MALLOC-STATS` · group server · since 4.0.0.
   * Complexity: Depends on how much memory is allocated, could be slow
   *
   * @returns
   * - The memory allocator's internal statistics report.
   * @since 4.0.0
   */
  memoryMallocStats: command<[], string>(
    ['MEMORY', 'MALLOC-STATS'],
    '4.0.0',
    [],
    's',
  ),
  /**
   * Asks the allocator to release memory.
   *
   * `MEMORY PURGE` · group server · since 4.0.0.
   * Complexity: Depends on how much memory is allocated, could be slow
   *
   * @returns 'OK'
   * @since 4.0.0
   */
  memoryPurge: command<[], 'OK'>(
    ['MEMORY', 'PURGE'],
    '4.0.0',
    [],
    'r',
  ),
  /**
   * Returns details about memory usage.
   *
   * `MEMORY STATS` · group server · since 4.0.0.
   * Complexity: O(1)
   *
   * @returns
   * - Memory usage details.
   * @since 4.0.0
   */
  memoryStats: command<[], { 'peak.allocated'?: number; 'total.allocated'?: number; 'startup.allocated'?: number; 'replication.backlog'?: number; 'clients.slaves'?: number; 'clients.normal'?: number; 'cluster.links'?: number; 'aof.buffer'?: number; 'lua.caches'?: number; 'functions.caches'?: number; 'overhead.db.hashtable.lut'?: number; 'overhead.db.hashtable.rehashing'?: number; 'overhead.total'?: number; 'db.dict.rehashing.count'?: number; 'keys.count'?: number; 'keys.bytes-per-key'?: number; 'dataset.bytes'?: number; 'dataset.percentage'?: number; 'peak.percentage'?: number; 'allocator.allocated'?: number; 'allocator.active'?: number; 'allocator.resident'?: number; 'allocator.muzzy'?: number; 'allocator-fragmentation.ratio'?: number; 'allocator-fragmentation.bytes'?: number; 'allocator-rss.ratio'?: number; 'allocator-rss.bytes'?: number; 'rss-overhead.ratio'?: number; 'rss-overhead.bytes'?: number; fragmentation?: number; 'fragmentation.bytes'?: number; [key: string]: unknown }>(
    ['MEMORY', 'STATS'],
    '4.0.0',
    [],
    ['o', { 'peak.allocated': 'n', 'total.allocated': 'n', 'startup.allocated': 'n', 'replication.backlog': 'n', 'clients.slaves': 'n', 'clients.normal': 'n', 'cluster.links': 'n', 'aof.buffer': 'n', 'lua.caches': 'n', 'functions.caches': 'n', 'overhead.db.hashtable.lut': 'n', 'overhead.db.hashtable.rehashing': 'n', 'overhead.total': 'n', 'db.dict.rehashing.count': 'n', 'keys.count': 'n', 'keys.bytes-per-key': 'n', 'dataset.bytes': 'n', 'dataset.percentage': 'n', 'peak.percentage': 'n', 'allocator.allocated': 'n', 'allocator.active': 'n', 'allocator.resident': 'n', 'allocator.muzzy': 'n', 'allocator-fragmentation.ratio': 'n', 'allocator-fragmentation.bytes': 'n', 'allocator-rss.ratio': 'n', 'allocator-rss.bytes': 'n', 'rss-overhead.ratio': 'n', 'rss-overhead.bytes': 'n', fragmentation: 'n', 'fragmentation.bytes': 'n' }, ['o', { 'overhead.hashtable.main': 'n', 'overhead.hashtable.expires': 'n' }, 'r']],
  ),
  /**
   * Estimates the memory usage of a key.
   *
   * `MEMORY USAGE` · group server · since 4.0.0.
   * Complexity: O(N) where N is the number of samples.
   *
   * @returns
   * - Number of bytes that a key and its value require to be stored in RAM.
   * - Key does not exist.
   * @since 4.0.0
   */
  memoryUsage: command<[key: RedisKey, count?: number], number | null>(
    ['MEMORY', 'USAGE'],
    '4.0.0',
    [['v', 'key', '', 0], ['v', 'SAMPLES', 'SAMPLES', 1]],
    'n',
  ),
  /**
   * Returns helpful text about the different subcommands.
   *
   * `MODULE HELP` · group server · since 5.0.0.
   * Complexity: O(1)
   *
   * @returns
   * - Helpful text about subcommands.
   * @since 5.0.0
   */
  moduleHelp: command<[], string[]>(
    ['MODULE', 'HELP'],
    '5.0.0',
    [],
    ['a', 's', 1],
  ),
  /**
   * Returns all loaded modules.
   *
   * `MODULE LIST` · group server · since 4.0.0.
   * Complexity: O(N) where N is the number of loaded modules.
   *
   * @returns
   * - Returns information about the modules loaded to the server.
   * @since 4.0.0
   */
  moduleList: command<[], { name?: string; ver?: number; path?: string; args?: string[] }[]>(
    ['MODULE', 'LIST'],
    '4.0.0',
    [],
    ['a', ['o', { name: 's', ver: 'n', path: 's', args: ['a', 's', 1] }, 'r'], 1],
  ),
  /**
   * Loads a module.
   *
   * `MODULE LOAD` · group server · since 4.0.0.
   * Complexity: O(1)
   *
   * @returns 'OK'
   * @since 4.0.0
   */
  moduleLoad: command<[path: RedisValue, ...arg: RedisValue[]], 'OK'>(
    ['MODULE', 'LOAD'],
    '4.0.0',
    [['v', 'path', '', 0], ['v', 'arg', '', 3]],
    'r',
  ),
  /**
   * Loads a module using extended parameters.
   *
   * `MODULE LOADEX` · group server · since 7.0.0.
   * Complexity: O(1)
   *
   * @returns 'OK'
   * @since 7.0.0
   */
  moduleLoadex: command<[path: RedisValue, options?: ModuleLoadexOptions], 'OK'>(
    ['MODULE', 'LOADEX'],
    '7.0.0',
    [['v', 'path', '', 0], ['b', 'CONFIG', 'CONFIG', 7, [['v', 'name', '', 0], ['v', 'value', '', 0]]], ['v', 'ARGS', 'ARGS', 3]],
    'r',
  ),
  /**
   * Unloads a module.
   *
   * `MODULE UNLOAD` · group server · since 4.0.0.
   * Complexity: O(1)
   *
   * @returns 'OK'
   * @since 4.0.0
   */
  moduleUnload: command<[name: RedisValue], 'OK'>(
    ['MODULE', 'UNLOAD'],
    '4.0.0',
    [['v', 'name', '', 0]],
    'r',
  ),
  /**
   * Listens for all requests received by the server in real-time.
   *
   * `MONITOR` · group server · since 1.0.0.
   *
   * @returns the raw reply
   *
   * The spec gives no precise reply schema: the reply is the raw `RespValue` (RESP3 maps stay `Map`s, RESP2 sends arrays).
   * @since 1.0.0
   */
  monitor: command<[], RespValue>(
    ['MONITOR'],
    '1.0.0',
    [],
    'r',
  ),
  /**
   * An internal command used in replication.
   *
   * `PSYNC` · group server · since 2.8.0.
   *
   * @returns the raw reply
   *
   * The spec gives no precise reply schema: the reply is the raw `RespValue` (RESP3 maps stay `Map`s, RESP2 sends arrays).
   * @since 2.8.0
   */
  psync: command<[replicationid: RedisValue, offset: number], RespValue>(
    ['PSYNC'],
    '2.8.0',
    [['v', 'replicationid', '', 0], ['v', 'offset', '', 0]],
    'r',
  ),
  /**
   * An internal command for configuring the replication stream.
   *
   * `REPLCONF` · group server · since 3.0.0.
   * Complexity: O(1)
   *
   * @returns 'OK'
   * @since 3.0.0
   */
  replconf: command<[], 'OK'>(
    ['REPLCONF'],
    '3.0.0',
    [],
    'r',
  ),
  /**
   * Configures a server as replica of another, or promotes it to a primary.
   *
   * `REPLICAOF` · group server · since 5.0.0.
   * Complexity: O(1)
   *
   * @returns
   * - ReplicaOf status.
   * @since 5.0.0
   */
  replicaof: command<[args: { hostPort: { host: RedisValue; port: number } } | 'NO ONE'], string>(
    ['REPLICAOF'],
    '5.0.0',
    [['o', 'args', '', 0, [['b', 'hostPort', '', 0, [['v', 'host', '', 0], ['v', 'port', '', 0]]], ['b', 'noOne', '', 0, [['t', 'NO', 'NO', 0], ['t', 'ONE', 'ONE', 0]]]]]],
    's',
  ),
  /**
   * An internal command for migrating keys in a cluster.
   *
   * `RESTORE-ASKING` · group server · since 3.0.0.
   * Complexity: O(1) to create the new key and additional O(N*M) to reconstruct the serialized value, where N is the number of objects composing the value and M their average size. For small string values the time complexity is thus O(1)+O(1*M) where M is small, so simply O(1). However for sorted set values the complexity is O(N*M*log(N)) because inserting values into sorted sets is O(log(N)).
   *
   * @returns 'OK'
   * @since 3.0.0
   */
  restoreAsking: command<[key: RedisKey, ttl: number, serializedValue: RedisValue, options?: RestoreAskingOptions], 'OK'>(
    ['RESTORE-ASKING'],
    '3.0.0',
    [['v', 'key', '', 0], ['v', 'ttl', '', 0], ['v', 'serializedValue', '', 0], ['t', 'REPLACE', 'REPLACE', 1], ['t', 'ABSTTL', 'ABSTTL', 1], ['v', 'IDLETIME', 'IDLETIME', 1], ['v', 'FREQ', 'FREQ', 1]],
    'r',
  ),
  /**
   * Returns the replication role.
   *
   * `ROLE` · group server · since 2.8.12.
   * Complexity: O(1)
   *
   * @returns ['master', number, [string, string, string][]] | ['slave', string, number, 'handshake' | 'none' | 'connect' | 'connecting' | 'sync' | 'connected' | 'unknown', number] | ['sentinel', string[]]
   * @since 2.8.12
   */
  role: command<[], ['master', number, [string, string, string][]] | ['slave', string, number, 'handshake' | 'none' | 'connect' | 'connecting' | 'sync' | 'connected' | 'unknown', number] | ['sentinel', string[]]>(
    ['ROLE'],
    '2.8.12',
    [],
    ['u', [['t', ['r', 'n', ['a', ['t', ['s', 's', 's'], 'r'], 3]], 'r'], ['t', ['r', 's', 'n', 'r', 'n'], 'r'], ['t', ['r', ['a', 's', 1]], 'r']]],
  ),
  /**
   * Synchronously saves the database(s) to disk.
   *
   * `SAVE` · group server · since 1.0.0.
   * Complexity: O(N) where N is the total number of keys in all databases
   *
   * @returns 'OK'
   * @since 1.0.0
   */
  save: command<[], 'OK'>(
    ['SAVE'],
    '1.0.0',
    [],
    'r',
  ),
  /**
   * Synchronously saves the database(s) to disk and shuts down the server.
   *
   * `SHUTDOWN` · group server · since 1.0.0.
   * Complexity: O(N) when saving, where N is the total number of keys in all databases when saving data, otherwise O(1)
   *
   * @returns
   * - OK if ABORT was specified and shutdown was aborted. On successful shutdown, nothing is returned since the server quits and the connection is closed. On failure, an error is returned.
   * @since 1.0.0
   */
  shutdown: command<[options?: ShutdownOptions], 'OK'>(
    ['SHUTDOWN'],
    '1.0.0',
    [['o', 'abortSelector', '', 1, [['b', 'saveSelectorBlock', '', 0, [['o', 'saveSelector', '', 1, [['t', 'NOSAVE', 'NOSAVE', 0], ['t', 'SAVE', 'SAVE', 0]]], ['t', 'NOW', 'NOW', 1], ['t', 'FORCE', 'FORCE', 1]]], ['t', 'ABORT', 'ABORT', 0]]]],
    'r',
  ),
  /**
   * Sets a server as a replica of another, or promotes it to being a primary.
   *
   * `SLAVEOF` · group server · since 1.0.0.
   * Complexity: O(1)
   *
   * @returns
   * - SlaveOf status.
   *
   * @deprecated since 5.0.0. Use `REPLICAOF` instead.
   * @since 1.0.0
   */
  slaveof: command<[args: { hostPort: { host: RedisValue; port: number } } | 'NO ONE'], string>(
    ['SLAVEOF'],
    '1.0.0',
    [['o', 'args', '', 0, [['b', 'hostPort', '', 0, [['v', 'host', '', 0], ['v', 'port', '', 0]]], ['b', 'noOne', '', 0, [['t', 'NO', 'NO', 0], ['t', 'ONE', 'ONE', 0]]]]]],
    's',
  ),
  /**
   * Returns the slow log's entries.
   *
   * `SLOWLOG GET` · group server · since 2.2.12.
   * Complexity: O(N) where N is the number of entries returned
   *
   * @returns
   * - Entries from the slow log in chronological order.
   * @since 2.2.12
   */
  slowlogGet: command<[count?: number], [number, number, number, string[], string, string][]>(
    ['SLOWLOG', 'GET'],
    '2.2.12',
    [['v', 'count', '', 1]],
    ['a', ['t', ['n', 'n', 'n', ['a', 's', 1], 's', 's'], 'r'], 6],
  ),
  /**
   * Show helpful text about the different subcommands
   *
   * `SLOWLOG HELP` · group server · since 6.2.0.
   * Complexity: O(1)
   *
   * @returns
   * - Helpful text about subcommands.
   * @since 6.2.0
   */
  slowlogHelp: command<[], string[]>(
    ['SLOWLOG', 'HELP'],
    '6.2.0',
    [],
    ['a', 's', 1],
  ),
  /**
   * Returns the number of entries in the slow log.
   *
   * `SLOWLOG LEN` · group server · since 2.2.12.
   * Complexity: O(1)
   *
   * @returns
   * - Number of entries in the slow log.
   * @since 2.2.12
   */
  slowlogLen: command<[], number>(
    ['SLOWLOG', 'LEN'],
    '2.2.12',
    [],
    'n',
  ),
  /**
   * Clears all entries from the slow log.
   *
   * `SLOWLOG RESET` · group server · since 2.2.12.
   * Complexity: O(N) where N is the number of entries in the slowlog
   *
   * @returns 'OK'
   * @since 2.2.12
   */
  slowlogReset: command<[], 'OK'>(
    ['SLOWLOG', 'RESET'],
    '2.2.12',
    [],
    'r',
  ),
  /**
   * Swaps two databases.
   *
   * `SWAPDB` · group server · since 4.0.0.
   * Complexity: O(N) where N is the count of clients watching or blocking on keys from both databases.
   *
   * @returns 'OK'
   * @since 4.0.0
   */
  swapdb: command<[index1: number, index2: number], 'OK'>(
    ['SWAPDB'],
    '4.0.0',
    [['v', 'index1', '', 0], ['v', 'index2', '', 0]],
    'r',
  ),
  /**
   * An internal command used in replication.
   *
   * `SYNC` · group server · since 1.0.0.
   *
   * @returns the raw reply
   *
   * The spec gives no precise reply schema: the reply is the raw `RespValue` (RESP3 maps stay `Map`s, RESP2 sends arrays).
   * @since 1.0.0
   */
  sync: command<[], RespValue>(
    ['SYNC'],
    '1.0.0',
    [],
    'r',
  ),
  /**
   * Returns the server time.
   *
   * `TIME` · group server · since 2.6.0.
   * Complexity: O(1)
   *
   * @returns
   * - Array containing two elements: Unix time in seconds and microseconds.
   * @since 2.6.0
   */
  time: command<[], string[]>(
    ['TIME'],
    '2.6.0',
    [],
    ['a', 's', 1],
  ),
};
