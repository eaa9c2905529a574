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

/** Options of {@link scriptingCommands}. */
export interface EvalOptions {
  key?: RedisKey[];
  arg?: RedisValue[];
}

/** Options of {@link scriptingCommands}. */
export interface EvalRoOptions {
  key?: RedisKey[];
  arg?: RedisValue[];
}

/** Options of {@link scriptingCommands}. */
export interface EvalshaOptions {
  key?: RedisKey[];
  arg?: RedisValue[];
}

/** Options of {@link scriptingCommands}. */
export interface EvalshaRoOptions {
  key?: RedisKey[];
  arg?: RedisValue[];
}

/** Options of {@link scriptingCommands}. */
export interface FcallOptions {
  key?: RedisKey[];
  arg?: RedisValue[];
}

/** Options of {@link scriptingCommands}. */
export interface FcallRoOptions {
  key?: RedisKey[];
  arg?: RedisValue[];
}

/** Options of {@link scriptingCommands}. */
export interface FunctionListOptions {
  LIBRARYNAME?: RedisValue;
  WITHCODE?: boolean;
}

/** Options of {@link scriptingCommands}. */
export interface FunctionLoadOptions {
  REPLACE?: boolean;
}

/** Commands of the scripting group. */
export const scriptingCommands = {
  /**
   * Executes a server-side Lua script.
   *
   * `EVAL` · group scripting · since 2.6.0.
   * Complexity: Depends on the script that is executed.
   *
   * @returns
   * - Return value depends on the script that is executed
   *
   * The spec gives no precise reply schema: the reply is the raw `RespValue` (RESP3 maps stay `Map`s, RESP2 sends arrays).
   * @since 2.6.0
   */
  eval: command<[script: RedisValue, options?: EvalOptions], RespValue>(
    ['EVAL'],
    '2.6.0',
    [['v', 'script', '', 0], ['n', 'numkeys', '', 0], ['v', 'key', '', 3], ['v', 'arg', '', 3]],
    'r',
  ),
  /**
   * Executes a read-only server-side Lua script.
   *
   * `EVAL_RO` · group scripting · since 7.0.0.
   * Complexity: Depends on the script that is executed.
   *
   * @returns
   * - Return value depends on the script that is executed
   *
   * The spec gives no precise reply schema: the reply is the raw `RespValue` (RESP3 maps stay `Map`s, RESP2 sends arrays).
   * @since 7.0.0
   */
  evalRo: command<[script: RedisValue, options?: EvalRoOptions], RespValue>(
    ['EVAL_RO'],
    '7.0.0',
    [['v', 'script', '', 0], ['n', 'numkeys', '', 0], ['v', 'key', '', 3], ['v', 'arg', '', 3]],
    'r',
  ),
  /**
   * Executes a server-side Lua script by SHA1 digest.
   *
   * `EVALSHA` · group scripting · since 2.6.0.
   * Complexity: Depends on the script that is executed.
   *
   * @returns
   * - Return value depends on the script that is executed
   *
   * The spec gives no precise reply schema: the reply is the raw `RespValue` (RESP3 maps stay `Map`s, RESP2 sends arrays).
   * @since 2.6.0
   */
  evalsha: command<[sha1: RedisValue, options?: EvalshaOptions], RespValue>(
    ['EVALSHA'],
    '2.6.0',
    [['v', 'sha1', '', 0], ['n', 'numkeys', '', 0], ['v', 'key', '', 3], ['v', 'arg', '', 3]],
    'r',
  ),
  /**
   * Executes a read-only server-side Lua script by SHA1 digest.
   *
   * `EVALSHA_RO` · group scripting · since 7.0.0.
   * Complexity: Depends on the script that is executed.
   *
   * @returns
   * - Return value depends on the script that is executed
   *
   * The spec gives no precise reply schema: the reply is the raw `RespValue` (RESP3 maps stay `Map`s, RESP2 sends arrays).
   * @since 7.0.0
   */
  evalshaRo: command<[sha1: RedisValue, options?: EvalshaRoOptions], RespValue>(
    ['EVALSHA_RO'],
    '7.0.0',
    [['v', 'sha1', '', 0], ['n', 'numkeys', '', 0], ['v', 'key', '', 3], ['v', 'arg', '', 3]],
    'r',
  ),
  /**
   * Invokes a function.
   *
   * `FCALL` · group scripting · since 7.0.0.
   * Complexity: Depends on the function that is executed.
   *
   * @returns
   * - Return value depends on the function that is executed
   *
   * The spec gives no precise reply schema: the reply is the raw `RespValue` (RESP3 maps stay `Map`s, RESP2 sends arrays).
   * @since 7.0.0
   */
  fcall: command<[functionArg: RedisValue, options?: FcallOptions], RespValue>(
    ['FCALL'],
    '7.0.0',
    [['v', 'function', '', 0], ['n', 'numkeys', '', 0], ['v', 'key', '', 3], ['v', 'arg', '', 3]],
    'r',
  ),
  /**
   * Invokes a read-only function.
   *
   * `FCALL_RO` · group scripting · since 7.0.0.
   * Complexity: Depends on the function that is executed.
   *
   * @returns
   * - Return value depends on the function that is executed
   *
   * The spec gives no precise reply schema: the reply is the raw `RespValue` (RESP3 maps stay `Map`s, RESP2 sends arrays).
   * @since 7.0.0
   */
  fcallRo: command<[functionArg: RedisValue, options?: FcallRoOptions], RespValue>(
    ['FCALL_RO'],
    '7.0.0',
    [['v', 'function', '', 0], ['n', 'numkeys', '', 0], ['v', 'key', '', 3], ['v', 'arg', '', 3]],
    'r',
  ),
  /**
   * Deletes a library and its functions.
   *
   * `FUNCTION DELETE` · group scripting · since 7.0.0.
   * Complexity: O(1)
   *
   * @returns 'OK'
   * @since 7.0.0
   */
  functionDelete: command<[libraryName: RedisValue], 'OK'>(
    ['FUNCTION', 'DELETE'],
    '7.0.0',
    [['v', 'libraryName', '', 0]],
    'r',
  ),
  /**
   * Dumps all libraries into a serialized binary payload.
   *
   * `FUNCTION DUMP` · group scripting · since 7.0.0.
   * Complexity: O(N) where N is the number of functions
   *
   * @returns
   * - The serialized payload.
   * @since 7.0.0
   */
  functionDump: command<[], string>(
    ['FUNCTION', 'DUMP'],
    '7.0.0',
    [],
    's',
  ),
  /**
   * Deletes all libraries and functions.
   *
   * `FUNCTION FLUSH` · group scripting · since 7.0.0.
   * Complexity: O(N) where N is the number of functions deleted
   *
   * @returns 'OK'
   * @since 7.0.0
   */
  functionFlush: command<[flushType?: 'ASYNC' | 'SYNC'], 'OK'>(
    ['FUNCTION', 'FLUSH'],
    '7.0.0',
    [['o', 'flushType', '', 1, [['t', 'ASYNC', 'ASYNC', 0], ['t', 'SYNC', 'SYNC', 0]]]],
    'r',
  ),
  /**
   * Returns helpful text about the different subcommands.
   *
   * `FUNCTION HELP` · group scripting · since 7.0.0.
   * Complexity: O(1)
   *
   * @returns
   * - Helpful text about subcommands.
   * @since 7.0.0
   */
  functionHelp: command<[], string[]>(
    ['FUNCTION', 'HELP'],
    '7.0.0',
    [],
    ['a', 's', 1],
  ),
  /**
   * Terminates a function during execution.
   *
   * `FUNCTION KILL` · group scripting · since 7.0.0.
   * Complexity: O(1)
   *
   * @returns 'OK'
   * @since 7.0.0
   */
  functionKill: command<[], 'OK'>(
    ['FUNCTION', 'KILL'],
    '7.0.0',
    [],
    'r',
  ),
  /**
   * Returns information about all libraries.
   *
   * `FUNCTION LIST` · group scripting · since 7.0.0.
   * Complexity: O(N) where N is the number of functions
   *
   * @returns { library_name?: string; engine?: string; functions?: { name?: string; description?: null | string; flags?: string[] }[]; library_code?: string }[]
   * @since 7.0.0
   */
  functionList: command<[options?: FunctionListOptions], { library_name?: string; engine?: string; functions?: { name?: string; description?: null | string; flags?: string[] }[]; library_code?: string }[]>(
    ['FUNCTION', 'LIST'],
    '7.0.0',
    [['v', 'LIBRARYNAME', 'LIBRARYNAME', 1], ['t', 'WITHCODE', 'WITHCODE', 1]],
    ['a', ['o', { library_name: 's', engine: 's', functions: ['a', ['o', { name: 's', description: 's', flags: ['a', 's', 1] }, 'r'], 1], library_code: 's' }, 'r'], 1],
  ),
  /**
   * Creates a library.
   *
   * `FUNCTION LOAD` · group scripting · since 7.0.0.
   * Complexity: O(1) (considering compilation time is redundant)
   *
   * @returns
   * - The library name that was loaded
   * @since 7.0.0
   */
  functionLoad: command<[functionCode: RedisValue, options?: FunctionLoadOptions], string>(
    ['FUNCTION', 'LOAD'],
    '7.0.0',
    [['t', 'REPLACE', 'REPLACE', 1], ['v', 'functionCode', '', 0]],
    's',
  ),
  /**
   * Restores all libraries from a payload.
   *
   * `FUNCTION RESTORE` · group scripting · since 7.0.0.
   * Complexity: O(N) where N is the number of functions on the payload
   *
   * @returns 'OK'
   * @since 7.0.0
   */
  functionRestore: command<[serializedValue: RedisValue, policy?: 'FLUSH' | 'APPEND' | 'REPLACE'], 'OK'>(
    ['FUNCTION', 'RESTORE'],
    '7.0.0',
    [['v', 'serializedValue', '', 0], ['o', 'policy', '', 1, [['t', 'FLUSH', 'FLUSH', 0], ['t', 'APPEND', 'APPEND', 0], ['t', 'REPLACE', 'REPLACE', 0]]]],
    'r',
  ),
  /**
   * Returns information about a function during execution.
   *
   * `FUNCTION STATS` · group scripting · since 7.0.0.
   * Complexity: O(1)
   *
   * @returns { running_script?: null | { name?: string; command?: string[]; duration_ms?: number }; engines?: Record<string, { libraries_count?: number; functions_count?: number }> }
   * @since 7.0.0
   */
  functionStats: command<[], { running_script?: null | { name?: string; command?: string[]; duration_ms?: number }; engines?: Record<string, { libraries_count?: number; functions_count?: number }> }>(
    ['FUNCTION', 'STATS'],
    '7.0.0',
    [],
    ['o', { running_script: ['o', { name: 's', command: ['a', 's', 1], duration_ms: 'n' }, 'r'], engines: ['m', ['o', { libraries_count: 'n', functions_count: 'n' }, 'r']] }, 'r'],
  ),
  /**
   * Sets the debug mode of server-side Lua scripts.
   *
   * `SCRIPT DEBUG` · group scripting · since 3.2.0.
   * Complexity: O(1)
   *
   * @returns 'OK'
   * @since 3.2.0
   */
  scriptDebug: command<[mode: 'YES' | 'SYNC' | 'NO'], 'OK'>(
    ['SCRIPT', 'DEBUG'],
    '3.2.0',
    [['o', 'mode', '', 0, [['t', 'YES', 'YES', 0], ['t', 'SYNC', 'SYNC', 0], ['t', 'NO', 'NO', 0]]]],
    'r',
  ),
  /**
   * Determines whether server-side Lua scripts exist in the script cache.
   *
   * `SCRIPT EXISTS` · group scripting · since 2.6.0.
   * Complexity: O(N) with N being the number of scripts to check (so checking a single script is an O(1) operation).
   *
   * @returns
   * - An array of integers that correspond to the specified SHA1 digest arguments.
   * @since 2.6.0
   */
  scriptExists: command<[...sha1: RedisValue[]], (1 | 0)[]>(
    ['SCRIPT', 'EXISTS'],
    '2.6.0',
    [['v', 'sha1', '', 2]],
    ['a', 'n', 1],
  ),
  /**
   * Removes all server-side Lua scripts from the script cache.
   *
   * `SCRIPT FLUSH` · group scripting · since 2.6.0.
   * Complexity: O(N) with N being the number of scripts in cache
   *
   * @returns 'OK'
   * @since 2.6.0
   */
  scriptFlush: command<[flushType?: 'ASYNC' | 'SYNC'], 'OK'>(
    ['SCRIPT', 'FLUSH'],
    '2.6.0',
    [['o', 'flushType', '', 1, [['t', 'ASYNC', 'ASYNC', 0], ['t', 'SYNC', 'SYNC', 0]]]],
    'r',
  ),
  /**
   * Returns helpful text about the different subcommands.
   *
   * `SCRIPT HELP` · group scripting · since 5.0.0.
   * Complexity: O(1)
   *
   * @returns
   * - Helpful text about subcommands.
   * @since 5.0.0
   */
  scriptHelp: command<[], string[]>(
    ['SCRIPT', 'HELP'],
    '5.0.0',
    [],
    ['a', 's', 1],
  ),
  /**
   * Terminates a server-side Lua script during execution.
   *
   * `SCRIPT KILL` · group scripting · since 2.6.0.
   * Complexity: O(1)
   *
   * @returns 'OK'
   * @since 2.6.0
   */
  scriptKill: command<[], 'OK'>(
    ['SCRIPT', 'KILL'],
    '2.6.0',
    [],
    'r',
  ),
  /**
   * Loads a server-side Lua script to the script cache.
   *
   * `SCRIPT LOAD` · group scripting · since 2.6.0.
   * Complexity: O(N) with N being the length in bytes of the script body.
   *
   * @returns
   * - The SHA1 digest of the script added into the script cache
   * @since 2.6.0
   */
  scriptLoad: command<[script: RedisValue], string>(
    ['SCRIPT', 'LOAD'],
    '2.6.0',
    [['v', 'script', '', 0]],
    's',
  ),
  /**
   * Show server-side Lua script in the script cache.
   *
   * `SCRIPT SHOW` · group scripting · since 8.0.0.
   * Complexity: O(1).
   *
   * @returns
   * - Lua script if sha1 hash exists in script cache.
   * @since 8.0.0
   */
  scriptShow: command<[sha1: RedisValue], string>(
    ['SCRIPT', 'SHOW'],
    { redis: null, valkey: '8.0.0' },
    [['v', 'sha1', '', 0]],
    's',
  ),
};
