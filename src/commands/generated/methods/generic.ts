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

/** Options of {@link genericCommands}. */
export interface CopyOptions {
  DB?: number;
  REPLACE?: boolean;
}

/** Options of {@link genericCommands}. */
export interface MigrateOptions {
  COPY?: boolean;
  REPLACE?: boolean;
  authentication?: { AUTH: RedisValue } | { AUTH2: { username: RedisValue; password: RedisValue } };
  KEYS?: RedisKey[];
}

/** Options of {@link genericCommands}. */
export interface RestoreOptions {
  REPLACE?: boolean;
  ABSTTL?: boolean;
  IDLETIME?: number;
  FREQ?: number;
}

/** Options of {@link genericCommands}. */
export interface ScanOptions {
  MATCH?: RedisValue;
  COUNT?: number;
  TYPE?: RedisValue;
}

/** Options of {@link genericCommands}. */
export interface SortOptions {
  BY?: RedisValue;
  LIMIT?: { offset: number; count: number };
  GET?: RedisValue[];
  order?: 'ASC' | 'DESC';
  ALPHA?: boolean;
  STORE?: RedisKey;
}

/** Options of {@link genericCommands}. */
export interface SortRoOptions {
  BY?: RedisValue;
  LIMIT?: { offset: number; count: number };
  GET?: RedisValue[];
  order?: 'ASC' | 'DESC';
  ALPHA?: boolean;
}

