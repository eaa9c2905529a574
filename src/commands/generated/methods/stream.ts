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

/** Options of {@link streamCommands}. */
export interface XaddOptions {
  NOMKSTREAM?: boolean;
  trim?: { strategy: 'MAXLEN' | 'MINID'; operator?: '=' | '~'; threshold: RedisValue; LIMIT?: number };
}

/** Options of {@link streamCommands}. */
export interface XautoclaimOptions {
  COUNT?: number;
  JUSTID?: boolean;
}

/** Options of {@link streamCommands}. */
export interface XclaimOptions {
  IDLE?: number;
  TIME?: number;
  RETRYCOUNT?: number;
  FORCE?: boolean;
  JUSTID?: boolean;
  LASTID?: RedisValue;
}

/** Options of {@link streamCommands}. */
export interface XgroupCreateOptions {
  MKSTREAM?: boolean;
  ENTRIESREAD?: number;
}

/** Options of {@link streamCommands}. */
export interface XinfoStreamOptions {
  fullBlock?: { COUNT?: number };
}

/** Options of {@link streamCommands}. */
export interface XpendingOptions {
  filters?: { IDLE?: number; start: RedisValue; end: RedisValue; count: number; consumer?: RedisValue };
}

/** Options of {@link streamCommands}. */
export interface XreadOptions {
  COUNT?: number;
  BLOCK?: number;
}

/** Options of {@link streamCommands}. */
export interface XreadgroupOptions {
  COUNT?: number;
  BLOCK?: number;
  NOACK?: boolean;
}

/** Options of {@link streamCommands}. */
export interface XsetidOptions {
  ENTRIESADDED?: number;
  MAXDELETEDID?: RedisValue;
}

