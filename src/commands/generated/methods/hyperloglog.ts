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

/** Commands of the hyperloglog group. */
export const hyperloglogCommands = {
  /**
   * Adds elements to a HyperLogLog key. Creates the key if it doesn't exist.
   *
   * `PFADD` · group hyperloglog · since 2.8.9.
   * Complexity: O(1) to add every element.
   *
   * @returns
   * - If at least 1 HyperLogLog internal register was altered.
   * - If no HyperLogLog internal register were altered.
   * @since 2.8.9
   */
  pfadd: command<[key: RedisKey, ...element: RedisValue[]], 1 | 0>(
    ['PFADD'],
    '2.8.9',
    [['v', 'key', '', 0], ['v', 'element', '', 3]],
    'n',
  ),
  /**
   * Returns the approximated cardinality of the set(s) observed by the HyperLogLog key(s).
   *
   * `PFCOUNT` · group hyperloglog · since 2.8.9.
   * Complexity: O(1) with a very small average constant time when called with a single key. O(N) with N being the number of keys, and much bigger constant times, when called with multiple keys.
   *
   * @returns
   * - The approximated number of unique elements observed via PFADD
   * @since 2.8.9
   */
  pfcount: command<[...key: RedisKey[]], number>(
    ['PFCOUNT'],
    '2.8.9',
    [['v', 'key', '', 2]],
    'n',
  ),
  /**
   * Internal commands for debugging HyperLogLog values.
   *
   * `PFDEBUG` · group hyperloglog · since 2.8.9.
   * Complexity: N/A
   *
   * @returns the raw reply
   *
   * The spec gives no precise reply schema: the reply is the raw `RespValue` (RESP3 maps stay `Map`s, RESP2 sends arrays).
   * @since 2.8.9
   */
  pfdebug: command<[subcommand: RedisValue, key: RedisKey], RespValue>(
    ['PFDEBUG'],
    '2.8.9',
    [['v', 'subcommand', '', 0], ['v', 'key', '', 0]],
    'r',
  ),
  /**
   * Merges one or more HyperLogLog values into a single key.
   *
   * `PFMERGE` · group hyperloglog · since 2.8.9.
   * Complexity: O(N) to merge N HyperLogLogs, but with high constant times.
   *
   * @returns 'OK'
   * @since 2.8.9
   */
  pfmerge: command<[destkey: RedisKey, ...sourcekey: RedisKey[]], 'OK'>(
    ['PFMERGE'],
    '2.8.9',
    [['v', 'destkey', '', 0], ['v', 'sourcekey', '', 3]],
    'r',
  ),
  /**
   * An internal command for testing HyperLogLog values.
   *
   * `PFSELFTEST` · group hyperloglog · since 2.8.9.
   * Complexity: N/A
   *
   * @returns 'OK'
   * @since 2.8.9
   */
  pfselftest: command<[], 'OK'>(
    ['PFSELFTEST'],
    '2.8.9',
    [],
    'r',
  ),
};
