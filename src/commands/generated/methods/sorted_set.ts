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
import type { RedisKey, RedisValue, ScoredMember } from '../../reply-transforms.js';
import { toScoredMembers } from '../../reply-transforms.js';

/** Options of {@link sortedSetCommands}. */
export interface ZaddOptions {
  condition?: 'NX' | 'XX';
  comparison?: 'GT' | 'LT';
  CH?: boolean;
  INCR?: boolean;
}

/** Options of {@link sortedSetCommands}. */
export interface ZinterOptions {
  WEIGHTS?: number[];
  AGGREGATE?: 'SUM' | 'MIN' | 'MAX';
}

/** Options of {@link sortedSetCommands}. */
export interface ZinterWithScoresOptions {
  WEIGHTS?: number[];
  AGGREGATE?: 'SUM' | 'MIN' | 'MAX';
}

/** Options of {@link sortedSetCommands}. */
export interface ZinterstoreOptions {
  WEIGHTS?: number[];
  AGGREGATE?: 'SUM' | 'MIN' | 'MAX';
}

/** Options of {@link sortedSetCommands}. */
export interface ZrandmemberOptions {
  options?: { count: number };
}

/** Options of {@link sortedSetCommands}. */
export interface ZrangeOptions {
  sortby?: 'BYSCORE' | 'BYLEX';
  REV?: boolean;
  LIMIT?: { offset: number; count: number };
}

/** Options of {@link sortedSetCommands}. */
export interface ZrangeWithScoresOptions {
  sortby?: 'BYSCORE' | 'BYLEX';
  REV?: boolean;
  LIMIT?: { offset: number; count: number };
}

/** Options of {@link sortedSetCommands}. */
export interface ZrangebylexOptions {
  LIMIT?: { offset: number; count: number };
}

/** Options of {@link sortedSetCommands}. */
export interface ZrangebyscoreOptions {
  LIMIT?: { offset: number; count: number };
}

/** Options of {@link sortedSetCommands}. */
export interface ZrangebyscoreWithScoresOptions {
  LIMIT?: { offset: number; count: number };
}

/** Options of {@link sortedSetCommands}. */
export interface ZrangestoreOptions {
  sortby?: 'BYSCORE' | 'BYLEX';
  REV?: boolean;
  LIMIT?: { offset: number; count: number };
}

/** Options of {@link sortedSetCommands}. */
export interface ZrankOptions {
  WITHSCORE?: boolean;
}

/** Options of {@link sortedSetCommands}. */
export interface ZrevrangebylexOptions {
  LIMIT?: { offset: number; count: number };
}

/** Options of {@link sortedSetCommands}. */
export interface ZrevrangebyscoreOptions {
  LIMIT?: { offset: number; count: number };
}

/** Options of {@link sortedSetCommands}. */
export interface ZrevrangebyscoreWithScoresOptions {
  LIMIT?: { offset: number; count: number };
}

/** Options of {@link sortedSetCommands}. */
export interface ZrevrankOptions {
  WITHSCORE?: boolean;
}

/** Options of {@link sortedSetCommands}. */
export interface ZscanOptions {
  MATCH?: RedisValue;
  COUNT?: number;
  NOSCORES?: boolean;
}

/** Options of {@link sortedSetCommands}. */
export interface ZunionOptions {
  WEIGHTS?: number[];
  AGGREGATE?: 'SUM' | 'MIN' | 'MAX';
}

/** Options of {@link sortedSetCommands}. */
export interface ZunionWithScoresOptions {
  WEIGHTS?: number[];
  AGGREGATE?: 'SUM' | 'MIN' | 'MAX';
}

/** Options of {@link sortedSetCommands}. */
export interface ZunionstoreOptions {
  WEIGHTS?: number[];
  AGGREGATE?: 'SUM' | 'MIN' | 'MAX';
}