/** Commands of the stream group. */
export const streamCommands = {
  /**
   * Returns the number of messages that were successfully acknowledged by the consumer group member of a stream.
   *
   * `XACK` · group stream · since 5.0.0.
   * Complexity: O(1) for each message ID processed.
   *
   * @returns
   * - The command returns the number of messages successfully acknowledged. Certain message IDs may no longer be part of the PEL (for example because they have already been acknowledged), and XACK will not count them as successfully acknowledged.
   * @since 5.0.0
   */
  xack: command<[key: RedisKey, group: RedisValue, ...id: RedisValue[]], number>(
    ['XACK'],
    '5.0.0',
    [['v', 'key', '', 0], ['v', 'group', '', 0], ['v', 'id', '', 2]],
    'n',
  ),
  /**
   * Appends a new message to a stream. Creates the key if it doesn't exist.
   *
   * `XADD` · group stream · since 5.0.0.
   * Complexity: O(1) when adding a new entry, O(N) when trimming where N being the number of entries evicted.
   *
   * @returns
   * - The ID of the added entry. The ID is the one auto-generated if * is passed as ID argument, otherwise the command just returns the same ID specified by the user during insertion.
   * - The NOMKSTREAM option is given and the key doesn't exist.
   * @since 5.0.0
   */
  xadd: command<[key: RedisKey, idSelector: '*' | RedisValue, data: Array<{ field: RedisValue; value: RedisValue }>, options?: XaddOptions], string | null>(
    ['XADD'],
    '5.0.0',
    [['v', 'key', '', 0], ['t', 'NOMKSTREAM', 'NOMKSTREAM', 1], ['b', 'trim', '', 1, [['o', 'strategy', '', 0, [['t', 'MAXLEN', 'MAXLEN', 0], ['t', 'MINID', 'MINID', 0]]], ['o', 'operator', '', 1, [['t', 'equal', '=', 0], ['t', 'approximately', '~', 0]]], ['v', 'threshold', '', 0], ['v', 'LIMIT', 'LIMIT', 1]]], ['o', 'idSelector', '', 0, [['t', 'autoId', '*', 0], ['v', 'id', '', 0]]], ['b', 'data', '', 2, [['v', 'field', '', 0], ['v', 'value', '', 0]]]],
    's',
  ),
  /**
   * Changes, or acquires, ownership of messages in a consumer group, as if the messages were delivered to as consumer group member.
   *
   * `XAUTOCLAIM` · group stream · since 6.2.0.
   * Complexity: O(1) if COUNT is small.
   *
   * @returns
   * - Claimed stream entries (with data, if `JUSTID` was not given).
   * - Claimed stream entries (without data, if `JUSTID` was given).
   * @since 6.2.0
   */
  xautoclaim: command<[key: RedisKey, group: RedisValue, consumer: RedisValue, minIdleTime: RedisValue, start: RedisValue, options?: XautoclaimOptions], [string, [string, string[]][], string[]] | [string, string[], string[]]>(
    ['XAUTOCLAIM'],
    '6.2.0',
    [['v', 'key', '', 0], ['v', 'group', '', 0], ['v', 'consumer', '', 0], ['v', 'minIdleTime', '', 0], ['v', 'start', '', 0], ['v', 'COUNT', 'COUNT', 1], ['t', 'JUSTID', 'JUSTID', 1]],
    ['u', [['t', ['s', ['a', ['t', ['s', ['a', 's', 1]], 'r'], 2], ['a', 's', 1]], 'r'], ['t', ['s', ['a', 's', 1], ['a', 's', 1]], 'r']]],
  ),
  /**
   * Changes, or acquires, ownership of a message in a consumer group, as if the message was delivered a consumer group member.
   *
   * `XCLAIM` · group stream · since 5.0.0.
   * Complexity: O(log N) with N being the number of messages in the PEL of the consumer group.
   *
   * @returns
   * - If JUSTID option is specified, return just an array of IDs of messages successfully claimed.
   * - Array of stream entries that contains each entry as an array of 2 elements, the Entry ID and the entry data itself.
   * @since 5.0.0
   */
  xclaim: command<[key: RedisKey, group: RedisValue, consumer: RedisValue, minIdleTime: RedisValue, id: RedisValue[], options?: XclaimOptions], string[] | [string, string[]][]>(
    ['XCLAIM'],
    '5.0.0',
    [['v', 'key', '', 0], ['v', 'group', '', 0], ['v', 'consumer', '', 0], ['v', 'minIdleTime', '', 0], ['v', 'id', '', 2], ['v', 'IDLE', 'IDLE', 1], ['v', 'TIME', 'TIME', 1], ['v', 'RETRYCOUNT', 'RETRYCOUNT', 1], ['t', 'FORCE', 'FORCE', 1], ['t', 'JUSTID', 'JUSTID', 1], ['v', 'LASTID', 'LASTID', 1]],
    ['u', [['a', 's', 1], ['a', ['t', ['s', ['a', 's', 1]], 'r'], 2]]],
  ),
  /**
   * Returns the number of messages after removing them from a stream.
   *
   * `XDEL` · group stream · since 5.0.0.
   * Complexity: O(1) for each single item to delete in the stream, regardless of the stream size.
   *
   * @returns
   * - The number of entries actually deleted
   * @since 5.0.0
   */
  xdel: command<[key: RedisKey, ...id: RedisValue[]], number>(
    ['XDEL'],
    '5.0.0',
    [['v', 'key', '', 0], ['v', 'id', '', 2]],
    'n',
  ),
  /**
   * Creates a consumer group.
   *
   * `XGROUP CREATE` · group stream · since 5.0.0.
   * Complexity: O(1)
   *
   * @returns 'OK'
   * @since 5.0.0
   */
  xgroupCreate: command<[key: RedisKey, group: RedisValue, idSelector: RedisValue | '$', options?: XgroupCreateOptions], 'OK'>(
    ['XGROUP', 'CREATE'],
    '5.0.0',
    [['v', 'key', '', 0], ['v', 'group', '', 0], ['o', 'idSelector', '', 0, [['v', 'id', '', 0], ['t', 'newId', '$', 0]]], ['t', 'MKSTREAM', 'MKSTREAM', 1], ['v', 'ENTRIESREAD', 'ENTRIESREAD', 1]],
    'r',
  ),
  /**
   * Creates a consumer in a consumer group.
   *
   * `XGROUP CREATECONSUMER` · group stream · since 6.2.0.
   * Complexity: O(1)
   *
   * @returns 1 | 0
   * @since 6.2.0
   */
  xgroupCreateconsumer: command<[key: RedisKey, group: RedisValue, consumer: RedisValue], 1 | 0>(
    ['XGROUP', 'CREATECONSUMER'],
    '6.2.0',
    [['v', 'key', '', 0], ['v', 'group', '', 0], ['v', 'consumer', '', 0]],
    'n',
  ),
  /**
   * Deletes a consumer from a consumer group.
   *
   * `XGROUP DELCONSUMER` · group stream · since 5.0.0.
   * Complexity: O(1)
   *
   * @returns
   * - The number of pending messages that were yet associated with such a consumer
   * @since 5.0.0
   */
  xgroupDelconsumer: command<[key: RedisKey, group: RedisValue, consumer: RedisValue], number>(
    ['XGROUP', 'DELCONSUMER'],
    '5.0.0',
    [['v', 'key', '', 0], ['v', 'group', '', 0], ['v', 'consumer', '', 0]],
    'n',
  ),
  /**
   * Destroys a consumer group.
   *
   * `XGROUP DESTROY` · group stream · since 5.0.0.
   * Complexity: O(N) where N is the number of entries in the group's pending entries list (PEL).
   *
   * @returns 1 | 0
   * @since 5.0.0
   */
  xgroupDestroy: command<[key: RedisKey, group: RedisValue], 1 | 0>(
    ['XGROUP', 'DESTROY'],
    '5.0.0',
    [['v', 'key', '', 0], ['v', 'group', '', 0]],
    'n',
  ),
  /**
   * Returns helpful text about the different subcommands.
   *
   * `XGROUP HELP` · group stream · since 5.0.0.
   * Complexity: O(1)
   *
   * @returns
   * - Helpful text about subcommands.
   * @since 5.0.0
   */
  xgroupHelp: command<[], string[]>(
    ['XGROUP', 'HELP'],
    '5.0.0',
    [],
    ['a', 's', 1],
  ),
  /**
   * Sets the last-delivered ID of a consumer group.
   *
   * `XGROUP SETID` · group stream · since 5.0.0.
   * Complexity: O(1)
   *
   * @returns 'OK'
   * @since 5.0.0
   */
  xgroupSetid: command<[key: RedisKey, group: RedisValue, idSelector: RedisValue | '$', entriesread?: number], 'OK'>(
    ['XGROUP', 'SETID'],
    '5.0.0',
    [['v', 'key', '', 0], ['v', 'group', '', 0], ['o', 'idSelector', '', 0, [['v', 'id', '', 0], ['t', 'newId', '$', 0]]], ['v', 'ENTRIESREAD', 'ENTRIESREAD', 1]],
    'r',
  ),
  /**
   * Returns a list of the consumers in a consumer group.
   *
   * `XINFO CONSUMERS` · group stream · since 5.0.0.
   * Complexity: O(1)
   *
   * @returns
   * - Array list of consumers
   * @since 5.0.0
   */
  xinfoConsumers: command<[key: RedisKey, group: RedisValue], { name?: string; pending?: number; idle?: number; inactive?: number }[]>(
    ['XINFO', 'CONSUMERS'],
    '5.0.0',
    [['v', 'key', '', 0], ['v', 'group', '', 0]],
    ['a', ['o', { name: 's', pending: 'n', idle: 'n', inactive: 'n' }, 'r'], 1],
  ),
  /**
   * Returns a list of the consumer groups of a stream.
   *
   * `XINFO GROUPS` · group stream · since 5.0.0.
   * Complexity: O(1)
   *
   * @returns { name?: string; consumers?: number; pending?: number; 'last-delivered-id'?: string; 'entries-read'?: null | number; lag?: null | number }[]
   * @since 5.0.0
   */
  xinfoGroups: command<[key: RedisKey], { name?: string; consumers?: number; pending?: number; 'last-delivered-id'?: string; 'entries-read'?: null | number; lag?: null | number }[]>(
    ['XINFO', 'GROUPS'],
    '5.0.0',
    [['v', 'key', '', 0]],
    ['a', ['o', { name: 's', consumers: 'n', pending: 'n', 'last-delivered-id': 's', 'entries-read': 'n', lag: 'n' }, 'r'], 1],
  ),
  /**
   * Returns helpful text about the different subcommands.
   *
   * `XINFO HELP` · group stream · since 5.0.0.
   * Complexity: O(1)
   *
   * @returns
   * - Helpful text about subcommands.
   * @since 5.0.0
   */
  xinfoHelp: command<[], string[]>(
    ['XINFO', 'HELP'],
    '5.0.0',
    [],
    ['a', 's', 1],
  ),
  /**
   * Returns information about a stream.
   *
   * `XINFO STREAM` · group stream · since 5.0.0.
   * Complexity: O(1)
   *
   * @returns
   * - Summary form, in case `FULL` was not given.
   * - Extended form, in case `FULL` was given.
   * @since 5.0.0
   */
  xinfoStream: command<[key: RedisKey, options?: XinfoStreamOptions], { length?: number; 'radix-tree-keys'?: number; 'radix-tree-nodes'?: number; 'last-generated-id'?: string; 'max-deleted-entry-id'?: string; 'recorded-first-entry-id'?: string; 'entries-added'?: number; groups?: number; 'first-entry'?: null | [string, string[]]; 'last-entry'?: null | [string, string[]] } | { length?: number; 'radix-tree-keys'?: number; 'radix-tree-nodes'?: number; 'last-generated-id'?: string; 'max-deleted-entry-id'?: string; 'recorded-first-entry-id'?: string; 'entries-added'?: number; entries?: [string, string[]][]; groups?: { name?: string; 'last-delivered-id'?: string; 'entries-read'?: null | number; lag?: null | number; 'pel-count'?: number; pending?: [string, string, number, number][]; consumers?: { 'active-time'?: number; name?: string; 'seen-time'?: number; 'pel-count'?: number; pending?: [string, number, number][] }[] }[] }>(
    ['XINFO', 'STREAM'],
    '5.0.0',
    [['v', 'key', '', 0], ['b', 'fullBlock', '', 1, [['t', 'FULL', 'FULL', 0], ['v', 'COUNT', 'COUNT', 1]]]],
    ['u', [['o', { length: 'n', 'radix-tree-keys': 'n', 'radix-tree-nodes': 'n', 'last-generated-id': 's', 'max-deleted-entry-id': 's', 'recorded-first-entry-id': 's', 'entries-added': 'n', groups: 'n', 'first-entry': ['t', ['s', ['a', 's', 1]], 'r'], 'last-entry': ['t', ['s', ['a', 's', 1]], 'r'] }, 'r'], ['o', { length: 'n', 'radix-tree-keys': 'n', 'radix-tree-nodes': 'n', 'last-generated-id': 's', 'max-deleted-entry-id': 's', 'recorded-first-entry-id': 's', 'entries-added': 'n', entries: ['a', ['t', ['s', ['a', 's', 1]], 'r'], 2], groups: ['a', ['o', { name: 's', 'last-delivered-id': 's', 'entries-read': 'n', lag: 'n', 'pel-count': 'n', pending: ['a', ['t', ['s', 's', 'n', 'n'], 'r'], 4], consumers: ['a', ['o', { 'active-time': 'n', name: 's', 'seen-time': 'n', 'pel-count': 'n', pending: ['a', ['t', ['s', 'n', 'n'], 'r'], 3] }, 'r'], 1] }, 'r'], 1] }, 'r']]],
  ),
  /**
   * Return the number of messages in a stream.
   *
   * `XLEN` · group stream · since 5.0.0.
   * Complexity: O(1)
   *
   * @returns
   * - The number of entries of the stream at key
   * @since 5.0.0
   */
  xlen: command<[key: RedisKey], number>(
    ['XLEN'],
    '5.0.0',
    [['v', 'key', '', 0]],
    'n',
  ),
  /**
   * Returns the information and entries from a stream consumer group's pending entries list.
   *
   * `XPENDING` · group stream · since 5.0.0.
   * Complexity: O(N) with N being the number of elements returned, so asking for a small fixed number of entries per call is O(1). O(M), where M is the total number of entries scanned when used with the IDLE filter. When the command returns just the summary and the list of consumers is small, it runs in O(1) time; otherwise, an additional O(N) time for iterating every consumer.
   *
   * @returns
   * - Extended form, in case `start` was given.
   * - Summary form, in case `start` was not given.
   * @since 5.0.0
   */
  xpending: command<[key: RedisKey, group: RedisValue, options?: XpendingOptions], [string, string, number, number][] | [number, string, string, [string, string][]]>(
    ['XPENDING'],
    '5.0.0',
    [['v', 'key', '', 0], ['v', 'group', '', 0], ['b', 'filters', '', 1, [['v', 'IDLE', 'IDLE', 1], ['v', 'start', '', 0], ['v', 'end', '', 0], ['v', 'count', '', 0], ['v', 'consumer', '', 1]]]],
    ['u', [['a', ['t', ['s', 's', 'n', 'n'], 'r'], 4], ['t', ['n', 's', 's', ['a', ['t', ['s', 's'], 'r'], 2]], 'r']]],
  ),
  /**
   * Returns the messages from a stream within a range of IDs.
   *
   * `XRANGE` · group stream · since 5.0.0.
   * Complexity: O(N) with N being the number of elements being returned. If N is constant (e.g. always asking for the first 10 elements with COUNT), you can consider it O(1).
   *
   * @returns
   * - Stream entries with IDs matching the specified range.
   * @since 5.0.0
   */
  xrange: command<[key: RedisKey, start: RedisValue, end: RedisValue, count?: number], [string, string[]][]>(
    ['XRANGE'],
    '5.0.0',
    [['v', 'key', '', 0], ['v', 'start', '', 0], ['v', 'end', '', 0], ['v', 'COUNT', 'COUNT', 1]],
    ['a', ['t', ['s', ['a', 's', 1]], 'r'], 2],
  ),
  /**
   * Returns messages from multiple streams with IDs greater than the ones requested. Blocks until a message is available otherwise.
   *
   * `XREAD` · group stream · since 5.0.0.
   *
   * @returns
   * - A map of key-value elements when each element composed of key name and the entries reported for that key.
   * - If BLOCK option is given, and a timeout occurs, or there is no stream we can serve.
   * @since 5.0.0
   */
  xread: command<[streams: { key: RedisKey[]; id: RedisValue[] }, options?: XreadOptions], Record<string, [string, string[]][]> | null>(
    ['XREAD'],
    '5.0.0',
    [['v', 'COUNT', 'COUNT', 1], ['v', 'BLOCK', 'BLOCK', 1], ['b', 'STREAMS', 'STREAMS', 0, [['v', 'key', '', 2], ['v', 'id', '', 2]]]],
    ['m', ['a', ['t', ['s', ['a', 's', 1]], 'r'], 2]],
  ),
  /**
   * Returns new or historical messages from a stream for a consumer in a group. Blocks until a message is available otherwise.
   *
   * `XREADGROUP` · group stream · since 5.0.0.
   * Complexity: For each stream mentioned: O(M) with M being the number of elements returned. If M is constant (e.g. always asking for the first 10 elements with COUNT), you can consider it O(1). On the other side when XREADGROUP blocks, XADD will pay the O(N) time in order to serve the N clients blocked on the stream getting new data.
   *
   * @returns
   * - If BLOCK option is specified and the timeout expired
   * - A map of key-value elements when each element composed of key name and the entries reported for that key
   * @since 5.0.0
   */
  xreadgroup: command<[groupBlock: { group: RedisValue; consumer: RedisValue }, streams: { key: RedisKey[]; id: RedisValue[] }, options?: XreadgroupOptions], null | Record<string, [string, string[] | null][]>>(
    ['XREADGROUP'],
    '5.0.0',
    [['b', 'GROUP', 'GROUP', 0, [['v', 'group', '', 0], ['v', 'consumer', '', 0]]], ['v', 'COUNT', 'COUNT', 1], ['v', 'BLOCK', 'BLOCK', 1], ['t', 'NOACK', 'NOACK', 1], ['b', 'STREAMS', 'STREAMS', 0, [['v', 'key', '', 2], ['v', 'id', '', 2]]]],
    ['m', ['a', ['t', ['s', ['a', 's', 1]], 'r'], 2]],
  ),
  /**
   * Returns the messages from a stream within a range of IDs in reverse order.
   *
   * `XREVRANGE` · group stream · since 5.0.0.
   * Complexity: O(N) with N being the number of elements returned. If N is constant (e.g. always asking for the first 10 elements with COUNT), you can consider it O(1).
   *
   * @returns
   * - An array of the entries with IDs matching the specified range
   * @since 5.0.0
   */
  xrevrange: command<[key: RedisKey, end: RedisValue, start: RedisValue, count?: number], [string, string[]][]>(
    ['XREVRANGE'],
    '5.0.0',
    [['v', 'key', '', 0], ['v', 'end', '', 0], ['v', 'start', '', 0], ['v', 'COUNT', 'COUNT', 1]],
    ['a', ['t', ['s', ['a', 's', 1]], 'r'], 2],
  ),
  /**
   * An internal command for replicating stream values.
   *
   * `XSETID` · group stream · since 5.0.0.
   * Complexity: O(1)
   *
   * @returns 'OK'
   * @since 5.0.0
   */
  xsetid: command<[key: RedisKey, lastId: RedisValue, options?: XsetidOptions], 'OK'>(
    ['XSETID'],
    '5.0.0',
    [['v', 'key', '', 0], ['v', 'lastId', '', 0], ['v', 'ENTRIESADDED', 'ENTRIESADDED', 1], ['v', 'MAXDELETEDID', 'MAXDELETEDID', 1]],
    'r',
  ),
  /**
   * Deletes messages from the beginning of a stream.
   *
   * `XTRIM` · group stream · since 5.0.0.
   * Complexity: O(N), with N being the number of evicted entries. Constant times are very small however, since entries are organized in macro nodes containing multiple entries that can be released with a single deallocation.
   *
   * @returns
   * - The number of entries deleted from the stream.
   * @since 5.0.0
   */
  xtrim: command<[key: RedisKey, trim: { strategy: 'MAXLEN' | 'MINID'; operator?: '=' | '~'; threshold: RedisValue; LIMIT?: number }], number>(
    ['XTRIM'],
    '5.0.0',
    [['v', 'key', '', 0], ['b', 'trim', '', 0, [['o', 'strategy', '', 0, [['t', 'MAXLEN', 'MAXLEN', 0], ['t', 'MINID', 'MINID', 0]]], ['o', 'operator', '', 1, [['t', 'equal', '=', 0], ['t', 'approximately', '~', 0]]], ['v', 'threshold', '', 0], ['v', 'LIMIT', 'LIMIT', 1]]]],
    'n',
  ),
};