/** Commands of the generic group. */
export const genericCommands = {
  /**
   * Copies the value of a key to a new key.
   *
   * `COPY` · group generic · since 6.2.0.
   * Complexity: O(N) worst case for collections, where N is the number of nested items. O(1) for string values.
   *
   * @returns
   * - Source was copied.
   * - Source was not copied.
   * @since 6.2.0
   */
  copy: command<[source: RedisKey, destination: RedisKey, options?: CopyOptions], 1 | 0>(
    ['COPY'],
    '6.2.0',
    [['v', 'source', '', 0], ['v', 'destination', '', 0], ['v', 'DB', 'DB', 1], ['t', 'REPLACE', 'REPLACE', 1]],
    'n',
  ),
  /**
   * Deletes one or more keys.
   *
   * `DEL` · group generic · since 1.0.0.
   * Complexity: O(N) where N is the number of keys that will be removed. When a key to remove holds a value other than a string, the individual complexity for this key is O(M) where M is the number of elements in the list, set, sorted set or hash. Removing a single key that holds a string value is O(1).
   *
   * @returns
   * - The number of keys that were removed.
   * @since 1.0.0
   */
  del: command<[...key: RedisKey[]], number>(
    ['DEL'],
    '1.0.0',
    [['v', 'key', '', 2]],
    'n',
  ),
  /**
   * Returns a serialized representation of the value stored at a key.
   *
   * `DUMP` · group generic · since 2.6.0.
   * Complexity: O(1) to access the key and additional O(N*M) to serialize it, where N is the number of objects composing the value and M their average size. For small string values the time complexity is thus O(1)+O(1*M) where M is small, so simply O(1).
   *
   * @returns
   * - The serialized value.
   * - Key does not exist.
   * @since 2.6.0
   */
  dump: command<[key: RedisKey], string | null>(
    ['DUMP'],
    '2.6.0',
    [['v', 'key', '', 0]],
    's',
  ),
  /**
   * Determines whether one or more keys exist.
   *
   * `EXISTS` · group generic · since 1.0.0.
   * Complexity: O(N) where N is the number of keys to check.
   *
   * @returns
   * - Number of keys that exist from those specified as arguments.
   * @since 1.0.0
   */
  exists: command<[...key: RedisKey[]], number>(
    ['EXISTS'],
    '1.0.0',
    [['v', 'key', '', 2]],
    'n',
  ),
  /**
   * Sets the expiration time of a key in seconds.
   *
   * `EXPIRE` · group generic · since 1.0.0.
   * Complexity: O(1)
   *
   * @returns
   * - The timeout was not set. e.g. key doesn't exist, or operation skipped due to the provided arguments.
   * - The timeout was set.
   * @since 1.0.0
   */
  expire: command<[key: RedisKey, seconds: number, condition?: 'NX' | 'XX' | 'GT' | 'LT'], 0 | 1>(
    ['EXPIRE'],
    '1.0.0',
    [['v', 'key', '', 0], ['v', 'seconds', '', 0], ['o', 'condition', '', 1, [['t', 'NX', 'NX', 0], ['t', 'XX', 'XX', 0], ['t', 'GT', 'GT', 0], ['t', 'LT', 'LT', 0]]]],
    'n',
  ),
  /**
   * Sets the expiration time of a key to a Unix timestamp.
   *
   * `EXPIREAT` · group generic · since 1.2.0.
   * Complexity: O(1)
   *
   * @returns
   * - The timeout was set.
   * - The timeout was not set. e.g. key doesn't exist, or operation skipped due to the provided arguments.
   * @since 1.2.0
   */
  expireat: command<[key: RedisKey, unixTimeSeconds: number, condition?: 'NX' | 'XX' | 'GT' | 'LT'], 1 | 0>(
    ['EXPIREAT'],
    '1.2.0',
    [['v', 'key', '', 0], ['v', 'unixTimeSeconds', '', 0], ['o', 'condition', '', 1, [['t', 'NX', 'NX', 0], ['t', 'XX', 'XX', 0], ['t', 'GT', 'GT', 0], ['t', 'LT', 'LT', 0]]]],
    'n',
  ),
  /**
   * Returns the expiration time of a key as a Unix timestamp.
   *
   * `EXPIRETIME` · group generic · since 7.0.0.
   * Complexity: O(1)
   *
   * @returns
   * - Expiration Unix timestamp in seconds.
   * - The key exists but has no associated expiration time.
   * - The key does not exist.
   * @since 7.0.0
   */
  expiretime: command<[key: RedisKey], number | -1 | -2>(
    ['EXPIRETIME'],
    '7.0.0',
    [['v', 'key', '', 0]],
    'n',
  ),
  /**
   * Returns all key names that match a pattern.
   *
   * `KEYS` · group generic · since 1.0.0.
   * Complexity: O(N) with N being the number of keys in the database, under the assumption that the key names in the database and the given pattern have limited length.
   *
   * @returns
   * - List of keys matching pattern.
   * @since 1.0.0
   */
  keys: command<[pattern: RedisValue], string[]>(
    ['KEYS'],
    '1.0.0',
    [['v', 'pattern', '', 0]],
    ['a', 's', 1],
  ),
  /**
   * Atomically transfers a key from one instance to another.
   *
   * `MIGRATE` · group generic · since 2.6.0.
   * Complexity: This command actually executes a DUMP+DEL in the source instance, and a RESTORE in the target instance. See the pages of these commands for time complexity. Also an O(N) data transfer between the two instances is performed.
   *
   * @returns
   * - Success.
   * - No keys were found in the source instance.
   * @since 2.6.0
   */
  migrate: command<[host: RedisValue, port: number, keySelector: RedisKey | '""', destinationDb: number, timeout: number, options?: MigrateOptions], 'OK' | 'NOKEY'>(
    ['MIGRATE'],
    '2.6.0',
    [['v', 'host', '', 0], ['v', 'port', '', 0], ['o', 'keySelector', '', 0, [['v', 'key', '', 0], ['t', 'emptyString', '""', 0]]], ['v', 'destinationDb', '', 0], ['v', 'timeout', '', 0], ['t', 'COPY', 'COPY', 1], ['t', 'REPLACE', 'REPLACE', 1], ['o', 'authentication', '', 1, [['v', 'AUTH', 'AUTH', 0], ['b', 'AUTH2', 'AUTH2', 0, [['v', 'username', '', 0], ['v', 'password', '', 0]]]]], ['v', 'KEYS', 'KEYS', 3]],
    'r',
  ),
  /**
   * Moves a key to another database.
   *
   * `MOVE` · group generic · since 1.0.0.
   * Complexity: O(1)
   *
   * @returns
   * - Key was moved.
   * - Key wasn't moved.
   * @since 1.0.0
   */
  move: command<[key: RedisKey, db: number], 1 | 0>(
    ['MOVE'],
    '1.0.0',
    [['v', 'key', '', 0], ['v', 'db', '', 0]],
    'n',
  ),
  /**
   * Returns the internal encoding of an object.
   *
   * `OBJECT ENCODING` · group generic · since 2.2.3.
   * Complexity: O(1)
   *
   * @returns
   * - Key doesn't exist.
   * - Encoding of the object.
   * @since 2.2.3
   */
  objectEncoding: command<[key: RedisKey], null | string>(
    ['OBJECT', 'ENCODING'],
    '2.2.3',
    [['v', 'key', '', 0]],
    's',
  ),
  /**
   * Returns the logarithmic access frequency counter of an object.
   *
   * `OBJECT FREQ` · group generic · since 4.0.0.
   * Complexity: O(1)
   *
   * @returns
   * - The counter's value.
   * @since 4.0.0
   */
  objectFreq: command<[key: RedisKey], number>(
    ['OBJECT', 'FREQ'],
    '4.0.0',
    [['v', 'key', '', 0]],
    'n',
  ),
  /**
   * Returns helpful text about the different subcommands.
   *
   * `OBJECT HELP` · group generic · since 6.2.0.
   * Complexity: O(1)
   *
   * @returns
   * - Helpful text about subcommands.
   * @since 6.2.0
   */
  objectHelp: command<[], string[]>(
    ['OBJECT', 'HELP'],
    '6.2.0',
    [],
    ['a', 's', 1],
  ),
  /**
   * Returns the time since the last access to an object.
   *
   * `OBJECT IDLETIME` · group generic · since 2.2.3.
   * Complexity: O(1)
   *
   * @returns
   * - The idle time in seconds.
   * @since 2.2.3
   */
  objectIdletime: command<[key: RedisKey], number>(
    ['OBJECT', 'IDLETIME'],
    '2.2.3',
    [['v', 'key', '', 0]],
    'n',
  ),
  /**
   * Returns the reference count of a value of a key.
   *
   * `OBJECT REFCOUNT` · group generic · since 2.2.3.
   * Complexity: O(1)
   *
   * @returns
   * - The number of references.
   * @since 2.2.3
   */
  objectRefcount: command<[key: RedisKey], number>(
    ['OBJECT', 'REFCOUNT'],
    '2.2.3',
    [['v', 'key', '', 0]],
    'n',
  ),
  /**
   * Removes the expiration time of a key.
   *
   * `PERSIST` · group generic · since 2.2.0.
   * Complexity: O(1)
   *
   * @returns
   * - Key does not exist or does not have an associated timeout.
   * - The timeout has been removed.
   * @since 2.2.0
   */
  persist: command<[key: RedisKey], 0 | 1>(
    ['PERSIST'],
    '2.2.0',
    [['v', 'key', '', 0]],
    'n',
  ),
  /**
   * Sets the expiration time of a key in milliseconds.
   *
   * `PEXPIRE` · group generic · since 2.6.0.
   * Complexity: O(1)
   *
   * @returns
   * - The timeout was not set. e.g. key doesn't exist, or operation skipped due to the provided arguments.
   * - The timeout was set.
   * @since 2.6.0
   */
  pexpire: command<[key: RedisKey, milliseconds: number, condition?: 'NX' | 'XX' | 'GT' | 'LT'], 0 | 1>(
    ['PEXPIRE'],
    '2.6.0',
    [['v', 'key', '', 0], ['v', 'milliseconds', '', 0], ['o', 'condition', '', 1, [['t', 'NX', 'NX', 0], ['t', 'XX', 'XX', 0], ['t', 'GT', 'GT', 0], ['t', 'LT', 'LT', 0]]]],
    'n',
  ),
  /**
   * Sets the expiration time of a key to a Unix milliseconds timestamp.
   *
   * `PEXPIREAT` · group generic · since 2.6.0.
   * Complexity: O(1)
   *
   * @returns
   * - The timeout was set.
   * - The timeout was not set. e.g. key doesn't exist, or operation skipped due to the provided arguments.
   * @since 2.6.0
   */
  pexpireat: command<[key: RedisKey, unixTimeMilliseconds: number, condition?: 'NX' | 'XX' | 'GT' | 'LT'], 1 | 0>(
    ['PEXPIREAT'],
    '2.6.0',
    [['v', 'key', '', 0], ['v', 'unixTimeMilliseconds', '', 0], ['o', 'condition', '', 1, [['t', 'NX', 'NX', 0], ['t', 'XX', 'XX', 0], ['t', 'GT', 'GT', 0], ['t', 'LT', 'LT', 0]]]],
    'n',
  ),
  /**
   * Returns the expiration time of a key as a Unix milliseconds timestamp.
   *
   * `PEXPIRETIME` · group generic · since 7.0.0.
   * Complexity: O(1)
   *
   * @returns
   * - Expiration Unix timestamp in milliseconds.
   * - The key exists but has no associated expiration time.
   * - The key does not exist.
   * @since 7.0.0
   */
  pexpiretime: command<[key: RedisKey], number | -1 | -2>(
    ['PEXPIRETIME'],
    '7.0.0',
    [['v', 'key', '', 0]],
    'n',
  ),
  /**
   * Returns the expiration time in milliseconds of a key.
   *
   * `PTTL` · group generic · since 2.6.0.
   * Complexity: O(1)
   *
   * @returns
   * - TTL in milliseconds.
   * - The key exists but has no associated expire.
   * - The key does not exist.
   * @since 2.6.0
   */
  pttl: command<[key: RedisKey], number | -1 | -2>(
    ['PTTL'],
    '2.6.0',
    [['v', 'key', '', 0]],
    'n',
  ),
  /**
   * Returns a random key name from the database.
   *
   * `RANDOMKEY` · group generic · since 1.0.0.
   * Complexity: O(1)
   *
   * @returns
   * - When the database is empty.
   * - Random key in db.
   * @since 1.0.0
   */
  randomkey: command<[], null | string>(
    ['RANDOMKEY'],
    '1.0.0',
    [],
    's',
  ),
  /**
   * Renames a key and overwrites the destination.
   *
   * `RENAME` · group generic · since 1.0.0.
   * Complexity: O(1)
   *
   * @returns 'OK'
   * @since 1.0.0
   */
  rename: command<[key: RedisKey, newkey: RedisKey], 'OK'>(
    ['RENAME'],
    '1.0.0',
    [['v', 'key', '', 0], ['v', 'newkey', '', 0]],
    'r',
  ),
  /**
   * Renames a key only when the target key name doesn't exist.
   *
   * `RENAMENX` · group generic · since 1.0.0.
   * Complexity: O(1)
   *
   * @returns
   * - Key was renamed to newkey.
   * - New key already exists.
   * @since 1.0.0
   */
  renamenx: command<[key: RedisKey, newkey: RedisKey], 1 | 0>(
    ['RENAMENX'],
    '1.0.0',
    [['v', 'key', '', 0], ['v', 'newkey', '', 0]],
    'n',
  ),
  /**
   * Creates a key from the serialized representation of a value.
   *
   * `RESTORE` · group generic · since 2.6.0.
   * Complexity: O(1) to create the new key and additional O(N*M) to reconstruct the serialized value, where N is the number of objects composing the value and M their average size. For small string values the time complexity is thus O(1)+O(1*M) where M is small, so simply O(1). However for sorted set values the complexity is O(N*M*log(N)) because inserting values into sorted sets is O(log(N)).
   *
   * @returns 'OK'
   * @since 2.6.0
   */
  restore: command<[key: RedisKey, ttl: number, serializedValue: RedisValue, options?: RestoreOptions], 'OK'>(
    ['RESTORE'],
    '2.6.0',
    [['v', 'key', '', 0], ['v', 'ttl', '', 0], ['v', 'serializedValue', '', 0], ['t', 'REPLACE', 'REPLACE', 1], ['t', 'ABSTTL', 'ABSTTL', 1], ['v', 'IDLETIME', 'IDLETIME', 1], ['v', 'FREQ', 'FREQ', 1]],
    'r',
  ),
  /**
   * Iterates over the key names in the database.
   *
   * `SCAN` · group generic · since 2.8.0.
   * Complexity: O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection.
   *
   * @returns
   * - Cursor and scan response in array form.
   * @since 2.8.0
   */
  scan: command<[cursor: number | string, options?: ScanOptions], [string, string[]]>(
    ['SCAN'],
    '2.8.0',
    [['v', 'cursor', '', 0], ['v', 'MATCH', 'MATCH', 1], ['v', 'COUNT', 'COUNT', 1], ['v', 'TYPE', 'TYPE', 1]],
    ['t', ['s', ['a', 's', 1]], 'r'],
  ),
  /**
   * Sorts the elements in a list, a set, or a sorted set, optionally storing the result.
   *
   * `SORT` · group generic · since 1.0.0.
   * Complexity: O(N+M*log(M)) where N is the number of elements in the list or set to sort, and M the number of returned elements. When the elements are not sorted, complexity is O(N).
   *
   * @returns
   * - When the store option is specified the command returns the number of sorted elements in the destination list.
   * - When not passing the store option the command returns a list of sorted elements.
   * @since 1.0.0
   */
  sort: command<[key: RedisKey, options?: SortOptions], number | (string | null)[]>(
    ['SORT'],
    '1.0.0',
    [['v', 'key', '', 0], ['v', 'BY', 'BY', 1], ['b', 'LIMIT', 'LIMIT', 1, [['v', 'offset', '', 0], ['v', 'count', '', 0]]], ['v', 'GET', 'GET', 7], ['o', 'order', '', 1, [['t', 'ASC', 'ASC', 0], ['t', 'DESC', 'DESC', 0]]], ['t', 'ALPHA', 'ALPHA', 1], ['v', 'STORE', 'STORE', 1]],
    ['u', ['n', ['a', 's', 1]]],
  ),
  /**
   * Returns the sorted elements of a list, a set, or a sorted set.
   *
   * `SORT_RO` · group generic · since 7.0.0.
   * Complexity: O(N+M*log(M)) where N is the number of elements in the list or set to sort, and M the number of returned elements. When the elements are not sorted, complexity is O(N).
   *
   * @returns
   * - A list of sorted elements.
   * @since 7.0.0
   */
  sortRo: command<[key: RedisKey, options?: SortRoOptions], (string | null)[]>(
    ['SORT_RO'],
    '7.0.0',
    [['v', 'key', '', 0], ['v', 'BY', 'BY', 1], ['b', 'LIMIT', 'LIMIT', 1, [['v', 'offset', '', 0], ['v', 'count', '', 0]]], ['v', 'GET', 'GET', 7], ['o', 'order', '', 1, [['t', 'ASC', 'ASC', 0], ['t', 'DESC', 'DESC', 0]]], ['t', 'ALPHA', 'ALPHA', 1]],
    ['a', 's', 1],
  ),
  /**
   * Returns the number of existing keys out of those specified after updating the time they were last accessed.
   *
   * `TOUCH` · group generic · since 3.2.1.
   * Complexity: O(N) where N is the number of keys that will be touched.
   *
   * @returns
   * - The number of touched keys.
   * @since 3.2.1
   */
  touch: command<[...key: RedisKey[]], number>(
    ['TOUCH'],
    '3.2.1',
    [['v', 'key', '', 2]],
    'n',
  ),
  /**
   * Returns the expiration time in seconds of a key.
   *
   * `TTL` · group generic · since 1.0.0.
   * Complexity: O(1)
   *
   * @returns
   * - TTL in seconds.
   * - The key exists but has no associated expire.
   * - The key does not exist.
   * @since 1.0.0
   */
  ttl: command<[key: RedisKey], number | -1 | -2>(
    ['TTL'],
    '1.0.0',
    [['v', 'key', '', 0]],
    'n',
  ),
  /**
   * Determines the type of value stored at a key.
   *
   * `TYPE` · group generic · since 1.0.0.
   * Complexity: O(1)
   *
   * @returns
   * - Key doesn't exist
   * - Type of the key
   * @since 1.0.0
   */
  type: command<[key: RedisKey], null | string>(
    ['TYPE'],
    '1.0.0',
    [['v', 'key', '', 0]],
    's',
  ),
  /**
   * Asynchronously deletes one or more keys.
   *
   * `UNLINK` · group generic · since 4.0.0.
   * Complexity: O(1) for each key removed regardless of its size. Then the command does O(N) work in a different thread in order to reclaim memory, where N is the number of allocations the deleted objects where composed of.
   *
   * @returns
   * - The number of keys that were unlinked.
   * @since 4.0.0
   */
  unlink: command<[...key: RedisKey[]], number>(
    ['UNLINK'],
    '4.0.0',
    [['v', 'key', '', 2]],
    'n',
  ),
  /**
   * Blocks until the asynchronous replication of all preceding write commands sent by the connection is completed.
   *
   * `WAIT` · group generic · since 3.0.0.
   * Complexity: O(1)
   *
   * @returns
   * - The number of replicas reached by all the writes performed in the context of the current connection.
   * @since 3.0.0
   */
  wait: command<[numreplicas: number, timeout: number], number>(
    ['WAIT'],
    '3.0.0',
    [['v', 'numreplicas', '', 0], ['v', 'timeout', '', 0]],
    'n',
  ),
  /**
   * Blocks until all of the preceding write commands sent by the connection are written to the append-only file of the primary and/or replicas.
   *
   * `WAITAOF` · group generic · since 7.2.0.
   * Complexity: O(1)
   *
   * @returns
   * - Number of local and remote AOF files in sync.
   * @since 7.2.0
   */
  waitaof: command<[numlocal: number, numreplicas: number, timeout: number], [number, number]>(
    ['WAITAOF'],
    '7.2.0',
    [['v', 'numlocal', '', 0], ['v', 'numreplicas', '', 0], ['v', 'timeout', '', 0]],
    ['t', ['n', 'n'], 'r'],
  ),
};
