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
import type { RedisKey, RedisValue } from '../../reply-transforms.js';

/** Options of {@link stringCommands}. */
export interface GetexOptions {
  expiration?: { EX: number } | { PX: number } | { EXAT: number } | { PXAT: number } | 'PERSIST';
}

/** Options of {@link stringCommands}. */
export interface LcsOptions {
  LEN?: boolean;
  IDX?: boolean;
  MINMATCHLEN?: number;
  WITHMATCHLEN?: boolean;
}

/** Options of {@link stringCommands}. */
export interface SetOptions {
  condition?: 'NX' | 'XX';
  GET?: boolean;
  expiration?: { EX: number } | { PX: number } | { EXAT: number } | { PXAT: number } | 'KEEPTTL';
}

/** Commands of the string group. */
export const stringCommands = {
  /**
   * Appends a string to the value of a key. Creates the key if it doesn't exist.
   *
   * `APPEND` · group string · since 2.0.0.
   * Complexity: O(1). The amortized time complexity is O(1) assuming the appended value is small and the already present value is of any size, since the dynamic string library used by the server will double the free space available on every reallocation.
   *
   * @returns
   * - The length of the string after the append operation.
   * @since 2.0.0
   */
  append: command<[key: RedisKey, value: RedisValue], number>(
    ['APPEND'],
    '2.0.0',
    [['v', 'key', '', 0], ['v', 'value', '', 0]],
    'n',
  ),
  /**
   * Decrements the integer value of a key by one. Uses 0 as initial value if the key doesn't exist.
   *
   * `DECR` · group string · since 1.0.0.
   * Complexity: O(1)
   *
   * @returns
   * - The value of the key after decrementing it.
   * @since 1.0.0
   */
  decr: command<[key: RedisKey], number>(
    ['DECR'],
    '1.0.0',
    [['v', 'key', '', 0]],
    'n',
  ),
  /**
   * Decrements a number from the integer value of a key. Uses 0 as initial value if the key doesn't exist.
   *
   * `DECRBY` · group string · since 1.0.0.
   * Complexity: O(1)
   *
   * @returns
   * - The value of the key after decrementing it.
   * @since 1.0.0
   */
  decrby: command<[key: RedisKey, decrement: number], number>(
    ['DECRBY'],
    '1.0.0',
    [['v', 'key', '', 0], ['v', 'decrement', '', 0]],
    'n',
  ),
  /**
   * Returns the string value of a key.
   *
   * `GET` · group string · since 1.0.0.
   * Complexity: O(1)
   *
   * @returns
   * - The value of the key.
   * - Key does not exist.
   * @since 1.0.0
   */
  get: command<[key: RedisKey], string | null>(
    ['GET'],
    '1.0.0',
    [['v', 'key', '', 0]],
    's',
  ),
  /**
   * Returns the string value of a key after deleting the key.
   *
   * `GETDEL` · group string · since 6.2.0.
   * Complexity: O(1)
   *
   * @returns
   * - The value of the key.
   * - The key does not exist.
   * @since 6.2.0
   */
  getdel: command<[key: RedisKey], string | null>(
    ['GETDEL'],
    '6.2.0',
    [['v', 'key', '', 0]],
    's',
  ),
  /**
   * Returns the string value of a key after setting its expiration time.
   *
   * `GETEX` · group string · since 6.2.0.
   * Complexity: O(1)
   *
   * @returns
   * - The value of the key.
   * - Key does not exist.
   * @since 6.2.0
   */
  getex: command<[key: RedisKey, options?: GetexOptions], string | null>(
    ['GETEX'],
    '6.2.0',
    [['v', 'key', '', 0], ['o', 'expiration', '', 1, [['v', 'EX', 'EX', 0], ['v', 'PX', 'PX', 0], ['v', 'EXAT', 'EXAT', 0], ['v', 'PXAT', 'PXAT', 0], ['t', 'PERSIST', 'PERSIST', 0]]]],
    's',
  ),
  /**
   * Returns a substring of the string stored at a key.
   *
   * `GETRANGE` · group string · since 2.4.0.
   * Complexity: O(N) where N is the length of the returned string. The complexity is ultimately determined by the returned length, but because creating a substring from an existing string is very cheap, it can be considered O(1) for small strings.
   *
   * @returns
   * - The substring of the string value stored at key, determined by the offsets start and end (both are inclusive).
   * @since 2.4.0
   */
  getrange: command<[key: RedisKey, start: number, end: number], string>(
    ['GETRANGE'],
    '2.4.0',
    [['v', 'key', '', 0], ['v', 'start', '', 0], ['v', 'end', '', 0]],
    's',
  ),
  /**
   * Returns the previous string value of a key after setting it to a new value.
   *
   * `GETSET` · group string · since 1.0.0.
   * Complexity: O(1)
   *
   * @returns
   * - The old value stored at the key.
   * - The key does not exist.
   *
   * @deprecated since 6.2.0. Use `SET` with the `!GET` argument instead.
   * @since 1.0.0
   */
  getset: command<[key: RedisKey, value: RedisValue], string | null>(
    ['GETSET'],
    '1.0.0',
    [['v', 'key', '', 0], ['v', 'value', '', 0]],
    's',
  ),
  /**
   * Increments the integer value of a key by one. Uses 0 as initial value if the key doesn't exist.
   *
   * `INCR` · group string · since 1.0.0.
   * Complexity: O(1)
   *
   * @returns
   * - The value of key after the increment
   * @since 1.0.0
   */
  incr: command<[key: RedisKey], number>(
    ['INCR'],
    '1.0.0',
    [['v', 'key', '', 0]],
    'n',
  ),
  /**
   * Increments the integer value of a key by a number. Uses 0 as initial value if the key doesn't exist.
   *
   * `INCRBY` · group string · since 1.0.0.
   * Complexity: O(1)
   *
   * @returns
   * - The value of the key after incrementing it.
   * @since 1.0.0
   */
  incrby: command<[key: RedisKey, increment: number], number>(
    ['INCRBY'],
    '1.0.0',
    [['v', 'key', '', 0], ['v', 'increment', '', 0]],
    'n',
  ),
  /**
   * Increment the floating point value of a key by a number. Uses 0 as initial value if the key doesn't exist.
   *
   * `INCRBYFLOAT` · group string · since 2.6.0.
   * Complexity: O(1)
   *
   * @returns
   * - The value of the key after incrementing it.
   * @since 2.6.0
   */
  incrbyfloat: command<[key: RedisKey, increment: number], string>(
    ['INCRBYFLOAT'],
    '2.6.0',
    [['v', 'key', '', 0], ['v', 'increment', '', 0]],
    's',
  ),
  /**
   * Finds the longest common substring.
   *
   * `LCS` · group string · since 7.0.0.
   * Complexity: O(N*M) where N and M are the lengths of s1 and s2, respectively
   *
   * @returns
   * - The longest common subsequence.
   * - The length of the longest common subsequence when 'LEN' is given.
   * - Array with the LCS length and all the ranges in both the strings when 'IDX' is given. In RESP2 this is returned as a flat array
   * @since 7.0.0
   */
  lcs: command<[key1: RedisKey, key2: RedisKey, options?: LcsOptions], string | number | { matches?: [number[], number[], ...number[]][]; len?: number }>(
    ['LCS'],
    '7.0.0',
    [['v', 'key1', '', 0], ['v', 'key2', '', 0], ['t', 'LEN', 'LEN', 1], ['t', 'IDX', 'IDX', 1], ['v', 'MINMATCHLEN', 'MINMATCHLEN', 1], ['t', 'WITHMATCHLEN', 'WITHMATCHLEN', 1]],
    ['u', ['s', 'n', ['o', { matches: ['a', ['t', [['a', 'n', 1], ['a', 'n', 1]], 'n'], 1], len: 'n' }, 'r']]],
  ),
  /**
   * Atomically returns the string values of one or more keys.
   *
   * `MGET` · group string · since 1.0.0.
   * Complexity: O(N) where N is the number of keys to retrieve.
   *
   * @returns
   * - List of values at the specified keys.
   * @since 1.0.0
   */
  mget: command<[...key: RedisKey[]], (string | null)[]>(
    ['MGET'],
    '1.0.0',
    [['v', 'key', '', 2]],
    ['a', 's', 1],
  ),
  /**
   * Atomically creates or modifies the string values of one or more keys.
   *
   * `MSET` · group string · since 1.0.1.
   * Complexity: O(N) where N is the number of keys to set.
   *
   * @returns 'OK'
   * @since 1.0.1
   */
  mset: command<[...data: Array<{ key: RedisKey; value: RedisValue }>], 'OK'>(
    ['MSET'],
    '1.0.1',
    [['b', 'data', '', 2, [['v', 'key', '', 0], ['v', 'value', '', 0]]]],
    'r',
  ),
  /**
   * Atomically modifies the string values of one or more keys only when all keys don't exist.
   *
   * `MSETNX` · group string · since 1.0.1.
   * Complexity: O(N) where N is the number of keys to set.
   *
   * @returns
   * - No key was set (at least one key already existed).
   * - All the keys were set.
   * @since 1.0.1
   */
  msetnx: command<[...data: Array<{ key: RedisKey; value: RedisValue }>], 0 | 1>(
    ['MSETNX'],
    '1.0.1',
    [['b', 'data', '', 2, [['v', 'key', '', 0], ['v', 'value', '', 0]]]],
    'n',
  ),
  /**
   * Sets both string value and expiration time in milliseconds of a key. The key is created if it doesn't exist.
   *
   * `PSETEX` · group string · since 2.6.0.
   * Complexity: O(1)
   *
   * @returns 'OK'
   *
   * @deprecated since 2.6.12. Use `SET` with the `PX` argument instead.
   * @since 2.6.0
   */
  psetex: command<[key: RedisKey, milliseconds: number, value: RedisValue], 'OK'>(
    ['PSETEX'],
    '2.6.0',
    [['v', 'key', '', 0], ['v', 'milliseconds', '', 0], ['v', 'value', '', 0]],
    'r',
  ),
  /**
   * Sets the string value of a key, ignoring its type. The key is created if it doesn't exist.
   *
   * `SET` · group string · since 1.0.0.
   * Complexity: O(1)
   *
   * @returns
   * - `GET` not given: Operation was aborted (conflict with one of the `XX`/`NX` options).
   * - `GET` not given: The key was set.
   * - `GET` given: The key didn't exist before the `SET`
   * - `GET` given: The previous value of the key
   * @since 1.0.0
   */
  set: command<[key: RedisKey, value: RedisValue, options?: SetOptions], null | 'OK' | string>(
    ['SET'],
    '1.0.0',
    [['v', 'key', '', 0], ['v', 'value', '', 0], ['o', 'condition', '', 1, [['t', 'NX', 'NX', 0], ['t', 'XX', 'XX', 0]]], ['t', 'GET', 'GET', 1], ['o', 'expiration', '', 1, [['v', 'EX', 'EX', 0], ['v', 'PX', 'PX', 0], ['v', 'EXAT', 'EXAT', 0], ['v', 'PXAT', 'PXAT', 0], ['t', 'KEEPTTL', 'KEEPTTL', 0]]]],
    ['u', ['r', 's']],
  ),
  /**
   * Sets the string value and expiration time of a key. Creates the key if it doesn't exist.
   *
   * `SETEX` · group string · since 2.0.0.
   * Complexity: O(1)
   *
   * @returns 'OK'
   *
   * @deprecated since 2.6.12. Use `SET` with the `EX` argument instead.
   * @since 2.0.0
   */
  setex: command<[key: RedisKey, seconds: number, value: RedisValue], 'OK'>(
    ['SETEX'],
    '2.0.0',
    [['v', 'key', '', 0], ['v', 'seconds', '', 0], ['v', 'value', '', 0]],
    'r',
  ),
  /**
   * Set the string value of a key only when the key doesn't exist.
   *
   * `SETNX` · group string · since 1.0.0.
   * Complexity: O(1)
   *
   * @returns
   * - The key was set.
   * - The key was not set.
   *
   * @deprecated since 2.6.12. Use `SET` with the `NX` argument instead.
   * @since 1.0.0
   */
  setnx: command<[key: RedisKey, value: RedisValue], 0 | 1>(
    ['SETNX'],
    '1.0.0',
    [['v', 'key', '', 0], ['v', 'value', '', 0]],
    'n',
  ),
  /**
   * Overwrites a part of a string value with another by an offset. Creates the key if it doesn't exist.
   *
   * `SETRANGE` · group string · since 2.2.0.
   * Complexity: O(1), not counting the time taken to copy the new string in place. Usually, this string is very small so the amortized complexity is O(1). Otherwise, complexity is O(M) with M being the length of the value argument.
   *
   * @returns
   * - Length of the string after it was modified by the command.
   * @since 2.2.0
   */
  setrange: command<[key: RedisKey, offset: number, value: RedisValue], number>(
    ['SETRANGE'],
    '2.2.0',
    [['v', 'key', '', 0], ['v', 'offset', '', 0], ['v', 'value', '', 0]],
    'n',
  ),
  /**
   * Returns the length of a string value.
   *
   * `STRLEN` · group string · since 2.2.0.
   * Complexity: O(1)
   *
   * @returns
   * - The length of the string value stored at key, or 0 when key does not exist.
   * @since 2.2.0
   */
  strlen: command<[key: RedisKey], number>(
    ['STRLEN'],
    '2.2.0',
    [['v', 'key', '', 0]],
    'n',
  ),
  /**
   * Returns a substring from a string value.
   *
   * `SUBSTR` · group string · since 1.0.0.
   * Complexity: O(N) where N is the length of the returned string. The complexity is ultimately determined by the returned length, but because creating a substring from an existing string is very cheap, it can be considered O(1) for small strings.
   *
   * @returns
   * - The substring of the string value stored at key, determined by the offsets start and end (both are inclusive).
   *
   * @deprecated since 2.0.0. Use `GETRANGE` instead.
   * @since 1.0.0
   */
  substr: command<[key: RedisKey, start: number, end: number], string>(
    ['SUBSTR'],
    '1.0.0',
    [['v', 'key', '', 0], ['v', 'start', '', 0], ['v', 'end', '', 0]],
    's',
  ),
};
