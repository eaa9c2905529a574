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

/** Options of {@link listCommands}. */
export interface LposOptions {
  RANK?: number;
  COUNT?: number;
  MAXLEN?: number;
}

/** Commands of the list group. */
export const listCommands = {
  /**
   * Pops an element from a list, pushes it to another list and returns it. Blocks until an element is available otherwise. Deletes the list if the last element was moved.
   *
   * `BLMOVE` · group list · since 6.2.0.
   * Complexity: O(1)
   *
   * @returns
   * - The popped element.
   * - Operation timed-out
   * @since 6.2.0
   */
  blmove: command<[source: RedisKey, destination: RedisKey, wherefrom: 'LEFT' | 'RIGHT', whereto: 'LEFT' | 'RIGHT', timeout: number], string | null>(
    ['BLMOVE'],
    '6.2.0',
    [['v', 'source', '', 0], ['v', 'destination', '', 0], ['o', 'wherefrom', '', 0, [['t', 'LEFT', 'LEFT', 0], ['t', 'RIGHT', 'RIGHT', 0]]], ['o', 'whereto', '', 0, [['t', 'LEFT', 'LEFT', 0], ['t', 'RIGHT', 'RIGHT', 0]]], ['v', 'timeout', '', 0]],
    's',
  ),
  /**
   * Pops the first element from one of multiple lists. Blocks until an element is available otherwise. Deletes the list if the last element was popped.
   *
   * `BLMPOP` · group list · since 7.0.0.
   * Complexity: O(N+M) where N is the number of provided keys and M is the number of elements returned.
   *
   * @returns
   * - Operation timed-out
   * - The key from which elements were popped and the popped elements
   * @since 7.0.0
   */
  blmpop: command<[timeout: number, key: RedisKey[], where: 'LEFT' | 'RIGHT', count?: number], null | [string, string[]]>(
    ['BLMPOP'],
    '7.0.0',
    [['v', 'timeout', '', 0], ['n', 'numkeys', '', 0], ['v', 'key', '', 2], ['o', 'where', '', 0, [['t', 'LEFT', 'LEFT', 0], ['t', 'RIGHT', 'RIGHT', 0]]], ['v', 'COUNT', 'COUNT', 1]],
    ['t', ['s', ['a', 's', 1]], 'r'],
  ),
  /**
   * Removes and returns the first element in a list. Blocks until an element is available otherwise. Deletes the list if the last element was popped.
   *
   * `BLPOP` · group list · since 2.0.0.
   * Complexity: O(N) where N is the number of provided keys.
   *
   * @returns
   * - No element could be popped and timeout expired
   * - The key from which the element was popped and the value of the popped element
   * @since 2.0.0
   */
  blpop: command<[key: RedisKey[], timeout: number], null | [string, string]>(
    ['BLPOP'],
    '2.0.0',
    [['v', 'key', '', 2], ['v', 'timeout', '', 0]],
    ['t', ['s', 's'], 'r'],
  ),
  /**
   * Removes and returns the last element in a list. Blocks until an element is available otherwise. Deletes the list if the last element was popped.
   *
   * `BRPOP` · group list · since 2.0.0.
   * Complexity: O(N) where N is the number of provided keys.
   *
   * @returns
   * - No element could be popped and the timeout expired.
   * @since 2.0.0
   */
  brpop: command<[key: RedisKey[], timeout: number], null | [string, string]>(
    ['BRPOP'],
    '2.0.0',
    [['v', 'key', '', 2], ['v', 'timeout', '', 0]],
    ['t', ['s', 's'], 'r'],
  ),
  /**
   * Pops an element from a list, pushes it to another list and returns it. Block until an element is available otherwise. Deletes the list if the last element was popped.
   *
   * `BRPOPLPUSH` · group list · since 2.2.0.
   * Complexity: O(1)
   *
   * @returns
   * - The element being popped from source and pushed to destination.
   * - Timeout is reached.
   *
   * @deprecated since 6.2.0. Use `BLMOVE` with the `RIGHT` and `LEFT` arguments instead.
   * @since 2.2.0
   */
  brpoplpush: command<[source: RedisKey, destination: RedisKey, timeout: number], string | null>(
    ['BRPOPLPUSH'],
    '2.2.0',
    [['v', 'source', '', 0], ['v', 'destination', '', 0], ['v', 'timeout', '', 0]],
    's',
  ),
  /**
   * Returns an element from a list by its index.
   *
   * `LINDEX` · group list · since 1.0.0.
   * Complexity: O(N) where N is the number of elements to traverse to get to the element at index. This makes asking for the first or the last element of the list O(1).
   *
   * @returns
   * - Index is out of range
   * - The requested element
   * @since 1.0.0
   */
  lindex: command<[key: RedisKey, index: number], null | string>(
    ['LINDEX'],
    '1.0.0',
    [['v', 'key', '', 0], ['v', 'index', '', 0]],
    's',
  ),
  /**
   * Inserts an element before or after another element in a list.
   *
   * `LINSERT` · group list · since 2.2.0.
   * Complexity: O(N) where N is the number of elements to traverse before seeing the value pivot. This means that inserting somewhere on the left end on the list (head) can be considered O(1) and inserting somewhere on the right end (tail) is O(N).
   *
   * @returns
   * - List length after a successful insert operation.
   * - In case key doesn't exist.
   * - When the pivot wasn't found.
   * @since 2.2.0
   */
  linsert: command<[key: RedisKey, where: 'BEFORE' | 'AFTER', pivot: RedisValue, element: RedisValue], number | 0 | -1>(
    ['LINSERT'],
    '2.2.0',
    [['v', 'key', '', 0], ['o', 'where', '', 0, [['t', 'BEFORE', 'BEFORE', 0], ['t', 'AFTER', 'AFTER', 0]]], ['v', 'pivot', '', 0], ['v', 'element', '', 0]],
    'n',
  ),
  /**
   * Returns the length of a list.
   *
   * `LLEN` · group list · since 1.0.0.
   * Complexity: O(1)
   *
   * @returns
   * - List length.
   * @since 1.0.0
   */
  llen: command<[key: RedisKey], number>(
    ['LLEN'],
    '1.0.0',
    [['v', 'key', '', 0]],
    'n',
  ),
  /**
   * Returns an element after popping it from one list and pushing it to another. Deletes the list if the last element was moved.
   *
   * `LMOVE` · group list · since 6.2.0.
   * Complexity: O(1)
   *
   * @returns
   * - The element being popped and pushed.
   * @since 6.2.0
   */
  lmove: command<[source: RedisKey, destination: RedisKey, wherefrom: 'LEFT' | 'RIGHT', whereto: 'LEFT' | 'RIGHT'], string>(
    ['LMOVE'],
    '6.2.0',
    [['v', 'source', '', 0], ['v', 'destination', '', 0], ['o', 'wherefrom', '', 0, [['t', 'LEFT', 'LEFT', 0], ['t', 'RIGHT', 'RIGHT', 0]]], ['o', 'whereto', '', 0, [['t', 'LEFT', 'LEFT', 0], ['t', 'RIGHT', 'RIGHT', 0]]]],
    's',
  ),
  /**
   * Returns multiple elements from a list after removing them. Deletes the list if the last element was popped.
   *
   * `LMPOP` · group list · since 7.0.0.
   * Complexity: O(N+M) where N is the number of provided keys and M is the number of elements returned.
   *
   * @returns
   * - If no element could be popped.
   * - List key from which elements were popped.
   * @since 7.0.0
   */
  lmpop: command<[key: RedisKey[], where: 'LEFT' | 'RIGHT', count?: number], null | [string, string[]]>(
    ['LMPOP'],
    '7.0.0',
    [['n', 'numkeys', '', 0], ['v', 'key', '', 2], ['o', 'where', '', 0, [['t', 'LEFT', 'LEFT', 0], ['t', 'RIGHT', 'RIGHT', 0]]], ['v', 'COUNT', 'COUNT', 1]],
    ['t', ['s', ['a', 's', 1]], 'r'],
  ),
  /**
   * Returns the first elements in a list after removing it. Deletes the list if the last element was popped.
   *
   * `LPOP` · group list · since 1.0.0.
   * Complexity: O(N) where N is the number of elements returned
   *
   * @returns
   * - Key does not exist.
   * - In case `count` argument was not given, the value of the first element.
   * - In case `count` argument was given, a list of popped elements
   * @since 1.0.0
   */
  lpop: command<[key: RedisKey, count?: number], null | string | string[]>(
    ['LPOP'],
    '1.0.0',
    [['v', 'key', '', 0], ['v', 'count', '', 1]],
    ['u', ['s', ['a', 's', 1]]],
  ),
  /**
   * Returns the index of matching elements in a list.
   *
   * `LPOS` · group list · since 6.0.6.
   * Complexity: O(N) where N is the number of elements in the list, for the average case. When searching for elements near the head or the tail of the list, or when the MAXLEN option is provided, the command may run in constant time.
   *
   * @returns
   * - In case there is no matching element
   * - An integer representing the matching element
   * - If the COUNT option is given, an array of integers representing the matching elements (empty if there are no matches)
   * @since 6.0.6
   */
  lpos: command<[key: RedisKey, element: RedisValue, options?: LposOptions], null | number | number[]>(
    ['LPOS'],
    '6.0.6',
    [['v', 'key', '', 0], ['v', 'element', '', 0], ['v', 'RANK', 'RANK', 1], ['v', 'COUNT', 'COUNT', 1], ['v', 'MAXLEN', 'MAXLEN', 1]],
    ['u', ['n', ['a', 'n', 1]]],
  ),
  /**
   * Prepends one or more elements to a list. Creates the key if it doesn't exist.
   *
   * `LPUSH` · group list · since 1.0.0.
   * Complexity: O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.
   *
   * @returns
   * - Length of the list after the push operations.
   * @since 1.0.0
   */
  lpush: command<[key: RedisKey, ...element: RedisValue[]], number>(
    ['LPUSH'],
    '1.0.0',
    [['v', 'key', '', 0], ['v', 'element', '', 2]],
    'n',
  ),
  /**
   * Prepends one or more elements to a list only when the list exists.
   *
   * `LPUSHX` · group list · since 2.2.0.
   * Complexity: O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.
   *
   * @returns
   * - The length of the list after the push operation.
   * @since 2.2.0
   */
  lpushx: command<[key: RedisKey, ...element: RedisValue[]], number>(
    ['LPUSHX'],
    '2.2.0',
    [['v', 'key', '', 0], ['v', 'element', '', 2]],
    'n',
  ),
  /**
   * Returns a range of elements from a list.
   *
   * `LRANGE` · group list · since 1.0.0.
   * Complexity: O(S+N) where S is the distance of start offset from HEAD for small lists, from nearest end (HEAD or TAIL) for large lists; and N is the number of elements in the specified range.
   *
   * @returns
   * - List of elements in the specified range
   * @since 1.0.0
   */
  lrange: command<[key: RedisKey, start: number, stop: number], string[]>(
    ['LRANGE'],
    '1.0.0',
    [['v', 'key', '', 0], ['v', 'start', '', 0], ['v', 'stop', '', 0]],
    ['a', 's', 1],
  ),
  /**
   * Removes elements from a list. Deletes the list if the last element was removed.
   *
   * `LREM` · group list · since 1.0.0.
   * Complexity: O(N+M) where N is the length of the list and M is the number of elements removed.
   *
   * @returns
   * - The number of removed elements.
   * @since 1.0.0
   */
  lrem: command<[key: RedisKey, count: number, element: RedisValue], number>(
    ['LREM'],
    '1.0.0',
    [['v', 'key', '', 0], ['v', 'count', '', 0], ['v', 'element', '', 0]],
    'n',
  ),
  /**
   * Sets the value of an element in a list by its index.
   *
   * `LSET` · group list · since 1.0.0.
   * Complexity: O(N) where N is the length of the list. Setting either the first or the last element of the list is O(1).
   *
   * @returns 'OK'
   * @since 1.0.0
   */
  lset: command<[key: RedisKey, index: number, element: RedisValue], 'OK'>(
    ['LSET'],
    '1.0.0',
    [['v', 'key', '', 0], ['v', 'index', '', 0], ['v', 'element', '', 0]],
    'r',
  ),
  /**
   * Removes elements from both ends a list. Deletes the list if all elements were trimmed.
   *
   * `LTRIM` · group list · since 1.0.0.
   * Complexity: O(N) where N is the number of elements to be removed by the operation.
   *
   * @returns 'OK'
   * @since 1.0.0
   */
  ltrim: command<[key: RedisKey, start: number, stop: number], 'OK'>(
    ['LTRIM'],
    '1.0.0',
    [['v', 'key', '', 0], ['v', 'start', '', 0], ['v', 'stop', '', 0]],
    'r',
  ),
  /**
   * Returns and removes the last elements of a list. Deletes the list if the last element was popped.
   *
   * `RPOP` · group list · since 1.0.0.
   * Complexity: O(N) where N is the number of elements returned
   *
   * @returns
   * - Key does not exist.
   * - When 'COUNT' was not given, the value of the last element.
   * - When 'COUNT' was given, list of popped elements.
   * @since 1.0.0
   */
  rpop: command<[key: RedisKey, count?: number], null | string | string[]>(
    ['RPOP'],
    '1.0.0',
    [['v', 'key', '', 0], ['v', 'count', '', 1]],
    ['u', ['s', ['a', 's', 1]]],
  ),
  /**
   * Returns the last element of a list after removing and pushing it to another list. Deletes the list if the last element was popped.
   *
   * `RPOPLPUSH` · group list · since 1.2.0.
   * Complexity: O(1)
   *
   * @returns
   * - The element being popped and pushed.
   * - Source list is empty.
   *
   * @deprecated since 6.2.0. Use `LMOVE` with the `RIGHT` and `LEFT` arguments instead.
   * @since 1.2.0
   */
  rpoplpush: command<[source: RedisKey, destination: RedisKey], string | null>(
    ['RPOPLPUSH'],
    '1.2.0',
    [['v', 'source', '', 0], ['v', 'destination', '', 0]],
    's',
  ),
  /**
   * Appends one or more elements to a list. Creates the key if it doesn't exist.
   *
   * `RPUSH` · group list · since 1.0.0.
   * Complexity: O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.
   *
   * @returns
   * - Length of the list after the push operations.
   * @since 1.0.0
   */
  rpush: command<[key: RedisKey, ...element: RedisValue[]], number>(
    ['RPUSH'],
    '1.0.0',
    [['v', 'key', '', 0], ['v', 'element', '', 2]],
    'n',
  ),
  /**
   * Appends an element to a list only when the list exists.
   *
   * `RPUSHX` · group list · since 2.2.0.
   * Complexity: O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.
   *
   * @returns
   * - Length of the list after the push operation.
   * @since 2.2.0
   */
  rpushx: command<[key: RedisKey, ...element: RedisValue[]], number>(
    ['RPUSHX'],
    '2.2.0',
    [['v', 'key', '', 0], ['v', 'element', '', 2]],
    'n',
  ),
};
