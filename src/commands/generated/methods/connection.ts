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

import { command } from '../../generated-command.js';
import type { RedisValue } from '../../reply-transforms.js';

/** Options of {@link connectionCommands}. */
export interface AuthOptions {
  username?: RedisValue;
}

/** Options of {@link connectionCommands}. */
export interface ClientListOptions {
  TYPE?: 'normal' | 'master' | 'replica' | 'pubsub';
  ID?: number[];
}

/** Options of {@link connectionCommands}. */
export interface ClientTrackingOptions {
  REDIRECT?: number;
  PREFIX?: RedisValue[];
  BCAST?: boolean;
  OPTIN?: boolean;
  OPTOUT?: boolean;
  NOLOOP?: boolean;
}

/** Options of {@link connectionCommands}. */
export interface HelloOptions {
  arguments?: { protover: number; AUTH?: { username: RedisValue; password: RedisValue }; SETNAME?: RedisValue };
}

/** Commands of the connection group. */
export const connectionCommands = {
  /**
   * Authenticates the connection.
   *
   * `AUTH` · group connection · since 1.0.0.
   * Complexity: O(N) where N is the number of passwords defined for the user
   *
   * @returns 'OK'
   * @since 1.0.0
   */
  auth: command<[password: RedisValue, options?: AuthOptions], 'OK'>(
    ['AUTH'],
    '1.0.0',
    [['v', 'username', '', 1], ['v', 'password', '', 0]],
    'r',
  ),
  /**
   * Instructs the server whether to track the keys in the next request.
   *
   * `CLIENT CACHING` · group connection · since 6.0.0.
   * Complexity: O(1)
   *
   * @returns 'OK'
   * @since 6.0.0
   */
  clientCaching: command<[mode: 'YES' | 'NO'], 'OK'>(
    ['CLIENT', 'CACHING'],
    '6.0.0',
    [['o', 'mode', '', 0, [['t', 'YES', 'YES', 0], ['t', 'NO', 'NO', 0]]]],
    'r',
  ),
  /**
   * A client claims its capability.
   *
   * `CLIENT CAPA` · group connection · since 8.0.0.
   * Complexity: O(1)
   *
   * @returns 'OK'
   * @since 8.0.0
   */
  clientCapa: command<[...capability: RedisValue[]], 'OK'>(
    ['CLIENT', 'CAPA'],
    { redis: null, valkey: '8.0.0' },
    [['v', 'capability', '', 2]],
    'r',
  ),
  /**
   * Returns the name of the connection.
   *
   * `CLIENT GETNAME` · group connection · since 2.6.9.
   * Complexity: O(1)
   *
   * @returns
   * - The connection name of the current connection
   * - Connection name was not set
   * @since 2.6.9
   */
  clientGetname: command<[], string | null>(
    ['CLIENT', 'GETNAME'],
    '2.6.9',
    [],
    's',
  ),
  /**
   * Returns the client ID to which the connection's tracking notifications are redirected.
   *
   * `CLIENT GETREDIR` · group connection · since 6.0.0.
   * Complexity: O(1)
   *
   * @returns
   * - Not redirecting notifications to any client.
   * - Client tracking is not enabled.
   * - ID of the client we are redirecting the notifications to.
   * @since 6.0.0
   */
  clientGetredir: command<[], 0 | -1 | number>(
    ['CLIENT', 'GETREDIR'],
    '6.0.0',
    [],
    'n',
  ),
  /**
   * Returns helpful text about the different subcommands.
   *
   * `CLIENT HELP` · group connection · since 5.0.0.
   * Complexity: O(1)
   *
   * @returns
   * - Helpful text about subcommands.
   * @since 5.0.0
   */
  clientHelp: command<[], string[]>(
    ['CLIENT', 'HELP'],
    '5.0.0',
    [],
    ['a', 's', 1],
  ),
  /**
   * Returns the unique client ID of the connection.
   *
   * `CLIENT ID` · group connection · since 5.0.0.
   * Complexity: O(1)
   *
   * @returns
   * - The id of the client
   * @since 5.0.0
   */
  clientId: command<[], number>(
    ['CLIENT', 'ID'],
    '5.0.0',
    [],
    'n',
  ),
  /**
   * Returns information about the connection.
   *
   * `CLIENT INFO` · group connection · since 6.2.0.
   * Complexity: O(1)
   *
   * @returns
   * - A unique string, as described at the CLIENT LIST page, for the current client.
   * @since 6.2.0
   */
  clientInfo: command<[], string>(
    ['CLIENT', 'INFO'],
    '6.2.0',
    [],
    's',
  ),
  /**
   * Terminates open connections.
   *
   * `CLIENT KILL` · group connection · since 2.4.0.
   * Complexity: O(N) where N is the number of client connections
   *
   * @returns
   * - When called in 3 argument format.
   * - When called in filter/value format, the number of clients killed.
   * @since 2.4.0
   */
  clientKill: command<[filter: RedisValue | { newFormat: Array<{ ID: number } | { TYPE: 'normal' | 'master' | 'primary' | 'slave' | 'replica' | 'pubsub' } | { USER: RedisValue } | { ADDR: RedisValue } | { LADDR: RedisValue } | { SKIPME: 'YES' | 'NO' } | { MAXAGE: number }> }], 'OK' | number>(
    ['CLIENT', 'KILL'],
    '2.4.0',
    [['o', 'filter', '', 0, [['v', 'oldFormat', '', 0], ['o', 'newFormat', '', 2, [['v', 'ID', 'ID', 1], ['o', 'TYPE', 'TYPE', 1, [['t', 'normal', 'normal', 0], ['t', 'master', 'master', 0], ['t', 'primary', 'primary', 0], ['t', 'slave', 'slave', 0], ['t', 'replica', 'replica', 0], ['t', 'pubsub', 'pubsub', 0]]], ['v', 'USER', 'USER', 1], ['v', 'ADDR', 'ADDR', 1], ['v', 'LADDR', 'LADDR', 1], ['o', 'SKIPME', 'SKIPME', 1, [['t', 'YES', 'YES', 0], ['t', 'NO', 'NO', 0]]], ['v', 'MAXAGE', 'MAXAGE', 1]]]]]],
    ['u', ['r', 'n']],
  ),
  /**
   * Lists open connections.
   *
   * `CLIENT LIST` · group connection · since 2.4.0.
   * Complexity: O(N) where N is the number of client connections
   *
   * @returns
   * - Information and statistics about client connections
   * @since 2.4.0
   */
  clientList: command<[options?: ClientListOptions], string>(
    ['CLIENT', 'LIST'],
    '2.4.0',
    [['o', 'TYPE', 'TYPE', 1, [['t', 'normal', 'normal', 0], ['t', 'master', 'master', 0], ['t', 'replica', 'replica', 0], ['t', 'pubsub', 'pubsub', 0]]], ['v', 'ID', 'ID', 3]],
    's',
  ),
  /**
   * Sets the client eviction mode of the connection.
   *
   * `CLIENT NO-EVICT` · group connection · since 7.0.0.
   * Complexity: O(1)
   *
   * @returns 'OK'
   * @since 7.0.0
   */
  clientNoEvict: command<[enabled: 'ON' | 'OFF'], 'OK'>(
    ['CLIENT', 'NO-EVICT'],
    '7.0.0',
    [['o', 'enabled', '', 0, [['t', 'ON', 'ON', 0], ['t', 'OFF', 'OFF', 0]]]],
    'r',
  ),
  /**
   * Controls whether commands sent by the client affect the LRU/LFU of accessed keys.
   *
   * `CLIENT NO-TOUCH` · group connection · since 7.2.0.
   * Complexity: O(1)
   *
   * @returns 'OK'
   * @since 7.2.0
   */
  clientNoTouch: command<[enabled: 'ON' | 'OFF'], 'OK'>(
    ['CLIENT', 'NO-TOUCH'],
    '7.2.0',
    [['o', 'enabled', '', 0, [['t', 'ON', 'ON', 0], ['t', 'OFF', 'OFF', 0]]]],
    'r',
  ),
  /**
   * Suspends commands processing.
   *
   * `CLIENT PAUSE` · group connection · since 3.0.0.
   * Complexity: O(1)
   *
   * @returns 'OK'
   * @since 3.0.0
   */
  clientPause: command<[timeout: number, mode?: 'WRITE' | 'ALL'], 'OK'>(
    ['CLIENT', 'PAUSE'],
    '3.0.0',
    [['v', 'timeout', '', 0], ['o', 'mode', '', 1, [['t', 'WRITE', 'WRITE', 0], ['t', 'ALL', 'ALL', 0]]]],
    'r',
  ),
  /**
   * Instructs the server whether to reply to commands.
   *
   * `CLIENT REPLY` · group connection · since 3.2.0.
   * Complexity: O(1)
   *
   * @returns
   * - When called with either OFF or SKIP subcommands, no reply is made. When called with ON, reply is OK.
   * @since 3.2.0
   */
  clientReply: command<[action: 'ON' | 'OFF' | 'SKIP'], 'OK'>(
    ['CLIENT', 'REPLY'],
    '3.2.0',
    [['o', 'action', '', 0, [['t', 'ON', 'ON', 0], ['t', 'OFF', 'OFF', 0], ['t', 'SKIP', 'SKIP', 0]]]],
    'r',
  ),
  /**
   * Sets information specific to the client or connection.
   *
   * `CLIENT SETINFO` · group connection · since 7.2.0.
   * Complexity: O(1)
   *
   * @returns 'OK'
   * @since 7.2.0
   */
  clientSetinfo: command<[attr: { 'lib-name': RedisValue } | { 'lib-ver': RedisValue }], 'OK'>(
    ['CLIENT', 'SETINFO'],
    '7.2.0',
    [['o', 'attr', '', 0, [['v', 'lib-name', 'lib-name', 0], ['v', 'lib-ver', 'lib-ver', 0]]]],
    'r',
  ),
  /**
   * Sets the connection name.
   *
   * `CLIENT SETNAME` · group connection · since 2.6.9.
   * Complexity: O(1)
   *
   * @returns 'OK'
   * @since 2.6.9
   */
  clientSetname: command<[connectionName: RedisValue], 'OK'>(
    ['CLIENT', 'SETNAME'],
    '2.6.9',
    [['v', 'connectionName', '', 0]],
    'r',
  ),
  /**
   * Controls server-assisted client-side caching for the connection.
   *
   * `CLIENT TRACKING` · group connection · since 6.0.0.
   * Complexity: O(1). Some options may introduce additional complexity.
   *
   * @returns
   * - If the client was successfully put into or taken out of tracking mode.
   * @since 6.0.0
   */
  clientTracking: command<[status: 'ON' | 'OFF', options?: ClientTrackingOptions], 'OK'>(
    ['CLIENT', 'TRACKING'],
    '6.0.0',
    [['o', 'status', '', 0, [['t', 'ON', 'ON', 0], ['t', 'OFF', 'OFF', 0]]], ['v', 'REDIRECT', 'REDIRECT', 1], ['v', 'PREFIX', 'PREFIX', 7], ['t', 'BCAST', 'BCAST', 1], ['t', 'OPTIN', 'OPTIN', 1], ['t', 'OPTOUT', 'OPTOUT', 1], ['t', 'NOLOOP', 'NOLOOP', 1]],
    'r',
  ),
  /**
   * Returns information about server-assisted client-side caching for the connection.
   *
   * `CLIENT TRACKINGINFO` · group connection · since 6.2.0.
   * Complexity: O(1)
   *
   * @returns { flags?: ('off' | 'on' | 'bcast' | 'optin' | 'optout' | 'caching-yes' | 'caching-no' | 'noloop' | 'broken_redirect')[]; redirect?: number; prefixes?: string[] }
   * @since 6.2.0
   */
  clientTrackinginfo: command<[], { flags?: ('off' | 'on' | 'bcast' | 'optin' | 'optout' | 'caching-yes' | 'caching-no' | 'noloop' | 'broken_redirect')[]; redirect?: number; prefixes?: string[] }>(
    ['CLIENT', 'TRACKINGINFO'],
    '6.2.0',
    [],
    ['o', { flags: ['a', 'r', 1], redirect: 'n', prefixes: ['a', 's', 1] }, 'r'],
  ),
  /**
   * Unblocks a client blocked by a blocking command from a different connection.
   *
   * `CLIENT UNBLOCK` · group connection · since 5.0.0.
   * Complexity: O(log N) where N is the number of client connections
   *
   * @returns
   * - If the client was unblocked successfully.
   * - If the client wasn't unblocked.
   * @since 5.0.0
   */
  clientUnblock: command<[clientId: number, unblockType?: 'TIMEOUT' | 'ERROR'], 0 | 1>(
    ['CLIENT', 'UNBLOCK'],
    '5.0.0',
    [['v', 'clientId', '', 0], ['o', 'unblockType', '', 1, [['t', 'TIMEOUT', 'TIMEOUT', 0], ['t', 'ERROR', 'ERROR', 0]]]],
    'n',
  ),
  /**
   * Resumes processing commands from paused clients.
   *
   * `CLIENT UNPAUSE` · group connection · since 6.2.0.
   * Complexity: O(N) Where N is the number of paused clients
   *
   * @returns 'OK'
   * @since 6.2.0
   */
  clientUnpause: command<[], 'OK'>(
    ['CLIENT', 'UNPAUSE'],
    '6.2.0',
    [],
    'r',
  ),
  /**
   * Returns the given string.
   *
   * `ECHO` · group connection · since 1.0.0.
   * Complexity: O(1)
   *
   * @returns
   * - The given string
   * @since 1.0.0
   */
  echo: command<[message: RedisValue], string>(
    ['ECHO'],
    '1.0.0',
    [['v', 'message', '', 0]],
    's',
  ),
  /**
   * Handshakes with the server.
   *
   * `HELLO` · group connection · since 6.0.0.
   * Complexity: O(1)
   *
   * @returns { server?: string; version?: string; proto?: 3; id?: number; mode?: string; role?: string; modules?: { name?: string; ver?: number; path?: string; args?: string[] }[] }
   * @since 6.0.0
   */
  hello: command<[options?: HelloOptions], { server?: string; version?: string; proto?: 3; id?: number; mode?: string; role?: string; modules?: { name?: string; ver?: number; path?: string; args?: string[] }[] }>(
    ['HELLO'],
    '6.0.0',
    [['b', 'arguments', '', 1, [['v', 'protover', '', 0], ['b', 'AUTH', 'AUTH', 1, [['v', 'username', '', 0], ['v', 'password', '', 0]]], ['v', 'SETNAME', 'SETNAME', 1]]]],
    ['o', { server: 's', version: 's', proto: 'n', id: 'n', mode: 's', role: 's', modules: ['a', ['o', { name: 's', ver: 'n', path: 's', args: ['a', 's', 1] }, 'r'], 1] }, 'r'],
  ),
  /**
   * Returns the server's liveliness response.
   *
   * `PING` · group connection · since 1.0.0.
   * Complexity: O(1)
   *
   * @returns
   * - Default reply.
   * - Relay of given `message`.
   * @since 1.0.0
   */
  ping: command<[message?: RedisValue], 'PONG' | string>(
    ['PING'],
    '1.0.0',
    [['v', 'message', '', 1]],
    ['u', ['r', 's']],
  ),
  /**
   * Closes the connection.
   *
   * `QUIT` · group connection · since 1.0.0.
   * Complexity: O(1)
   *
   * @returns 'OK'
   *
   * @deprecated since 7.2.0. Use just closing the connection instead.
   * @since 1.0.0
   */
  quit: command<[], 'OK'>(
    ['QUIT'],
    '1.0.0',
    [],
    'r',
  ),
  /**
   * Resets the connection.
   *
   * `RESET` · group connection · since 6.2.0.
   * Complexity: O(1)
   *
   * @returns 'RESET'
   * @since 6.2.0
   */
  reset: command<[], 'RESET'>(
    ['RESET'],
    '6.2.0',
    [],
    'r',
  ),
  /**
   * Changes the selected database.
   *
   * `SELECT` · group connection · since 1.0.0.
   * Complexity: O(1)
   *
   * @returns 'OK'
   * @since 1.0.0
   */
  select: command<[index: number], 'OK'>(
    ['SELECT'],
    '1.0.0',
    [['v', 'index', '', 0]],
    'r',
  ),
};
