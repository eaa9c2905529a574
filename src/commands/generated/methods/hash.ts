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
import type { FieldValue, RedisKey, RedisValue } from '../../reply-transforms.js';
import { toFieldValues } from '../../reply-transforms.js';

/** Options of {@link hashCommands}. */
export interface HexpireOptions {
  condition?: 'NX' | 'XX' | 'GT' | 'LT';
}

/** Options of {@link hashCommands}. */
export interface HexpireatOptions {
  condition?: 'NX' | 'XX' | 'GT' | 'LT';
}

/** Options of {@link hashCommands}. */
export interface HpexpireOptions {
  condition?: 'NX' | 'XX' | 'GT' | 'LT';
}

/** Options of {@link hashCommands}. */
export interface HpexpireatOptions {
  condition?: 'NX' | 'XX' | 'GT' | 'LT';
}

/** Options of {@link hashCommands}. */
export interface HrandfieldOptions {
  options?: { count: number };
}

/** Options of {@link hashCommands}. */
export interface HscanOptions {
  MATCH?: RedisValue;
  COUNT?: number;
  NOVALUES?: boolean;
}

/** Commands of the hash group. */
export const hashCommands = {
  /**
   * Deletes one or more fields and their values from a hash. Deletes the hash if no fields remain.
   *
   * `HDEL` · group hash · since 2.0.0.
   * Complexity: O(N) where N is the number of fields to be removed.
   *
   * @returns
   * - The number of fields that were removed from the hash.
   * @since 2.0.0
   */
  hdel: command<[key: RedisKey, ...field: RedisValue[]], number>(
    ['HDEL'],
    '2.0.0',
    [['v', 'key', '', 0], ['v', 'field', '', 2]],
    'n',
  ),
  /**
   * Determines whether a field exists in a hash.
   *
   * `HEXISTS` · group hash · since 2.0.0.
   * Complexity: O(1)
   *
   * @returns
   * - The hash does not contain the field, or key does not exist.
   * - The hash contains the field.
   * @since 2.0.0
   */
  hexists: command<[key: RedisKey, field: RedisValue], 0 | 1>(
    ['HEXISTS'],
    '2.0.0',
    [['v', 'key', '', 0], ['v', 'field', '', 0]],
    'n',
  ),
  /**
   * Sets a time to live in seconds on hash fields.
   *
   * `HEXPIRE` · group hash · since 7.4.0.
   * Complexity: O(N) where N is the number of fields given.
   *
   * @returns
   * - One code per field, in the order the fields were given.
   * @since 7.4.0
   */
  hexpire: command<[key: RedisKey, seconds: number, field: RedisValue[], options?: HexpireOptions], (-2 | 0 | 1 | 2)[]>(
    ['HEXPIRE'],
    '7.4.0',
    [['v', 'key', '', 0], ['v', 'seconds', '', 0], ['o', 'condition', '', 1, [['t', 'NX', 'NX', 0], ['t', 'XX', 'XX', 0], ['t', 'GT', 'GT', 0], ['t', 'LT', 'LT', 0]]], ['t', 'FIELDS', 'FIELDS', 0], ['n', 'numfields', '', 0], ['v', 'field', '', 2]],
    ['a', 'n', 1],
  ),
  /**
   * Sets an expiration Unix time in seconds on hash fields.
   *
   * `HEXPIREAT` · group hash · since 7.4.0.
   * Complexity: O(N) where N is the number of fields given.
   *
   * @returns
   * - One code per field, in the order the fields were given.
   * @since 7.4.0
   */
  hexpireat: command<[key: RedisKey, unixTimeSeconds: number, field: RedisValue[], options?: HexpireatOptions], (-2 | 0 | 1 | 2)[]>(
    ['HEXPIREAT'],
    '7.4.0',
    [['v', 'key', '', 0], ['v', 'unixTimeSeconds', '', 0], ['o', 'condition', '', 1, [['t', 'NX', 'NX', 0], ['t', 'XX', 'XX', 0], ['t', 'GT', 'GT', 0], ['t', 'LT', 'LT', 0]]], ['t', 'FIELDS', 'FIELDS', 0], ['n', 'numfields', '', 0], ['v', 'field', '', 2]],
    ['a', 'n', 1],
  ),
  /**
   * Expiration Unix time of hash fields, in seconds.
   *
   * `HEXPIRETIME` · group hash · since 7.4.0.
   * Complexity: O(N) where N is the number of fields given.
   *
   * @returns
   * - One value per field, in the order given: -2 no such field (or no such key), -1 the field has no expiration, else the Unix time in seconds at which the field expires.
   * @since 7.4.0
   */
  hexpiretime: command<[key: RedisKey, ...field: RedisValue[]], number[]>(
    ['HEXPIRETIME'],
    '7.4.0',
    [['v', 'key', '', 0], ['t', 'FIELDS', 'FIELDS', 0], ['n', 'numfields', '', 0], ['v', 'field', '', 2]],
    ['a', 'n', 1],
  ),
  /**
   * Returns the value of a field in a hash.
   *
   * `HGET` · group hash · since 2.0.0.
   * Complexity: O(1)
   *
   * @returns
   * - The value associated with the field.
   * - If the field is not present in the hash or key does not exist.
   * @since 2.0.0
   */
  hget: command<[key: RedisKey, field: RedisValue], string | null>(
    ['HGET'],
    '2.0.0',
    [['v', 'key', '', 0], ['v', 'field', '', 0]],
    's',
  ),
  /**
   * Returns all fields and values in a hash.
   *
   * `HGETALL` · group hash · since 2.0.0.
   * Complexity: O(N) where N is the size of the hash.
   *
   * @returns
   * - Map of fields and their values stored in the hash, or an empty list when key does not exist. In RESP2 this is returned as a flat array.
   * @since 2.0.0
   */
  hgetall: command<[key: RedisKey], Record<string, string>>(
    ['HGETALL'],
    '2.0.0',
    [['v', 'key', '', 0]],
    ['m', 's'],
  ),
  /**
   * Increments the integer value of a field in a hash by a number. Uses 0 as initial value if the field doesn't exist.
   *
   * `HINCRBY` · group hash · since 2.0.0.
   * Complexity: O(1)
   *
   * @returns
   * - The value of the field after the increment operation.
   * @since 2.0.0
   */
  hincrby: command<[key: RedisKey, field: RedisValue, increment: number], number>(
    ['HINCRBY'],
    '2.0.0',
    [['v', 'key', '', 0], ['v', 'field', '', 0], ['v', 'increment', '', 0]],
    'n',
  ),
  /**
   * Increments the floating point value of a field by a number. Uses 0 as initial value if the field doesn't exist.
   *
   * `HINCRBYFLOAT` · group hash · since 2.6.0.
   * Complexity: O(1)
   *
   * @returns
   * - The value of the field after the increment operation.
   * @since 2.6.0
   */
  hincrbyfloat: command<[key: RedisKey, field: RedisValue, increment: number], string>(
    ['HINCRBYFLOAT'],
    '2.6.0',
    [['v', 'key', '', 0], ['v', 'field', '', 0], ['v', 'increment', '', 0]],
    's',
  ),
  /**
   * Returns all fields in a hash.
   *
   * `HKEYS` · group hash · since 2.0.0.
   * Complexity: O(N) where N is the size of the hash.
   *
   * @returns
   * - List of fields in the hash, or an empty list when the key does not exist.
   * @since 2.0.0
   */
  hkeys: command<[key: RedisKey], string[]>(
    ['HKEYS'],
    '2.0.0',
    [['v', 'key', '', 0]],
    ['a', 's', 1],
  ),
  /**
   * Returns the number of fields in a hash.
   *
   * `HLEN` · group hash · since 2.0.0.
   * Complexity: O(1)
   *
   * @returns
   * - Number of the fields in the hash, or 0 when the key does not exist.
   * @since 2.0.0
   */
  hlen: command<[key: RedisKey], number>(
    ['HLEN'],
    '2.0.0',
    [['v', 'key', '', 0]],
    'n',
  ),
  /**
   * Returns the values of all fields in a hash.
   *
   * `HMGET` · group hash · since 2.0.0.
   * Complexity: O(N) where N is the number of fields being requested.
   *
   * @returns
   * - List of values associated with the given fields, in the same order as they are requested.
   * @since 2.0.0
   */
  hmget: command<[key: RedisKey, ...field: RedisValue[]], (string | null)[]>(
    ['HMGET'],
    '2.0.0',
    [['v', 'key', '', 0], ['v', 'field', '', 2]],
    ['a', 's', 1],
  ),
  /**
   * Sets the values of multiple fields.
   *
   * `HMSET` · group hash · since 2.0.0.
   * Complexity: O(N) where N is the number of fields being set.
   *
   * @returns 'OK'
   *
   * @deprecated since 4.0.0. Use `HSET` with multiple field-value pairs instead.
   * @since 2.0.0
   */
  hmset: command<[key: RedisKey, ...data: Array<{ field: RedisValue; value: RedisValue }>], 'OK'>(
    ['HMSET'],
    '2.0.0',
    [['v', 'key', '', 0], ['b', 'data', '', 2, [['v', 'field', '', 0], ['v', 'value', '', 0]]]],
    'r',
  ),
  /**
   * Removes the expiration of hash fields.
   *
   * `HPERSIST` · group hash · since 7.4.0.
   * Complexity: O(N) where N is the number of fields given.
   *
   * @returns
   * - One code per field, in the order the fields were given.
   * @since 7.4.0
   */
  hpersist: command<[key: RedisKey, ...field: RedisValue[]], (-2 | -1 | 1)[]>(
    ['HPERSIST'],
    '7.4.0',
    [['v', 'key', '', 0], ['t', 'FIELDS', 'FIELDS', 0], ['n', 'numfields', '', 0], ['v', 'field', '', 2]],
    ['a', 'n', 1],
  ),
  /**
   * Sets a time to live in milliseconds on hash fields.
   *
   * `HPEXPIRE` · group hash · since 7.4.0.
   * Complexity: O(N) where N is the number of fields given.
   *
   * @returns
   * - One code per field, in the order the fields were given.
   * @since 7.4.0
   */
  hpexpire: command<[key: RedisKey, milliseconds: number, field: RedisValue[], options?: HpexpireOptions], (-2 | 0 | 1 | 2)[]>(
    ['HPEXPIRE'],
    '7.4.0',
    [['v', 'key', '', 0], ['v', 'milliseconds', '', 0], ['o', 'condition', '', 1, [['t', 'NX', 'NX', 0], ['t', 'XX', 'XX', 0], ['t', 'GT', 'GT', 0], ['t', 'LT', 'LT', 0]]], ['t', 'FIELDS', 'FIELDS', 0], ['n', 'numfields', '', 0], ['v', 'field', '', 2]],
    ['a', 'n', 1],
  ),
  /**
   * Sets an expiration Unix time in milliseconds on hash fields.
   *
   * `HPEXPIREAT` · group hash · since 7.4.0.
   * Complexity: O(N) where N is the number of fields given.
   *
   * @returns
   * - One code per field, in the order the fields were given.
   * @since 7.4.0
   */
  hpexpireat: command<[key: RedisKey, unixTimeMilliseconds: number, field: RedisValue[], options?: HpexpireatOptions], (-2 | 0 | 1 | 2)[]>(
    ['HPEXPIREAT'],
    '7.4.0',
    [['v', 'key', '', 0], ['v', 'unixTimeMilliseconds', '', 0], ['o', 'condition', '', 1, [['t', 'NX', 'NX', 0], ['t', 'XX', 'XX', 0], ['t', 'GT', 'GT', 0], ['t', 'LT', 'LT', 0]]], ['t', 'FIELDS', 'FIELDS', 0], ['n', 'numfields', '', 0], ['v', 'field', '', 2]],
    ['a', 'n', 1],
  ),
  /**
   * Expiration Unix time of hash fields, in milliseconds.
   *
   * `HPEXPIRETIME` · group hash · since 7.4.0.
   * Complexity: O(N) where N is the number of fields given.
   *
   * @returns
   * - One value per field, in the order given: -2 no such field (or no such key), -1 the field has no expiration, else the Unix time in milliseconds at which the field expires.
   * @since 7.4.0
   */
  hpexpiretime: command<[key: RedisKey, ...field: RedisValue[]], number[]>(
    ['HPEXPIRETIME'],
    '7.4.0',
    [['v', 'key', '', 0], ['t', 'FIELDS', 'FIELDS', 0], ['n', 'numfields', '', 0], ['v', 'field', '', 2]],
    ['a', 'n', 1],
  ),
  /**
   * Time to live of hash fields, in milliseconds.
   *
   * `HPTTL` · group hash · since 7.4.0.
   * Complexity: O(N) where N is the number of fields given.
   *
   * @returns
   * - One value per field, in the order given: -2 no such field (or no such key), -1 the field has no expiration, else the time to live in milliseconds.
   * @since 7.4.0
   */
  hpttl: command<[key: RedisKey, ...field: RedisValue[]], number[]>(
    ['HPTTL'],
    '7.4.0',
    [['v', 'key', '', 0], ['t', 'FIELDS', 'FIELDS', 0], ['n', 'numfields', '', 0], ['v', 'field', '', 2]],
    ['a', 'n', 1],
  ),
  /**
   * Returns one or more random fields from a hash.
   *
   * `HRANDFIELD` · group hash · since 6.2.0.
   * Complexity: O(N) where N is the number of fields returned
   * Without WITHVALUES: see `hrandfieldWithValues` for `{ field, value }` entries.
   *
   * @returns
   * - Key doesn't exist
   * - A single random field. Returned in case `COUNT` was not used.
   * - A list of fields. Returned in case `COUNT` was used.
   * - Fields and their values. Returned in case `COUNT` and `WITHVALUES` were used. In RESP2 this is returned as a flat array.
   * @since 6.2.0
   */
  hrandfield: command<[key: RedisKey, options?: HrandfieldOptions], null | string | string[]>(
    ['HRANDFIELD'],
    '6.2.0',
    [['v', 'key', '', 0], ['b', 'options', '', 1, [['v', 'count', '', 0]]]],
    ['u', ['s', ['a', 's', 1]]],
  ),
  /**
   * Returns one or more random fields from a hash.
   *
   * `HRANDFIELD` · group hash · since 6.2.0.
   * Complexity: O(N) where N is the number of fields returned
   * With WITHVALUES: resolves to `{ field, value }` entries (the same on RESP2 and RESP3).
   *
   * @returns
   * - Key doesn't exist
   * - A single random field. Returned in case `COUNT` was not used.
   * - A list of fields. Returned in case `COUNT` was used.
   * - Fields and their values. Returned in case `COUNT` and `WITHVALUES` were used. In RESP2 this is returned as a flat array.
   * @since 6.2.0
   */
  hrandfieldWithValues: command<[key: RedisKey, options: { count: number }], FieldValue[]>(
    ['HRANDFIELD'],
    '6.2.0',
    [['v', 'key', '', 0], ['b', 'options', '', 0, [['v', 'count', '', 0], ['t', 'WITHVALUES', 'WITHVALUES', 0]]]],
    toFieldValues,
  ),
  /**
   * Iterates over fields and values of a hash.
   *
   * `HSCAN` · group hash · since 2.8.0.
   * Complexity: O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection.
   *
   * @returns
   * - Cursor and scan response in array form.
   * @since 2.8.0
   */
  hscan: command<[key: RedisKey, cursor: number | string, options?: HscanOptions], [string, string[]]>(
    ['HSCAN'],
    '2.8.0',
    [['v', 'key', '', 0], ['v', 'cursor', '', 0], ['v', 'MATCH', 'MATCH', 1], ['v', 'COUNT', 'COUNT', 1], ['t', 'NOVALUES', 'NOVALUES', 1]],
    ['t', ['s', ['a', 's', 1]], 'r'],
  ),
  /**
   * Creates or modifies the value of a field in a hash.
   *
   * `HSET` · group hash · since 2.0.0.
   * Complexity: O(1) for each field/value pair added, so O(N) to add N field/value pairs when the command is called with multiple field/value pairs.
   *
   * @returns
   * - The number of fields that were added
   * @since 2.0.0
   */
  hset: command<[key: RedisKey, ...data: Array<{ field: RedisValue; value: RedisValue }>], number>(
    ['HSET'],
    '2.0.0',
    [['v', 'key', '', 0], ['b', 'data', '', 2, [['v', 'field', '', 0], ['v', 'value', '', 0]]]],
    'n',
  ),
  /**
   * Sets the value of a field in a hash only when the field doesn't exist.
   *
   * `HSETNX` · group hash · since 2.0.0.
   * Complexity: O(1)
   *
   * @returns
   * - The field is a new field in the hash and value was set.
   * - The field already exists in the hash and no operation was performed.
   * @since 2.0.0
   */
  hsetnx: command<[key: RedisKey, field: RedisValue, value: RedisValue], 0 | 1>(
    ['HSETNX'],
    '2.0.0',
    [['v', 'key', '', 0], ['v', 'field', '', 0], ['v', 'value', '', 0]],
    'n',
  ),
  /**
   * Returns the length of the value of a field.
   *
   * `HSTRLEN` · group hash · since 3.2.0.
   * Complexity: O(1)
   *
   * @returns
   * - String length of the value associated with the field, or zero when the field is not present in the hash or key does not exist at all.
   * @since 3.2.0
   */
  hstrlen: command<[key: RedisKey, field: RedisValue], number>(
    ['HSTRLEN'],
    '3.2.0',
    [['v', 'key', '', 0], ['v', 'field', '', 0]],
    'n',
  ),
  /**
   * Time to live of hash fields, in seconds.
   *
   * `HTTL` · group hash · since 7.4.0.
   * Complexity: O(N) where N is the number of fields given.
   *
   * @returns
   * - One value per field, in the order given: -2 no such field (or no such key), -1 the field has no expiration, else the time to live in seconds.
   * @since 7.4.0
   */
  httl: command<[key: RedisKey, ...field: RedisValue[]], number[]>(
    ['HTTL'],
    '7.4.0',
    [['v', 'key', '', 0], ['t', 'FIELDS', 'FIELDS', 0], ['n', 'numfields', '', 0], ['v', 'field', '', 2]],
    ['a', 'n', 1],
  ),
  /**
   * Returns all values in a hash.
   *
   * `HVALS` · group hash · since 2.0.0.
   * Complexity: O(N) where N is the size of the hash.
   *
   * @returns
   * - List of values in the hash, or an empty list when the key does not exist.
   * @since 2.0.0
   */
  hvals: command<[key: RedisKey], string[]>(
    ['HVALS'],
    '2.0.0',
    [['v', 'key', '', 0]],
    ['a', 's', 1],
  ),
};
