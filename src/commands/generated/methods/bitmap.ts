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

/** Options of {@link bitmapCommands}. */
export interface BitcountOptions {
  range?: { start: number; endUnitBlock?: { end: number; unit?: 'BYTE' | 'BIT' } };
}

/** Options of {@link bitmapCommands}. */
export interface BitfieldOptions {
  operation?: Array<{ GET: { encoding: RedisValue; offset: number } } | { write: { OVERFLOW?: 'WRAP' | 'SAT' | 'FAIL'; writeOperation: { SET: { encoding: RedisValue; offset: number; value: number } } | { INCRBY: { encoding: RedisValue; offset: number; increment: number } } } }>;
}

/** Options of {@link bitmapCommands}. */
export interface BitfieldRoOptions {
  GET?: Array<{ encoding: RedisValue; offset: number }>;
}

/** Options of {@link bitmapCommands}. */
export interface BitposOptions {
  range?: { start: number; endUnitBlock?: { end: number; unit?: 'BYTE' | 'BIT' } };
}

/** Commands of the bitmap group. */
export const bitmapCommands = {
  /**
   * Counts the number of set bits (population counting) in a string.
   *
   * `BITCOUNT` · group bitmap · since 2.6.0.
   * Complexity: O(N)
   *
   * @returns
   * - The number of bits set to 1.
   * @since 2.6.0
   */
  bitcount: command<[key: RedisKey, options?: BitcountOptions], number>(
    ['BITCOUNT'],
    '2.6.0',
    [['v', 'key', '', 0], ['b', 'range', '', 1, [['v', 'start', '', 0], ['b', 'endUnitBlock', '', 1, [['v', 'end', '', 0], ['o', 'unit', '', 1, [['t', 'BYTE', 'BYTE', 0], ['t', 'BIT', 'BIT', 0]]]]]]]],
    'n',
  ),
  /**
   * Performs arbitrary bitfield integer operations on strings.
   *
   * `BITFIELD` · group bitmap · since 3.2.0.
   * Complexity: O(1) for each subcommand specified
   *
   * @returns (number | null)[]
   * @since 3.2.0
   */
  bitfield: command<[key: RedisKey, options?: BitfieldOptions], (number | null)[]>(
    ['BITFIELD'],
    '3.2.0',
    [['v', 'key', '', 0], ['o', 'operation', '', 3, [['b', 'GET', 'GET', 0, [['v', 'encoding', '', 0], ['v', 'offset', '', 0]]], ['b', 'write', '', 0, [['o', 'OVERFLOW', 'OVERFLOW', 1, [['t', 'WRAP', 'WRAP', 0], ['t', 'SAT', 'SAT', 0], ['t', 'FAIL', 'FAIL', 0]]], ['o', 'writeOperation', '', 0, [['b', 'SET', 'SET', 0, [['v', 'encoding', '', 0], ['v', 'offset', '', 0], ['v', 'value', '', 0]]], ['b', 'INCRBY', 'INCRBY', 0, [['v', 'encoding', '', 0], ['v', 'offset', '', 0], ['v', 'increment', '', 0]]]]]]]]]],
    ['a', 'n', 1],
  ),
  /**
   * Performs arbitrary read-only bitfield integer operations on strings.
   *
   * `BITFIELD_RO` · group bitmap · since 6.0.0.
   * Complexity: O(1) for each subcommand specified
   *
   * @returns number[]
   * @since 6.0.0
   */
  bitfieldRo: command<[key: RedisKey, options?: BitfieldRoOptions], number[]>(
    ['BITFIELD_RO'],
    '6.0.0',
    [['v', 'key', '', 0], ['b', 'GET', 'GET', 7, [['v', 'encoding', '', 0], ['v', 'offset', '', 0]]]],
    ['a', 'n', 1],
  ),
  /**
   * Performs bitwise operations on multiple strings, and stores the result.
   *
   * `BITOP` · group bitmap · since 2.6.0.
   * Complexity: O(N)
   *
   * @returns
   * - The size of the string stored in the destination key, that is equal to the size of the longest input string.
   * @since 2.6.0
   */
  bitop: command<[operation: 'AND' | 'OR' | 'XOR' | 'NOT', destkey: RedisKey, ...key: RedisKey[]], number>(
    ['BITOP'],
    '2.6.0',
    [['o', 'operation', '', 0, [['t', 'AND', 'AND', 0], ['t', 'OR', 'OR', 0], ['t', 'XOR', 'XOR', 0], ['t', 'NOT', 'NOT', 0]]], ['v', 'destkey', '', 0], ['v', 'key', '', 2]],
    'n',
  ),
  /**
   * Finds the first set (1) or clear (0) bit in a string.
   *
   * `BITPOS` · group bitmap · since 2.8.7.
   * Complexity: O(N)
   *
   * @returns
   * - The position of the first bit set to 1 or 0 according to the request.
   * - In case the `bit` argument is 1 and the string is empty or composed of just zero bytes.
   * @since 2.8.7
   */
  bitpos: command<[key: RedisKey, bit: number, options?: BitposOptions], number | -1>(
    ['BITPOS'],
    '2.8.7',
    [['v', 'key', '', 0], ['v', 'bit', '', 0], ['b', 'range', '', 1, [['v', 'start', '', 0], ['b', 'endUnitBlock', '', 1, [['v', 'end', '', 0], ['o', 'unit', '', 1, [['t', 'BYTE', 'BYTE', 0], ['t', 'BIT', 'BIT', 0]]]]]]]],
    'n',
  ),
  /**
   * Returns a bit value by offset.
   *
   * `GETBIT` · group bitmap · since 2.2.0.
   * Complexity: O(1)
   *
   * @returns 0 | 1
   * @since 2.2.0
   */
  getbit: command<[key: RedisKey, offset: number], 0 | 1>(
    ['GETBIT'],
    '2.2.0',
    [['v', 'key', '', 0], ['v', 'offset', '', 0]],
    'n',
  ),
  /**
   * Sets or clears the bit at offset of the string value. Creates the key if it doesn't exist.
   *
   * `SETBIT` · group bitmap · since 2.2.0.
   * Complexity: O(1)
   *
   * @returns 0 | 1
   * @since 2.2.0
   */
  setbit: command<[key: RedisKey, offset: number, value: number], 0 | 1>(
    ['SETBIT'],
    '2.2.0',
    [['v', 'key', '', 0], ['v', 'offset', '', 0], ['v', 'value', '', 0]],
    'n',
  ),
};
