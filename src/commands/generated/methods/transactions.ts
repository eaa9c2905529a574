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
import type { RedisKey } from '../../reply-transforms.js';

/** Commands of the transactions group. */
export const transactionsCommands = {
  /**
   * Discards a transaction.
   *
   * `DISCARD` · group transactions · since 2.0.0.
   * Complexity: O(N), when N is the number of queued commands
   *
   * @returns 'OK'
   * @since 2.0.0
   */
  discard: command<[], 'OK'>(
    ['DISCARD'],
    '2.0.0',
    [],
    'r',
  ),
  /**
   * Executes all commands in a transaction.
   *
   * `EXEC` · group transactions · since 1.2.0.
   * Complexity: Depends on commands in the transaction
   *
   * @returns
   * - Each element being the reply to each of the commands in the atomic transaction.
   * - The transaction was aborted because a `WATCH`ed key was touched
   * @since 1.2.0
   */
  exec: command<[], RespValue[] | null>(
    ['EXEC'],
    '1.2.0',
    [],
    ['a', 'r', 1],
  ),
  /**
   * Starts a transaction.
   *
   * `MULTI` · group transactions · since 1.2.0.
   * Complexity: O(1)
   *
   * @returns 'OK'
   * @since 1.2.0
   */
  multi: command<[], 'OK'>(
    ['MULTI'],
    '1.2.0',
    [],
    'r',
  ),
  /**
   * Forgets about watched keys of a transaction.
   *
   * `UNWATCH` · group transactions · since 2.2.0.
   * Complexity: O(1)
   *
   * @returns 'OK'
   * @since 2.2.0
   */
  unwatch: command<[], 'OK'>(
    ['UNWATCH'],
    '2.2.0',
    [],
    'r',
  ),
  /**
   * Monitors changes to keys to determine the execution of a transaction.
   *
   * `WATCH` · group transactions · since 2.2.0.
   * Complexity: O(1) for every key.
   *
   * @returns 'OK'
   * @since 2.2.0
   */
  watch: command<[...key: RedisKey[]], 'OK'>(
    ['WATCH'],
    '2.2.0',
    [['v', 'key', '', 2]],
    'r',
  ),
};
