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
import type { RedisValue } from '../../reply-transforms.js';

/** Commands of the pubsub group. */
export const pubsubCommands = {
  /**
   * Listens for messages published to channels that match one or more patterns.
   *
   * `PSUBSCRIBE` · group pubsub · since 2.0.0.
   * Complexity: O(N) where N is the number of patterns to subscribe to.
   *
   * @returns the raw reply
   *
   * The spec gives no precise reply schema: the reply is the raw `RespValue` (RESP3 maps stay `Map`s, RESP2 sends arrays).
   * @since 2.0.0
   */
  psubscribe: command<[...pattern: RedisValue[]], RespValue>(
    ['PSUBSCRIBE'],
    '2.0.0',
    [['v', 'pattern', '', 2]],
    'r',
  ),
  /**
   * Posts a message to a channel.
   *
   * `PUBLISH` · group pubsub · since 2.0.0.
   * Complexity: O(N+M) where N is the number of clients subscribed to the receiving channel and M is the total number of subscribed patterns (by any client).
   *
   * @returns
   * - The number of clients that received the message. Note that in a Cluster, only clients that are connected to the same node as the publishing client are included in the count.
   * @since 2.0.0
   */
  publish: command<[channel: RedisValue, message: RedisValue], number>(
    ['PUBLISH'],
    '2.0.0',
    [['v', 'channel', '', 0], ['v', 'message', '', 0]],
    'n',
  ),
  /**
   * Returns the active channels.
   *
   * `PUBSUB CHANNELS` · group pubsub · since 2.8.0.
   * Complexity: O(N) where N is the number of active channels, and assuming constant time pattern matching (relatively short channels and patterns)
   *
   * @returns
   * - A list of active channels, optionally matching the specified pattern.
   * @since 2.8.0
   */
  pubsubChannels: command<[pattern?: RedisValue], string[]>(
    ['PUBSUB', 'CHANNELS'],
    '2.8.0',
    [['v', 'pattern', '', 1]],
    ['a', 's', 1],
  ),
  /**
   * Returns helpful text about the different subcommands.
   *
   * `PUBSUB HELP` · group pubsub · since 6.2.0.
   * Complexity: O(1)
   *
   * @returns
   * - Helpful text about subcommands.
   * @since 6.2.0
   */
  pubsubHelp: command<[], string[]>(
    ['PUBSUB', 'HELP'],
    '6.2.0',
    [],
    ['a', 's', 1],
  ),
  /**
   * Returns a count of unique pattern subscriptions.
   *
   * `PUBSUB NUMPAT` · group pubsub · since 2.8.0.
   * Complexity: O(1)
   *
   * @returns
   * - The number of patterns all the clients are subscribed to.
   * @since 2.8.0
   */
  pubsubNumpat: command<[], number>(
    ['PUBSUB', 'NUMPAT'],
    '2.8.0',
    [],
    'n',
  ),
  /**
   * Returns a count of subscribers to channels.
   *
   * `PUBSUB NUMSUB` · group pubsub · since 2.8.0.
   * Complexity: O(N) for the NUMSUB subcommand, where N is the number of requested channels
   *
   * @returns
   * - The number of subscribers per channel, each even element (including 0th) is channel name, each odd element is the number of subscribers.
   * @since 2.8.0
   */
  pubsubNumsub: command<[...channel: RedisValue[]], RespValue[]>(
    ['PUBSUB', 'NUMSUB'],
    '2.8.0',
    [['v', 'channel', '', 3]],
    ['a', 'r', 1],
  ),
  /**
   * Returns the active shard channels.
   *
   * `PUBSUB SHARDCHANNELS` · group pubsub · since 7.0.0.
   * Complexity: O(N) where N is the number of active shard channels, and assuming constant time pattern matching (relatively short shard channels).
   *
   * @returns
   * - A list of active channels, optionally matching the specified pattern.
   * @since 7.0.0
   */
  pubsubShardchannels: command<[pattern?: RedisValue], string[]>(
    ['PUBSUB', 'SHARDCHANNELS'],
    '7.0.0',
    [['v', 'pattern', '', 1]],
    ['a', 's', 1],
  ),
  /**
   * Returns the count of subscribers of shard channels.
   *
   * `PUBSUB SHARDNUMSUB` · group pubsub · since 7.0.0.
   * Complexity: O(N) for the SHARDNUMSUB subcommand, where N is the number of requested shard channels
   *
   * @returns
   * - The number of subscribers per shard channel, each even element (including 0th) is channel name, each odd element is the number of subscribers.
   * @since 7.0.0
   */
  pubsubShardnumsub: command<[...shardchannel: RedisValue[]], RespValue[]>(
    ['PUBSUB', 'SHARDNUMSUB'],
    '7.0.0',
    [['v', 'shardchannel', '', 3]],
    ['a', 'r', 1],
  ),
  /**
   * Stops listening to messages published to channels that match one or more patterns.
   *
   * `PUNSUBSCRIBE` · group pubsub · since 2.0.0.
   * Complexity: O(N) where N is the number of patterns to unsubscribe.
   *
   * @returns the raw reply
   *
   * The spec gives no precise reply schema: the reply is the raw `RespValue` (RESP3 maps stay `Map`s, RESP2 sends arrays).
   * @since 2.0.0
   */
  punsubscribe: command<[...pattern: RedisValue[]], RespValue>(
    ['PUNSUBSCRIBE'],
    '2.0.0',
    [['v', 'pattern', '', 3]],
    'r',
  ),
  /**
   * Post a message to a shard channel
   *
   * `SPUBLISH` · group pubsub · since 7.0.0.
   * Complexity: O(N) where N is the number of clients subscribed to the receiving shard channel.
   *
   * @returns
   * - The number of clients that received the message. Note that in a Cluster, only clients that are connected to the same node as the publishing client are included in the count.
   * @since 7.0.0
   */
  spublish: command<[shardchannel: RedisValue, message: RedisValue], number>(
    ['SPUBLISH'],
    '7.0.0',
    [['v', 'shardchannel', '', 0], ['v', 'message', '', 0]],
    'n',
  ),
  /**
   * Listens for messages published to shard channels.
   *
   * `SSUBSCRIBE` · group pubsub · since 7.0.0.
   * Complexity: O(N) where N is the number of shard channels to subscribe to.
   *
   * @returns the raw reply
   *
   * The spec gives no precise reply schema: the reply is the raw `RespValue` (RESP3 maps stay `Map`s, RESP2 sends arrays).
   * @since 7.0.0
   */
  ssubscribe: command<[...shardchannel: RedisValue[]], RespValue>(
    ['SSUBSCRIBE'],
    '7.0.0',
    [['v', 'shardchannel', '', 2]],
    'r',
  ),
  /**
   * Listens for messages published to channels.
   *
   * `SUBSCRIBE` · group pubsub · since 2.0.0.
   * Complexity: O(N) where N is the number of channels to subscribe to.
   *
   * @returns the raw reply
   *
   * The spec gives no precise reply schema: the reply is the raw `RespValue` (RESP3 maps stay `Map`s, RESP2 sends arrays).
   * @since 2.0.0
   */
  subscribe: command<[...channel: RedisValue[]], RespValue>(
    ['SUBSCRIBE'],
    '2.0.0',
    [['v', 'channel', '', 2]],
    'r',
  ),
  /**
   * Stops listening to messages posted to shard channels.
   *
   * `SUNSUBSCRIBE` · group pubsub · since 7.0.0.
   * Complexity: O(N) where N is the number of shard channels to unsubscribe.
   *
   * @returns the raw reply
   *
   * The spec gives no precise reply schema: the reply is the raw `RespValue` (RESP3 maps stay `Map`s, RESP2 sends arrays).
   * @since 7.0.0
   */
  sunsubscribe: command<[...shardchannel: RedisValue[]], RespValue>(
    ['SUNSUBSCRIBE'],
    '7.0.0',
    [['v', 'shardchannel', '', 3]],
    'r',
  ),
  /**
   * Stops listening to messages posted to channels.
   *
   * `UNSUBSCRIBE` · group pubsub · since 2.0.0.
   * Complexity: O(N) where N is the number of channels to unsubscribe.
   *
   * @returns the raw reply
   *
   * The spec gives no precise reply schema: the reply is the raw `RespValue` (RESP3 maps stay `Map`s, RESP2 sends arrays).
   * @since 2.0.0
   */
  unsubscribe: command<[...channel: RedisValue[]], RespValue>(
    ['UNSUBSCRIBE'],
    '2.0.0',
    [['v', 'channel', '', 3]],
    'r',
  ),
};