/** Commands of the sorted_set group. */
export const sortedSetCommands = {
  /**
   * Removes and returns a member by score from one or more sorted sets. Blocks until a member is available otherwise. Deletes the sorted set if the last element was popped.
   *
   * `BZMPOP` · group sorted_set · since 7.0.0.
   * Complexity: O(K) + O(M*log(N)) where K is the number of provided keys, N being the number of elements in the sorted set, and M being the number of elements popped.
   *
   * @returns
   * - Timeout reached and no elements were popped.
   * - The keyname and the popped members.
   * @since 7.0.0
   */
  bzmpop: command<[timeout: number, key: RedisKey[], where: 'MIN' | 'MAX', count?: number], null | [string, [string, number][]]>(
    ['BZMPOP'],
    '7.0.0',
    [['v', 'timeout', '', 0], ['n', 'numkeys', '', 0], ['v', 'key', '', 2], ['o', 'where', '', 0, [['t', 'MIN', 'MIN', 0], ['t', 'MAX', 'MAX', 0]]], ['v', 'COUNT', 'COUNT', 1]],
    ['t', ['s', ['a', ['t', ['s', 'n'], 'r'], 2]], 'r'],
  ),
  /**
   * Removes and returns the member with the highest score from one or more sorted sets. Blocks until a member available otherwise. Deletes the sorted set if the last element was popped.
   *
   * `BZPOPMAX` · group sorted_set · since 5.0.0.
   * Complexity: O(log(N)) with N being the number of elements in the sorted set.
   *
   * @returns
   * - Timeout reached and no elements were popped.
   * - The keyname, popped member, and its score.
   * @since 5.0.0
   */
  bzpopmax: command<[key: RedisKey[], timeout: number], null | [string, string, number]>(
    ['BZPOPMAX'],
    '5.0.0',
    [['v', 'key', '', 2], ['v', 'timeout', '', 0]],
    ['t', ['s', 's', 'n'], 'r'],
  ),
  /**
   * Removes and returns the member with the lowest score from one or more sorted sets. Blocks until a member is available otherwise. Deletes the sorted set if the last element was popped.
   *
   * `BZPOPMIN` · group sorted_set · since 5.0.0.
   * Complexity: O(log(N)) with N being the number of elements in the sorted set.
   *
   * @returns
   * - Timeout reached and no elements were popped.
   * - The keyname, popped member, and its score.
   * @since 5.0.0
   */
  bzpopmin: command<[key: RedisKey[], timeout: number], null | [string, string, number]>(
    ['BZPOPMIN'],
    '5.0.0',
    [['v', 'key', '', 2], ['v', 'timeout', '', 0]],
    ['t', ['s', 's', 'n'], 'r'],
  ),
  /**
   * Adds one or more members to a sorted set, or updates their scores. Creates the key if it doesn't exist.
   *
   * `ZADD` · group sorted_set · since 1.2.0.
   * Complexity: O(log(N)) for each item added, where N is the number of elements in the sorted set.
   *
   * @returns
   * - Operation was aborted (conflict with one of the `XX`/`NX`/`LT`/`GT` options).
   * - The number of new members (when the `CH` option is not used)
   * - The number of new or updated members (when the `CH` option is used)
   * - The updated score of the member (when the `INCR` option is used)
   * @since 1.2.0
   */
  zadd: command<[key: RedisKey, data: Array<{ score: number; member: RedisValue }>, options?: ZaddOptions], null | number>(
    ['ZADD'],
    '1.2.0',
    [['v', 'key', '', 0], ['o', 'condition', '', 1, [['t', 'NX', 'NX', 0], ['t', 'XX', 'XX', 0]]], ['o', 'comparison', '', 1, [['t', 'GT', 'GT', 0], ['t', 'LT', 'LT', 0]]], ['t', 'CH', 'CH', 1], ['t', 'INCR', 'INCR', 1], ['b', 'data', '', 2, [['v', 'score', '', 0], ['v', 'member', '', 0]]]],
    'n',
  ),
  /**
   * Returns the number of members in a sorted set.
   *
   * `ZCARD` · group sorted_set · since 1.2.0.
   * Complexity: O(1)
   *
   * @returns
   * - The cardinality (number of elements) of the sorted set, or 0 if key does not exist
   * @since 1.2.0
   */
  zcard: command<[key: RedisKey], number>(
    ['ZCARD'],
    '1.2.0',
    [['v', 'key', '', 0]],
    'n',
  ),
  /**
   * Returns the count of members in a sorted set that have scores within a range.
   *
   * `ZCOUNT` · group sorted_set · since 2.0.0.
   * Complexity: O(log(N)) with N being the number of elements in the sorted set.
   *
   * @returns
   * - The number of elements in the specified score range
   * @since 2.0.0
   */
  zcount: command<[key: RedisKey, min: number, max: number], number>(
    ['ZCOUNT'],
    '2.0.0',
    [['v', 'key', '', 0], ['v', 'min', '', 0], ['v', 'max', '', 0]],
    'n',
  ),
  /**
   * Returns the difference between multiple sorted sets.
   *
   * `ZDIFF` · group sorted_set · since 6.2.0.
   * Complexity: O(L + (N-K)log(N)) worst case where L is the total number of elements in all the sets, N is the size of the first set, and K is the size of the result set.
   * Without WITHSCORES: see `zdiffWithScores` for members with their scores.
   *
   * @returns
   * - A list of members. Returned in case `WITHSCORES` was not used.
   * - Members and their scores. Returned in case `WITHSCORES` was used. In RESP2 this is returned as a flat array
   * @since 6.2.0
   */
  zdiff: command<[...key: RedisKey[]], string[]>(
    ['ZDIFF'],
    '6.2.0',
    [['n', 'numkeys', '', 0], ['v', 'key', '', 2]],
    ['a', 's', 1],
  ),
  /**
   * Returns the difference between multiple sorted sets.
   *
   * `ZDIFF` · group sorted_set · since 6.2.0.
   * Complexity: O(L + (N-K)log(N)) worst case where L is the total number of elements in all the sets, N is the size of the first set, and K is the size of the result set.
   * With WITHSCORES: resolves to `{ member, score }` entries (the same on RESP2 and RESP3).
   *
   * @returns
   * - A list of members. Returned in case `WITHSCORES` was not used.
   * - Members and their scores. Returned in case `WITHSCORES` was used. In RESP2 this is returned as a flat array
   * @since 6.2.0
   */
  zdiffWithScores: command<[...key: RedisKey[]], ScoredMember[]>(
    ['ZDIFF'],
    '6.2.0',
    [['n', 'numkeys', '', 0], ['v', 'key', '', 2], ['t', 'WITHSCORES', 'WITHSCORES', 0]],
    toScoredMembers,
  ),
  /**
   * Stores the difference of multiple sorted sets in a key.
   *
   * `ZDIFFSTORE` · group sorted_set · since 6.2.0.
   * Complexity: O(L + (N-K)log(N)) worst case where L is the total number of elements in all the sets, N is the size of the first set, and K is the size of the result set.
   *
   * @returns
   * - Number of elements in the resulting sorted set at `destination`
   * @since 6.2.0
   */
  zdiffstore: command<[destination: RedisKey, ...key: RedisKey[]], number>(
    ['ZDIFFSTORE'],
    '6.2.0',
    [['v', 'destination', '', 0], ['n', 'numkeys', '', 0], ['v', 'key', '', 2]],
    'n',
  ),
  /**
   * Increments the score of a member in a sorted set.
   *
   * `ZINCRBY` · group sorted_set · since 1.2.0.
   * Complexity: O(log(N)) where N is the number of elements in the sorted set.
   *
   * @returns
   * - The new score of `member`
   * @since 1.2.0
   */
  zincrby: command<[key: RedisKey, increment: number, member: RedisValue], number>(
    ['ZINCRBY'],
    '1.2.0',
    [['v', 'key', '', 0], ['v', 'increment', '', 0], ['v', 'member', '', 0]],
    'n',
  ),
  /**
   * Returns the intersect of multiple sorted sets.
   *
   * `ZINTER` · group sorted_set · since 6.2.0.
   * Complexity: O(N*K)+O(M*log(M)) worst case with N being the smallest input sorted set, K being the number of input sorted sets and M being the number of elements in the resulting sorted set.
   * Without WITHSCORES: see `zinterWithScores` for members with their scores.
   *
   * @returns
   * - Result of intersection, containing only the member names. Returned in case `WITHSCORES` was not used.
   * - Result of intersection, containing members and their scores. Returned in case `WITHSCORES` was used. In RESP2 this is returned as a flat array
   * @since 6.2.0
   */
  zinter: command<[key: RedisKey[], options?: ZinterOptions], string[]>(
    ['ZINTER'],
    '6.2.0',
    [['n', 'numkeys', '', 0], ['v', 'key', '', 2], ['v', 'WEIGHTS', 'WEIGHTS', 3], ['o', 'AGGREGATE', 'AGGREGATE', 1, [['t', 'SUM', 'SUM', 0], ['t', 'MIN', 'MIN', 0], ['t', 'MAX', 'MAX', 0]]]],
    ['a', 's', 1],
  ),
  /**
   * Returns the intersect of multiple sorted sets.
   *
   * `ZINTER` · group sorted_set · since 6.2.0.
   * Complexity: O(N*K)+O(M*log(M)) worst case with N being the smallest input sorted set, K being the number of input sorted sets and M being the number of elements in the resulting sorted set.
   * With WITHSCORES: resolves to `{ member, score }` entries (the same on RESP2 and RESP3).
   *
   * @returns
   * - Result of intersection, containing only the member names. Returned in case `WITHSCORES` was not used.
   * - Result of intersection, containing members and their scores. Returned in case `WITHSCORES` was used. In RESP2 this is returned as a flat array
   * @since 6.2.0
   */
  zinterWithScores: command<[key: RedisKey[], options?: ZinterWithScoresOptions], ScoredMember[]>(
    ['ZINTER'],
    '6.2.0',
    [['n', 'numkeys', '', 0], ['v', 'key', '', 2], ['v', 'WEIGHTS', 'WEIGHTS', 3], ['o', 'AGGREGATE', 'AGGREGATE', 1, [['t', 'SUM', 'SUM', 0], ['t', 'MIN', 'MIN', 0], ['t', 'MAX', 'MAX', 0]]], ['t', 'WITHSCORES', 'WITHSCORES', 0]],
    toScoredMembers,
  ),
  /**
   * Returns the number of members of the intersect of multiple sorted sets.
   *
   * `ZINTERCARD` · group sorted_set · since 7.0.0.
   * Complexity: O(N*K) worst case with N being the smallest input sorted set, K being the number of input sorted sets.
   *
   * @returns
   * - Number of elements in the resulting intersection.
   * @since 7.0.0
   */
  zintercard: command<[key: RedisKey[], limit?: number], number>(
    ['ZINTERCARD'],
    '7.0.0',
    [['n', 'numkeys', '', 0], ['v', 'key', '', 2], ['v', 'LIMIT', 'LIMIT', 1]],
    'n',
  ),
  /**
   * Stores the intersect of multiple sorted sets in a key.
   *
   * `ZINTERSTORE` · group sorted_set · since 2.0.0.
   * Complexity: O(N*K)+O(M*log(M)) worst case with N being the smallest input sorted set, K being the number of input sorted sets and M being the number of elements in the resulting sorted set.
   *
   * @returns
   * - Number of elements in the resulting sorted set.
   * @since 2.0.0
   */
  zinterstore: command<[destination: RedisKey, key: RedisKey[], options?: ZinterstoreOptions], number>(
    ['ZINTERSTORE'],
    '2.0.0',
    [['v', 'destination', '', 0], ['n', 'numkeys', '', 0], ['v', 'key', '', 2], ['v', 'WEIGHTS', 'WEIGHTS', 3], ['o', 'AGGREGATE', 'AGGREGATE', 1, [['t', 'SUM', 'SUM', 0], ['t', 'MIN', 'MIN', 0], ['t', 'MAX', 'MAX', 0]]]],
    'n',
  ),
  /**
   * Returns the number of members in a sorted set within a lexicographical range.
   *
   * `ZLEXCOUNT` · group sorted_set · since 2.8.9.
   * Complexity: O(log(N)) with N being the number of elements in the sorted set.
   *
   * @returns
   * - Number of elements in the specified score range.
   * @since 2.8.9
   */
  zlexcount: command<[key: RedisKey, min: RedisValue, max: RedisValue], number>(
    ['ZLEXCOUNT'],
    '2.8.9',
    [['v', 'key', '', 0], ['v', 'min', '', 0], ['v', 'max', '', 0]],
    'n',
  ),
  /**
   * Returns the highest- or lowest-scoring members from one or more sorted sets after removing them. Deletes the sorted set if the last member was popped.
   *
   * `ZMPOP` · group sorted_set · since 7.0.0.
   * Complexity: O(K) + O(M*log(N)) where K is the number of provided keys, N being the number of elements in the sorted set, and M being the number of elements popped.
   *
   * @returns
   * - No element could be popped.
   * @since 7.0.0
   */
  zmpop: command<[key: RedisKey[], where: 'MIN' | 'MAX', count?: number], null | [string, [string, number][]]>(
    ['ZMPOP'],
    '7.0.0',
    [['n', 'numkeys', '', 0], ['v', 'key', '', 2], ['o', 'where', '', 0, [['t', 'MIN', 'MIN', 0], ['t', 'MAX', 'MAX', 0]]], ['v', 'COUNT', 'COUNT', 1]],
    ['t', ['s', ['a', ['t', ['s', 'n'], 'r'], 2]], 'r'],
  ),
  /**
   * Returns the score of one or more members in a sorted set.
   *
   * `ZMSCORE` · group sorted_set · since 6.2.0.
   * Complexity: O(N) where N is the number of members being requested.
   *
   * @returns (number | null)[]
   * @since 6.2.0
   */
  zmscore: command<[key: RedisKey, ...member: RedisValue[]], (number | null)[]>(
    ['ZMSCORE'],
    '6.2.0',
    [['v', 'key', '', 0], ['v', 'member', '', 2]],
    ['a', 'n', 1],
  ),
  /**
   * Returns the highest-scoring members from a sorted set after removing them. Deletes the sorted set if the last member was popped.
   *
   * `ZPOPMAX` · group sorted_set · since 5.0.0.
   * Complexity: O(log(N)*M) with N being the number of elements in the sorted set, and M being the number of elements popped.
   *
   * @returns
   * - List of popped elements and scores when 'COUNT' isn't specified.
   * - List of popped elements and scores when 'COUNT' is specified.
   * @since 5.0.0
   */
  zpopmax: command<[key: RedisKey, count?: number], [string, number] | [string, number][]>(
    ['ZPOPMAX'],
    '5.0.0',
    [['v', 'key', '', 0], ['v', 'count', '', 1]],
    ['u', [['t', ['s', 'n'], 'r'], ['a', ['t', ['s', 'n'], 'r'], 2]]],
  ),
  /**
   * Returns the lowest-scoring members from a sorted set after removing them. Deletes the sorted set if the last member was popped.
   *
   * `ZPOPMIN` · group sorted_set · since 5.0.0.
   * Complexity: O(log(N)*M) with N being the number of elements in the sorted set, and M being the number of elements popped.
   *
   * @returns
   * - List of popped elements and scores when 'COUNT' isn't specified.
   * - List of popped elements and scores when 'COUNT' is specified.
   * @since 5.0.0
   */
  zpopmin: command<[key: RedisKey, count?: number], [string, number] | [string, number][]>(
    ['ZPOPMIN'],
    '5.0.0',
    [['v', 'key', '', 0], ['v', 'count', '', 1]],
    ['u', [['t', ['s', 'n'], 'r'], ['a', ['t', ['s', 'n'], 'r'], 2]]],
  ),
  /**
   * Returns one or more random members from a sorted set.
   *
   * `ZRANDMEMBER` · group sorted_set · since 6.2.0.
   * Complexity: O(N) where N is the number of members returned
   * Without WITHSCORES: see `zrandmemberWithScores` for `{ member, score }` entries.
   *
   * @returns
   * - Key does not exist.
   * - Randomly selected element when 'COUNT' is not used.
   * - Randomly selected elements when 'COUNT' is used.
   * - Randomly selected elements when 'COUNT' and 'WITHSCORES' modifiers are used.
   * @since 6.2.0
   */
  zrandmember: command<[key: RedisKey, options?: ZrandmemberOptions], null | string | string[]>(
    ['ZRANDMEMBER'],
    '6.2.0',
    [['v', 'key', '', 0], ['b', 'options', '', 1, [['v', 'count', '', 0]]]],
    ['u', ['s', ['a', 's', 1]]],
  ),
  /**
   * Returns one or more random members from a sorted set.
   *
   * `ZRANDMEMBER` · group sorted_set · since 6.2.0.
   * Complexity: O(N) where N is the number of members returned
   * With WITHSCORES: resolves to `{ member, score }` entries (the same on RESP2 and RESP3).
   *
   * @returns
   * - Key does not exist.
   * - Randomly selected element when 'COUNT' is not used.
   * - Randomly selected elements when 'COUNT' is used.
   * - Randomly selected elements when 'COUNT' and 'WITHSCORES' modifiers are used.
   * @since 6.2.0
   */
  zrandmemberWithScores: command<[key: RedisKey, options: { count: number }], ScoredMember[]>(
    ['ZRANDMEMBER'],
    '6.2.0',
    [['v', 'key', '', 0], ['b', 'options', '', 0, [['v', 'count', '', 0], ['t', 'WITHSCORES', 'WITHSCORES', 0]]]],
    toScoredMembers,
  ),
  /**
   * Returns members in a sorted set within a range of indexes.
   *
   * `ZRANGE` · group sorted_set · since 1.2.0.
   * Complexity: O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements returned.
   * Without WITHSCORES: see `zrangeWithScores` for members with their scores.
   *
   * @returns
   * - A list of member elements
   * - Members and their scores. Returned in case `WITHSCORES` was used. In RESP2 this is returned as a flat array
   * @since 1.2.0
   */
  zrange: command<[key: RedisKey, start: RedisValue, stop: RedisValue, options?: ZrangeOptions], string[]>(
    ['ZRANGE'],
    '1.2.0',
    [['v', 'key', '', 0], ['v', 'start', '', 0], ['v', 'stop', '', 0], ['o', 'sortby', '', 1, [['t', 'BYSCORE', 'BYSCORE', 0], ['t', 'BYLEX', 'BYLEX', 0]]], ['t', 'REV', 'REV', 1], ['b', 'LIMIT', 'LIMIT', 1, [['v', 'offset', '', 0], ['v', 'count', '', 0]]]],
    ['a', 's', 1],
  ),
  /**
   * Returns members in a sorted set within a range of indexes.
   *
   * `ZRANGE` · group sorted_set · since 1.2.0.
   * Complexity: O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements returned.
   * With WITHSCORES: resolves to `{ member, score }` entries (the same on RESP2 and RESP3).
   *
   * @returns
   * - A list of member elements
   * - Members and their scores. Returned in case `WITHSCORES` was used. In RESP2 this is returned as a flat array
   * @since 1.2.0
   */
  zrangeWithScores: command<[key: RedisKey, start: RedisValue, stop: RedisValue, options?: ZrangeWithScoresOptions], ScoredMember[]>(
    ['ZRANGE'],
    '1.2.0',
    [['v', 'key', '', 0], ['v', 'start', '', 0], ['v', 'stop', '', 0], ['o', 'sortby', '', 1, [['t', 'BYSCORE', 'BYSCORE', 0], ['t', 'BYLEX', 'BYLEX', 0]]], ['t', 'REV', 'REV', 1], ['b', 'LIMIT', 'LIMIT', 1, [['v', 'offset', '', 0], ['v', 'count', '', 0]]], ['t', 'WITHSCORES', 'WITHSCORES', 0]],
    toScoredMembers,
  ),
  /**
   * Returns members in a sorted set within a lexicographical range.
   *
   * `ZRANGEBYLEX` · group sorted_set · since 2.8.9.
   * Complexity: O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned. If M is constant (e.g. always asking for the first 10 elements with LIMIT), you can consider it O(log(N)).
   *
   * @returns
   * - List of elements in the specified score range.
   *
   * @deprecated since 6.2.0. Use `ZRANGE` with the `BYLEX` argument instead.
   * @since 2.8.9
   */
  zrangebylex: command<[key: RedisKey, min: RedisValue, max: RedisValue, options?: ZrangebylexOptions], string[]>(
    ['ZRANGEBYLEX'],
    '2.8.9',
    [['v', 'key', '', 0], ['v', 'min', '', 0], ['v', 'max', '', 0], ['b', 'LIMIT', 'LIMIT', 1, [['v', 'offset', '', 0], ['v', 'count', '', 0]]]],
    ['a', 's', 1],
  ),
  /**
   * Returns members in a sorted set within a range of scores.
   *
   * `ZRANGEBYSCORE` · group sorted_set · since 1.0.5.
   * Complexity: O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned. If M is constant (e.g. always asking for the first 10 elements with LIMIT), you can consider it O(log(N)).
   * Without WITHSCORES: see `zrangebyscoreWithScores` for members with their scores.
   *
   * @returns
   * - List of the elements in the specified score range, as not WITHSCORES.
   * - List of the elements and their scores in the specified score range, as WITHSCORES used.
   *
   * @deprecated since 6.2.0. Use `ZRANGE` with the `BYSCORE` argument instead.
   * @since 1.0.5
   */
  zrangebyscore: command<[key: RedisKey, min: number, max: number, options?: ZrangebyscoreOptions], string[]>(
    ['ZRANGEBYSCORE'],
    '1.0.5',
    [['v', 'key', '', 0], ['v', 'min', '', 0], ['v', 'max', '', 0], ['b', 'LIMIT', 'LIMIT', 1, [['v', 'offset', '', 0], ['v', 'count', '', 0]]]],
    ['a', 's', 1],
  ),
  /**
   * Returns members in a sorted set within a range of scores.
   *
   * `ZRANGEBYSCORE` · group sorted_set · since 1.0.5.
   * Complexity: O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned. If M is constant (e.g. always asking for the first 10 elements with LIMIT), you can consider it O(log(N)).
   * With WITHSCORES: resolves to `{ member, score }` entries (the same on RESP2 and RESP3).
   *
   * @returns
   * - List of the elements in the specified score range, as not WITHSCORES.
   * - List of the elements and their scores in the specified score range, as WITHSCORES used.
   *
   * @deprecated since 6.2.0. Use `ZRANGE` with the `BYSCORE` argument instead.
   * @since 1.0.5
   */
  zrangebyscoreWithScores: command<[key: RedisKey, min: number, max: number, options?: ZrangebyscoreWithScoresOptions], ScoredMember[]>(
    ['ZRANGEBYSCORE'],
    '1.0.5',
    [['v', 'key', '', 0], ['v', 'min', '', 0], ['v', 'max', '', 0], ['t', 'WITHSCORES', 'WITHSCORES', 0], ['b', 'LIMIT', 'LIMIT', 1, [['v', 'offset', '', 0], ['v', 'count', '', 0]]]],
    toScoredMembers,
  ),
  /**
   * Stores a range of members from sorted set in a key.
   *
   * `ZRANGESTORE` · group sorted_set · since 6.2.0.
   * Complexity: O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements stored into the destination key.
   *
   * @returns
   * - Number of elements in the resulting sorted set.
   * @since 6.2.0
   */
  zrangestore: command<[dst: RedisKey, src: RedisKey, min: RedisValue, max: RedisValue, options?: ZrangestoreOptions], number>(
    ['ZRANGESTORE'],
    '6.2.0',
    [['v', 'dst', '', 0], ['v', 'src', '', 0], ['v', 'min', '', 0], ['v', 'max', '', 0], ['o', 'sortby', '', 1, [['t', 'BYSCORE', 'BYSCORE', 0], ['t', 'BYLEX', 'BYLEX', 0]]], ['t', 'REV', 'REV', 1], ['b', 'LIMIT', 'LIMIT', 1, [['v', 'offset', '', 0], ['v', 'count', '', 0]]]],
    'n',
  ),
  /**
   * Returns the index of a member in a sorted set ordered by ascending scores.
   *
   * `ZRANK` · group sorted_set · since 2.0.0.
   * Complexity: O(log(N))
   *
   * @returns
   * - Key does not exist or the member does not exist in the sorted set.
   * - The rank of the member when 'WITHSCORE' is not used.
   * - The rank and score of the member when 'WITHSCORE' is used.
   * @since 2.0.0
   */
  zrank: command<[key: RedisKey, member: RedisValue, options?: ZrankOptions], null | number | [number, number]>(
    ['ZRANK'],
    '2.0.0',
    [['v', 'key', '', 0], ['v', 'member', '', 0], ['t', 'WITHSCORE', 'WITHSCORE', 1]],
    ['u', ['n', ['t', ['n', 'n'], 'r']]],
  ),
  /**
   * Removes one or more members from a sorted set. Deletes the sorted set if all members were removed.
   *
   * `ZREM` · group sorted_set · since 1.2.0.
   * Complexity: O(M*log(N)) with N being the number of elements in the sorted set and M the number of elements to be removed.
   *
   * @returns
   * - The number of members removed from the sorted set, not including non existing members.
   * @since 1.2.0
   */
  zrem: command<[key: RedisKey, ...member: RedisValue[]], number>(
    ['ZREM'],
    '1.2.0',
    [['v', 'key', '', 0], ['v', 'member', '', 2]],
    'n',
  ),
  /**
   * Removes members in a sorted set within a lexicographical range. Deletes the sorted set if all members were removed.
   *
   * `ZREMRANGEBYLEX` · group sorted_set · since 2.8.9.
   * Complexity: O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements removed by the operation.
   *
   * @returns
   * - Number of elements removed.
   * @since 2.8.9
   */
  zremrangebylex: command<[key: RedisKey, min: RedisValue, max: RedisValue], number>(
    ['ZREMRANGEBYLEX'],
    '2.8.9',
    [['v', 'key', '', 0], ['v', 'min', '', 0], ['v', 'max', '', 0]],
    'n',
  ),
  /**
   * Removes members in a sorted set within a range of indexes. Deletes the sorted set if all members were removed.
   *
   * `ZREMRANGEBYRANK` · group sorted_set · since 2.0.0.
   * Complexity: O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements removed by the operation.
   *
   * @returns
   * - Number of elements removed.
   * @since 2.0.0
   */
  zremrangebyrank: command<[key: RedisKey, start: number, stop: number], number>(
    ['ZREMRANGEBYRANK'],
    '2.0.0',
    [['v', 'key', '', 0], ['v', 'start', '', 0], ['v', 'stop', '', 0]],
    'n',
  ),
  /**
   * Removes members in a sorted set within a range of scores. Deletes the sorted set if all members were removed.
   *
   * `ZREMRANGEBYSCORE` · group sorted_set · since 1.2.0.
   * Complexity: O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements removed by the operation.
   *
   * @returns
   * - Number of elements removed.
   * @since 1.2.0
   */
  zremrangebyscore: command<[key: RedisKey, min: number, max: number], number>(
    ['ZREMRANGEBYSCORE'],
    '1.2.0',
    [['v', 'key', '', 0], ['v', 'min', '', 0], ['v', 'max', '', 0]],
    'n',
  ),
  /**
   * Returns members in a sorted set within a range of indexes in reverse order.
   *
   * `ZREVRANGE` · group sorted_set · since 1.2.0.
   * Complexity: O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements returned.
   * Without WITHSCORES: see `zrevrangeWithScores` for members with their scores.
   *
   * @returns
   * - List of member elements.
   * - List of the members and their scores. Returned in case `WITHSCORES` was used.
   *
   * @deprecated since 6.2.0. Use `ZRANGE` with the `REV` argument instead.
   * @since 1.2.0
   */
  zrevrange: command<[key: RedisKey, start: number, stop: number], string[]>(
    ['ZREVRANGE'],
    '1.2.0',
    [['v', 'key', '', 0], ['v', 'start', '', 0], ['v', 'stop', '', 0]],
    ['a', 's', 1],
  ),
  /**
   * Returns members in a sorted set within a range of indexes in reverse order.
   *
   * `ZREVRANGE` · group sorted_set · since 1.2.0.
   * Complexity: O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements returned.
   * With WITHSCORES: resolves to `{ member, score }` entries (the same on RESP2 and RESP3).
   *
   * @returns
   * - List of member elements.
   * - List of the members and their scores. Returned in case `WITHSCORES` was used.
   *
   * @deprecated since 6.2.0. Use `ZRANGE` with the `REV` argument instead.
   * @since 1.2.0
   */
  zrevrangeWithScores: command<[key: RedisKey, start: number, stop: number], ScoredMember[]>(
    ['ZREVRANGE'],
    '1.2.0',
    [['v', 'key', '', 0], ['v', 'start', '', 0], ['v', 'stop', '', 0], ['t', 'WITHSCORES', 'WITHSCORES', 0]],
    toScoredMembers,
  ),
  /**
   * Returns members in a sorted set within a lexicographical range in reverse order.
   *
   * `ZREVRANGEBYLEX` · group sorted_set · since 2.8.9.
   * Complexity: O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned. If M is constant (e.g. always asking for the first 10 elements with LIMIT), you can consider it O(log(N)).
   *
   * @returns
   * - List of the elements in the specified score range.
   *
   * @deprecated since 6.2.0. Use `ZRANGE` with the `REV` and `BYLEX` arguments instead.
   * @since 2.8.9
   */
  zrevrangebylex: command<[key: RedisKey, max: RedisValue, min: RedisValue, options?: ZrevrangebylexOptions], string[]>(
    ['ZREVRANGEBYLEX'],
    '2.8.9',
    [['v', 'key', '', 0], ['v', 'max', '', 0], ['v', 'min', '', 0], ['b', 'LIMIT', 'LIMIT', 1, [['v', 'offset', '', 0], ['v', 'count', '', 0]]]],
    ['a', 's', 1],
  ),
  /**
   * Returns members in a sorted set within a range of scores in reverse order.
   *
   * `ZREVRANGEBYSCORE` · group sorted_set · since 2.2.0.
   * Complexity: O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned. If M is constant (e.g. always asking for the first 10 elements with LIMIT), you can consider it O(log(N)).
   * Without WITHSCORES: see `zrevrangebyscoreWithScores` for members with their scores.
   *
   * @returns
   * - List of the elements in the specified score range, as not WITHSCORES.
   * - List of the elements and their scores in the specified score range, as WITHSCORES used.
   *
   * @deprecated since 6.2.0. Use `ZRANGE` with the `REV` and `BYSCORE` arguments instead.
   * @since 2.2.0
   */
  zrevrangebyscore: command<[key: RedisKey, max: number, min: number, options?: ZrevrangebyscoreOptions], string[]>(
    ['ZREVRANGEBYSCORE'],
    '2.2.0',
    [['v', 'key', '', 0], ['v', 'max', '', 0], ['v', 'min', '', 0], ['b', 'LIMIT', 'LIMIT', 1, [['v', 'offset', '', 0], ['v', 'count', '', 0]]]],
    ['a', 's', 1],
  ),
  /**
   * Returns members in a sorted set within a range of scores in reverse order.
   *
   * `ZREVRANGEBYSCORE` · group sorted_set · since 2.2.0.
   * Complexity: O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned. If M is constant (e.g. always asking for the first 10 elements with LIMIT), you can consider it O(log(N)).
   * With WITHSCORES: resolves to `{ member, score }` entries (the same on RESP2 and RESP3).
   *
   * @returns
   * - List of the elements in the specified score range, as not WITHSCORES.
   * - List of the elements and their scores in the specified score range, as WITHSCORES used.
   *
   * @deprecated since 6.2.0. Use `ZRANGE` with the `REV` and `BYSCORE` arguments instead.
   * @since 2.2.0
   */
  zrevrangebyscoreWithScores: command<[key: RedisKey, max: number, min: number, options?: ZrevrangebyscoreWithScoresOptions], ScoredMember[]>(
    ['ZREVRANGEBYSCORE'],
    '2.2.0',
    [['v', 'key', '', 0], ['v', 'max', '', 0], ['v', 'min', '', 0], ['t', 'WITHSCORES', 'WITHSCORES', 0], ['b', 'LIMIT', 'LIMIT', 1, [['v', 'offset', '', 0], ['v', 'count', '', 0]]]],
    toScoredMembers,
  ),
  /**
   * Returns the index of a member in a sorted set ordered by descending scores.
   *
   * `ZREVRANK` · group sorted_set · since 2.0.0.
   * Complexity: O(log(N))
   *
   * @returns
   * - Key does not exist or the member does not exist in the sorted set.
   * - The rank of the member when 'WITHSCORE' is not used.
   * - The rank and score of the member when 'WITHSCORE' is used.
   * @since 2.0.0
   */
  zrevrank: command<[key: RedisKey, member: RedisValue, options?: ZrevrankOptions], null | number | [number, number]>(
    ['ZREVRANK'],
    '2.0.0',
    [['v', 'key', '', 0], ['v', 'member', '', 0], ['t', 'WITHSCORE', 'WITHSCORE', 1]],
    ['u', ['n', ['t', ['n', 'n'], 'r']]],
  ),
  /**
   * Iterates over members and scores of a sorted set.
   *
   * `ZSCAN` · group sorted_set · since 2.8.0.
   * Complexity: O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection.
   *
   * @returns
   * - Cursor and scan response in array form.
   * @since 2.8.0
   */
  zscan: command<[key: RedisKey, cursor: number | string, options?: ZscanOptions], [string, string[]]>(
    ['ZSCAN'],
    '2.8.0',
    [['v', 'key', '', 0], ['v', 'cursor', '', 0], ['v', 'MATCH', 'MATCH', 1], ['v', 'COUNT', 'COUNT', 1], ['t', 'NOSCORES', 'NOSCORES', 1]],
    ['t', ['s', ['a', 's', 1]], 'r'],
  ),
  /**
   * Returns the score of a member in a sorted set.
   *
   * `ZSCORE` · group sorted_set · since 1.2.0.
   * Complexity: O(1)
   *
   * @returns
   * - The score of the member (a double precision floating point number). In RESP2, this is returned as string.
   * - Member does not exist in the sorted set, or key does not exist.
   * @since 1.2.0
   */
  zscore: command<[key: RedisKey, member: RedisValue], number | null>(
    ['ZSCORE'],
    '1.2.0',
    [['v', 'key', '', 0], ['v', 'member', '', 0]],
    'n',
  ),
  /**
   * Returns the union of multiple sorted sets.
   *
   * `ZUNION` · group sorted_set · since 6.2.0.
   * Complexity: O(N)+O(M*log(M)) with N being the sum of the sizes of the input sorted sets, and M being the number of elements in the resulting sorted set.
   * Without WITHSCORES: see `zunionWithScores` for members with their scores.
   *
   * @returns
   * - The result of union when 'WITHSCORES' is not used.
   * - The result of union when 'WITHSCORES' is used.
   * @since 6.2.0
   */
  zunion: command<[key: RedisKey[], options?: ZunionOptions], string[]>(
    ['ZUNION'],
    '6.2.0',
    [['n', 'numkeys', '', 0], ['v', 'key', '', 2], ['v', 'WEIGHTS', 'WEIGHTS', 3], ['o', 'AGGREGATE', 'AGGREGATE', 1, [['t', 'SUM', 'SUM', 0], ['t', 'MIN', 'MIN', 0], ['t', 'MAX', 'MAX', 0]]]],
    ['a', 's', 1],
  ),
  /**
   * Returns the union of multiple sorted sets.
   *
   * `ZUNION` · group sorted_set · since 6.2.0.
   * Complexity: O(N)+O(M*log(M)) with N being the sum of the sizes of the input sorted sets, and M being the number of elements in the resulting sorted set.
   * With WITHSCORES: resolves to `{ member, score }` entries (the same on RESP2 and RESP3).
   *
   * @returns
   * - The result of union when 'WITHSCORES' is not used.
   * - The result of union when 'WITHSCORES' is used.
   * @since 6.2.0
   */
  zunionWithScores: command<[key: RedisKey[], options?: ZunionWithScoresOptions], ScoredMember[]>(
    ['ZUNION'],
    '6.2.0',
    [['n', 'numkeys', '', 0], ['v', 'key', '', 2], ['v', 'WEIGHTS', 'WEIGHTS', 3], ['o', 'AGGREGATE', 'AGGREGATE', 1, [['t', 'SUM', 'SUM', 0], ['t', 'MIN', 'MIN', 0], ['t', 'MAX', 'MAX', 0]]], ['t', 'WITHSCORES', 'WITHSCORES', 0]],
    toScoredMembers,
  ),
  /**
   * Stores the union of multiple sorted sets in a key.
   *
   * `ZUNIONSTORE` · group sorted_set · since 2.0.0.
   * Complexity: O(N)+O(M log(M)) with N being the sum of the sizes of the input sorted sets, and M being the number of elements in the resulting sorted set.
   *
   * @returns
   * - The number of elements in the resulting sorted set.
   * @since 2.0.0
   */
  zunionstore: command<[destination: RedisKey, key: RedisKey[], options?: ZunionstoreOptions], number>(
    ['ZUNIONSTORE'],
    '2.0.0',
    [['v', 'destination', '', 0], ['n', 'numkeys', '', 0], ['v', 'key', '', 2], ['v', 'WEIGHTS', 'WEIGHTS', 3], ['o', 'AGGREGATE', 'AGGREGATE', 1, [['t', 'SUM', 'SUM', 0], ['t', 'MIN', 'MIN', 0], ['t', 'MAX', 'MAX', 0]]]],
    'n',
  ),
};
