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

/** Options of {@link setCommands}. */
export interface SscanOptions {
  MATCH?: RedisValue;
  COUNT?: number;
}

/** Commands of the set group. */
export const setCommands = {
  /**
   * Adds one or more members to a set. Creates the key if it doesn't exist.
   *
   * `SADD` · group set · since 1.0.0.
   * Complexity: O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.
   *
   * @returns
   * - Number of elements that were added to the set, not including all the elements already present in the set.
   * @since 1.0.0
   */
  sadd: command<[key: RedisKey, ...member: RedisValue[]], number>(
    ['SADD'],
    '1.0.0',
    [['v', 'key', '', 0], ['v', 'member', '', 2]],
    'n',
  ),
  /**
   * Returns the number of members in a set.
   *
   * `SCARD` · group set · since 1.0.0.
   * Complexity: O(1)
   *
   * @returns
   * - The cardinality (number of elements) of the set, or 0 if key does not exist.
   * @since 1.0.0
   */
  scard: command<[key: RedisKey], number>(
    ['SCARD'],
    '1.0.0',
    [['v', 'key', '', 0]],
    'n',
  ),
  /**
   * Returns the difference of multiple sets.
   *
   * `SDIFF` · group set · since 1.0.0.
   * Complexity: O(N) where N is the total number of elements in all given sets.
   *
   * @returns
   * - List with the members of the resulting set.
   * @since 1.0.0
   */
  sdiff: command<[...key: RedisKey[]], string[]>(
    ['SDIFF'],
    '1.0.0',
    [['v', 'key', '', 2]],
    ['a', 's', 1],
  ),
  /**
   * Stores the difference of multiple sets in a key.
   *
   * `SDIFFSTORE` · group set · since 1.0.0.
   * Complexity: O(N) where N is the total number of elements in all given sets.
   *
   * @returns
   * - Number of the elements in the resulting set.
   * @since 1.0.0
   */
  sdiffstore: command<[destination: RedisKey, ...key: RedisKey[]], number>(
    ['SDIFFSTORE'],
    '1.0.0',
    [['v', 'destination', '', 0], ['v', 'key', '', 2]],
    'n',
  ),
  /**
   * Returns the intersect of multiple sets.
   *
   * `SINTER` · group set · since 1.0.0.
   * Complexity: O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.
   *
   * @returns
   * - List with the members of the resulting set.
   * @since 1.0.0
   */
  sinter: command<[...key: RedisKey[]], string[]>(
    ['SINTER'],
    '1.0.0',
    [['v', 'key', '', 2]],
    ['a', 's', 1],
  ),
  /**
   * Returns the number of members of the intersect of multiple sets.
   *
   * `SINTERCARD` · group set · since 7.0.0.
   * Complexity: O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.
   *
   * @returns
   * - Number of the elements in the resulting intersection.
   * @since 7.0.0
   */
  sintercard: command<[key: RedisKey[], limit?: number], number>(
    ['SINTERCARD'],
    '7.0.0',
    [['n', 'numkeys', '', 0], ['v', 'key', '', 2], ['v', 'LIMIT', 'LIMIT', 1]],
    'n',
  ),
  /**
   * Stores the intersect of multiple sets in a key.
   *
   * `SINTERSTORE` · group set · since 1.0.0.
   * Complexity: O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.
   *
   * @returns
   * - Number of the elements in the result set.
   * @since 1.0.0
   */
  sinterstore: command<[destination: RedisKey, ...key: RedisKey[]], number>(
    ['SINTERSTORE'],
    '1.0.0',
    [['v', 'destination', '', 0], ['v', 'key', '', 2]],
    'n',
  ),
  /**
   * Determines whether a member belongs to a set.
   *
   * `SISMEMBER` · group set · since 1.0.0.
   * Complexity: O(1)
   *
   * @returns
   * - The element is not a member of the set, or the key does not exist.
   * - The element is a member of the set.
   * @since 1.0.0
   */
  sismember: command<[key: RedisKey, member: RedisValue], 0 | 1>(
    ['SISMEMBER'],
    '1.0.0',
    [['v', 'key', '', 0], ['v', 'member', '', 0]],
    'n',
  ),
  /**
   * Returns all members of a set.
   *
   * `SMEMBERS` · group set · since 1.0.0.
   * Complexity: O(N) where N is the set cardinality.
   *
   * @returns
   * - All elements of the set.
   * @since 1.0.0
   */
  smembers: command<[key: RedisKey], string[]>(
    ['SMEMBERS'],
    '1.0.0',
    [['v', 'key', '', 0]],
    ['a', 's', 1],
  ),
  /**
   * Determines whether multiple members belong to a set.
   *
   * `SMISMEMBER` · group set · since 6.2.0.
   * Complexity: O(N) where N is the number of elements being checked for membership
   *
   * @returns
   * - List representing the membership of the given elements, in the same order as they are requested.
   * @since 6.2.0
   */
  smismember: command<[key: RedisKey, ...member: RedisValue[]], (0 | 1)[]>(
    ['SMISMEMBER'],
    '6.2.0',
    [['v', 'key', '', 0], ['v', 'member', '', 2]],
    ['a', 'n', 1],
  ),
  /**
   * Moves a member from one set to another.
   *
   * `SMOVE` · group set · since 1.0.0.
   * Complexity: O(1)
   *
   * @returns
   * - Element is moved.
   * - The element is not a member of source and no operation was performed.
   * @since 1.0.0
   */
  smove: command<[source: RedisKey, destination: RedisKey, member: RedisValue], 1 | 0>(
    ['SMOVE'],
    '1.0.0',
    [['v', 'source', '', 0], ['v', 'destination', '', 0], ['v', 'member', '', 0]],
    'n',
  ),
  /**
   * Returns one or more random members from a set after removing them. Deletes the set if the last member was popped.
   *
   * `SPOP` · group set · since 1.0.0.
   * Complexity: Without the count argument O(1), otherwise O(N) where N is the value of the passed count.
   *
   * @returns
   * - The key does not exist.
   * - The removed member when 'COUNT' is not given.
   * - List to the removed members when 'COUNT' is given.
   * @since 1.0.0
   */
  spop: command<[key: RedisKey, count?: number], null | string | string[]>(
    ['SPOP'],
    '1.0.0',
    [['v', 'key', '', 0], ['v', 'count', '', 1]],
    ['u', ['s', ['a', 's', 1]]],
  ),
  /**
   * Get one or multiple random members from a set
   *
   * `SRANDMEMBER` · group set · since 1.0.0.
   * Complexity: Without the count argument O(1), otherwise O(N) where N is the absolute value of the passed count.
   *
   * @returns
   * - In case `count` is not given and key doesn't exist
   * - In case `count` is not given, randomly selected element
   * - In case `count` is given, an array of elements
   * - In case `count` is given and key doesn't exist
   * @since 1.0.0
   */
  srandmember: command<[key: RedisKey, count?: number], null | string | string[] | RespValue[]>(
    ['SRANDMEMBER'],
    '1.0.0',
    [['v', 'key', '', 0], ['v', 'count', '', 1]],
    ['u', ['s', ['a', 's', 1], ['a', 'r', 1]]],
  ),
  /**
   * Removes one or more members from a set. Deletes the set if the last member was removed.
   *
   * `SREM` · group set · since 1.0.0.
   * Complexity: O(N) where N is the number of members to be removed.
   *
   * @returns
   * - Number of members that were removed from the set, not including non existing members.
   * @since 1.0.0
   */
  srem: command<[key: RedisKey, ...member: RedisValue[]], number>(
    ['SREM'],
    '1.0.0',
    [['v', 'key', '', 0], ['v', 'member', '', 2]],
    'n',
  ),
  /**
   * Iterates over members of a set.
   *
   * `SSCAN` · group set · since 2.8.0.
   * Complexity: O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection.
   *
   * @returns
   * - Cursor and scan response in array form.
   * @since 2.8.0
   */
  sscan: command<[key: RedisKey, cursor: number | string, options?: SscanOptions], [string, string[]]>(
    ['SSCAN'],
    '2.8.0',
    [['v', 'key', '', 0], ['v', 'cursor', '', 0], ['v', 'MATCH', 'MATCH', 1], ['v', 'COUNT', 'COUNT', 1]],
    ['t', ['s', ['a', 's', 1]], 'r'],
  ),
  /**
   * Returns the union of multiple sets.
   *
   * `SUNION` · group set · since 1.0.0.
   * Complexity: O(N) where N is the total number of elements in all given sets.
   *
   * @returns
   * - List with the members of the resulting set.
   * @since 1.0.0
   */
  sunion: command<[...key: RedisKey[]], string[]>(
    ['SUNION'],
    '1.0.0',
    [['v', 'key', '', 2]],
    ['a', 's', 1],
  ),
  /**
   * Stores the union of multiple sets in a key.
   *
   * `SUNIONSTORE` · group set · since 1.0.0.
   * Complexity: O(N) where N is the total number of elements in all given sets.
   *
   * @returns
   * - Number of the elements in the resulting set.
   * @since 1.0.0
   */
  sunionstore: command<[destination: RedisKey, ...key: RedisKey[]], number>(
    ['SUNIONSTORE'],
    '1.0.0',
    [['v', 'destination', '', 0], ['v', 'key', '', 2]],
    'n',
  ),
};
