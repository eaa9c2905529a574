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
import type { RedisValue } from '../../reply-transforms.js';

/** Commands of the cluster group. */
export const clusterCommands = {
  /**
   * Signals that a cluster client is following an -ASK redirect.
   *
   * `ASKING` · group cluster · since 3.0.0.
   * Complexity: O(1)
   *
   * @returns 'OK'
   * @since 3.0.0
   */
  asking: command<[], 'OK'>(
    ['ASKING'],
    '3.0.0',
    [],
    'r',
  ),
  /**
   * Assigns new hash slots to a node.
   *
   * `CLUSTER ADDSLOTS` · group cluster · since 3.0.0.
   * Complexity: O(N) where N is the total number of hash slot arguments
   *
   * @returns 'OK'
   * @since 3.0.0
   */
  clusterAddslots: command<[...slot: number[]], 'OK'>(
    ['CLUSTER', 'ADDSLOTS'],
    '3.0.0',
    [['v', 'slot', '', 2]],
    'r',
  ),
  /**
   * Assigns new hash slot ranges to a node.
   *
   * `CLUSTER ADDSLOTSRANGE` · group cluster · since 7.0.0.
   * Complexity: O(N) where N is the total number of the slots between the start slot and end slot arguments.
   *
   * @returns 'OK'
   * @since 7.0.0
   */
  clusterAddslotsrange: command<[...range: Array<{ startSlot: number; endSlot: number }>], 'OK'>(
    ['CLUSTER', 'ADDSLOTSRANGE'],
    '7.0.0',
    [['b', 'range', '', 2, [['v', 'startSlot', '', 0], ['v', 'endSlot', '', 0]]]],
    'r',
  ),
  /**
   * Advances the cluster config epoch.
   *
   * `CLUSTER BUMPEPOCH` · group cluster · since 3.0.0.
   * Complexity: O(1)
   *
   * @returns
   * - If the epoch was incremented.
   * - If the node already has the greatest config epoch in the cluster.
   * @since 3.0.0
   */
  clusterBumpepoch: command<[], string>(
    ['CLUSTER', 'BUMPEPOCH'],
    '3.0.0',
    [],
    's',
  ),
  /**
   * Returns the number of active failure reports active for a node.
   *
   * `CLUSTER COUNT-FAILURE-REPORTS` · group cluster · since 3.0.0.
   * Complexity: O(N) where N is the number of failure reports
   *
   * @returns
   * - The number of active failure reports for the node.
   * @since 3.0.0
   */
  clusterCountFailureReports: command<[nodeId: RedisValue], number>(
    ['CLUSTER', 'COUNT-FAILURE-REPORTS'],
    '3.0.0',
    [['v', 'nodeId', '', 0]],
    'n',
  ),
  /**
   * Returns the number of keys in a hash slot.
   *
   * `CLUSTER COUNTKEYSINSLOT` · group cluster · since 3.0.0.
   * Complexity: O(1)
   *
   * @returns
   * - The number of keys in the specified hash slot.
   * @since 3.0.0
   */
  clusterCountkeysinslot: command<[slot: number], number>(
    ['CLUSTER', 'COUNTKEYSINSLOT'],
    '3.0.0',
    [['v', 'slot', '', 0]],
    'n',
  ),
  /**
   * Sets hash slots as unbound for a node.
   *
   * `CLUSTER DELSLOTS` · group cluster · since 3.0.0.
   * Complexity: O(N) where N is the total number of hash slot arguments
   *
   * @returns 'OK'
   * @since 3.0.0
   */
  clusterDelslots: command<[...slot: number[]], 'OK'>(
    ['CLUSTER', 'DELSLOTS'],
    '3.0.0',
    [['v', 'slot', '', 2]],
    'r',
  ),
  /**
   * Sets hash slot ranges as unbound for a node.
   *
   * `CLUSTER DELSLOTSRANGE` · group cluster · since 7.0.0.
   * Complexity: O(N) where N is the total number of the slots between the start slot and end slot arguments.
   *
   * @returns 'OK'
   * @since 7.0.0
   */
  clusterDelslotsrange: command<[...range: Array<{ startSlot: number; endSlot: number }>], 'OK'>(
    ['CLUSTER', 'DELSLOTSRANGE'],
    '7.0.0',
    [['b', 'range', '', 2, [['v', 'startSlot', '', 0], ['v', 'endSlot', '', 0]]]],
    'r',
  ),
  /**
   * Forces a replica to perform a manual failover of its primary.
   *
   * `CLUSTER FAILOVER` · group cluster · since 3.0.0.
   * Complexity: O(1)
   *
   * @returns 'OK'
   * @since 3.0.0
   */
  clusterFailover: command<[options?: 'FORCE' | 'TAKEOVER'], 'OK'>(
    ['CLUSTER', 'FAILOVER'],
    '3.0.0',
    [['o', 'options', '', 1, [['t', 'FORCE', 'FORCE', 0], ['t', 'TAKEOVER', 'TAKEOVER', 0]]]],
    'r',
  ),
  /**
   * Deletes all slots information from a node.
   *
   * `CLUSTER FLUSHSLOTS` · group cluster · since 3.0.0.
   * Complexity: O(1)
   *
   * @returns 'OK'
   * @since 3.0.0
   */
  clusterFlushslots: command<[], 'OK'>(
    ['CLUSTER', 'FLUSHSLOTS'],
    '3.0.0',
    [],
    'r',
  ),
  /**
   * Removes a node from the nodes table.
   *
   * `CLUSTER FORGET` · group cluster · since 3.0.0.
   * Complexity: O(1)
   *
   * @returns 'OK'
   * @since 3.0.0
   */
  clusterForget: command<[nodeId: RedisValue], 'OK'>(
    ['CLUSTER', 'FORGET'],
    '3.0.0',
    [['v', 'nodeId', '', 0]],
    'r',
  ),
  /**
   * Returns the key names in a hash slot.
   *
   * `CLUSTER GETKEYSINSLOT` · group cluster · since 3.0.0.
   * Complexity: O(N) where N is the number of requested keys
   *
   * @returns
   * - An array with up to count elements.
   * @since 3.0.0
   */
  clusterGetkeysinslot: command<[slot: number, count: number], string[]>(
    ['CLUSTER', 'GETKEYSINSLOT'],
    '3.0.0',
    [['v', 'slot', '', 0], ['v', 'count', '', 0]],
    ['a', 's', 1],
  ),
  /**
   * Returns helpful text about the different subcommands.
   *
   * `CLUSTER HELP` · group cluster · since 5.0.0.
   * Complexity: O(1)
   *
   * @returns
   * - Helpful text about subcommands.
   * @since 5.0.0
   */
  clusterHelp: command<[], string[]>(
    ['CLUSTER', 'HELP'],
    '5.0.0',
    [],
    ['a', 's', 1],
  ),
  /**
   * Returns information about the state of a node.
   *
   * `CLUSTER INFO` · group cluster · since 3.0.0.
   * Complexity: O(1)
   *
   * @returns
   * - A map between named fields and values in the form of <field>:<value> lines separated by newlines composed by the two bytes CRLF
   * @since 3.0.0
   */
  clusterInfo: command<[], string>(
    ['CLUSTER', 'INFO'],
    '3.0.0',
    [],
    's',
  ),
  /**
   * Returns the hash slot for a key.
   *
   * `CLUSTER KEYSLOT` · group cluster · since 3.0.0.
   * Complexity: O(N) where N is the number of bytes in the key
   *
   * @returns
   * - The hash slot number for the specified key
   * @since 3.0.0
   */
  clusterKeyslot: command<[key: RedisValue], number>(
    ['CLUSTER', 'KEYSLOT'],
    '3.0.0',
    [['v', 'key', '', 0]],
    'n',
  ),
  /**
   * Returns a list of all TCP links to and from peer nodes.
   *
   * `CLUSTER LINKS` · group cluster · since 7.0.0.
   * Complexity: O(N) where N is the total number of Cluster nodes
   *
   * @returns
   * - An array of cluster links and their attributes.
   * @since 7.0.0
   */
  clusterLinks: command<[], { direction?: 'from' | 'to'; node?: string; 'create-time'?: number; events?: string; 'send-buffer-allocated'?: number; 'send-buffer-used'?: number }[]>(
    ['CLUSTER', 'LINKS'],
    '7.0.0',
    [],
    ['a', ['o', { direction: 'r', node: 's', 'create-time': 'n', events: 's', 'send-buffer-allocated': 'n', 'send-buffer-used': 'n' }, 'r'], 1],
  ),
  /**
   * Forces a node to handshake with another node.
   *
   * `CLUSTER MEET` · group cluster · since 3.0.0.
   * Complexity: O(1)
   *
   * @returns 'OK'
   * @since 3.0.0
   */
  clusterMeet: command<[ip: RedisValue, port: number, clusterBusPort?: number], 'OK'>(
    ['CLUSTER', 'MEET'],
    '3.0.0',
    [['v', 'ip', '', 0], ['v', 'port', '', 0], ['v', 'clusterBusPort', '', 1]],
    'r',
  ),
  /**
   * Returns the ID of a node.
   *
   * `CLUSTER MYID` · group cluster · since 3.0.0.
   * Complexity: O(1)
   *
   * @returns
   * - The node id.
   * @since 3.0.0
   */
  clusterMyid: command<[], string>(
    ['CLUSTER', 'MYID'],
    '3.0.0',
    [],
    's',
  ),
  /**
   * Returns the shard ID of a node.
   *
   * `CLUSTER MYSHARDID` · group cluster · since 7.2.0.
   * Complexity: O(1)
   *
   * @returns
   * - The node's shard id.
   * @since 7.2.0
   */
  clusterMyshardid: command<[], string>(
    ['CLUSTER', 'MYSHARDID'],
    '7.2.0',
    [],
    's',
  ),
  /**
   * Returns the cluster configuration for a node.
   *
   * `CLUSTER NODES` · group cluster · since 3.0.0.
   * Complexity: O(N) where N is the total number of Cluster nodes
   *
   * @returns
   * - The serialized cluster configuration.
   * @since 3.0.0
   */
  clusterNodes: command<[], string>(
    ['CLUSTER', 'NODES'],
    '3.0.0',
    [],
    's',
  ),
  /**
   * Lists the replica nodes of a primary node.
   *
   * `CLUSTER REPLICAS` · group cluster · since 5.0.0.
   * Complexity: O(N) where N is the number of replicas.
   *
   * @returns
   * - A list of replica nodes replicating from the specified primary node provided in the same format used by CLUSTER NODES.
   * @since 5.0.0
   */
  clusterReplicas: command<[nodeId: RedisValue], string[]>(
    ['CLUSTER', 'REPLICAS'],
    '5.0.0',
    [['v', 'nodeId', '', 0]],
    ['a', 's', 1],
  ),
  /**
   * Configure a node as replica of a primary node.
   *
   * `CLUSTER REPLICATE` · group cluster · since 3.0.0.
   * Complexity: O(1)
   *
   * @returns 'OK'
   * @since 3.0.0
   */
  clusterReplicate: command<[nodeId: RedisValue], 'OK'>(
    ['CLUSTER', 'REPLICATE'],
    '3.0.0',
    [['v', 'nodeId', '', 0]],
    'r',
  ),
  /**
   * Resets a node.
   *
   * `CLUSTER RESET` · group cluster · since 3.0.0.
   * Complexity: O(N) where N is the number of known nodes. The command may execute a FLUSHALL as a side effect.
   *
   * @returns 'OK'
   * @since 3.0.0
   */
  clusterReset: command<[resetType?: 'HARD' | 'SOFT'], 'OK'>(
    ['CLUSTER', 'RESET'],
    '3.0.0',
    [['o', 'resetType', '', 1, [['t', 'HARD', 'HARD', 0], ['t', 'SOFT', 'SOFT', 0]]]],
    'r',
  ),
  /**
   * Forces a node to save the cluster configuration to disk.
   *
   * `CLUSTER SAVECONFIG` · group cluster · since 3.0.0.
   * Complexity: O(1)
   *
   * @returns 'OK'
   * @since 3.0.0
   */
  clusterSaveconfig: command<[], 'OK'>(
    ['CLUSTER', 'SAVECONFIG'],
    '3.0.0',
    [],
    'r',
  ),
  /**
   * Sets the configuration epoch for a new node.
   *
   * `CLUSTER SET-CONFIG-EPOCH` · group cluster · since 3.0.0.
   * Complexity: O(1)
   *
   * @returns 'OK'
   * @since 3.0.0
   */
  clusterSetConfigEpoch: command<[configEpoch: number], 'OK'>(
    ['CLUSTER', 'SET-CONFIG-EPOCH'],
    '3.0.0',
    [['v', 'configEpoch', '', 0]],
    'r',
  ),
  /**
   * Binds a hash slot to a node.
   *
   * `CLUSTER SETSLOT` · group cluster · since 3.0.0.
   * Complexity: O(1)
   *
   * @returns 'OK'
   * @since 3.0.0
   */
  clusterSetslot: command<[slot: number, subcommand: { IMPORTING: RedisValue } | { MIGRATING: RedisValue } | { NODE: RedisValue } | 'STABLE', timeout?: number], 'OK'>(
    ['CLUSTER', 'SETSLOT'],
    '3.0.0',
    [['v', 'slot', '', 0], ['o', 'subcommand', '', 0, [['v', 'IMPORTING', 'IMPORTING', 0], ['v', 'MIGRATING', 'MIGRATING', 0], ['v', 'NODE', 'NODE', 0], ['t', 'STABLE', 'STABLE', 0]]], ['v', 'TIMEOUT', 'TIMEOUT', 1]],
    'r',
  ),
  /**
   * Returns the mapping of cluster slots to shards.
   *
   * `CLUSTER SHARDS` · group cluster · since 7.0.0.
   * Complexity: O(N) where N is the total number of cluster nodes
   *
   * @returns
   * - A nested list of a map of hash ranges and shard nodes describing individual shards.
   * @since 7.0.0
   */
  clusterShards: command<[], { slots?: number[]; nodes?: { id?: string; port?: number; 'tls-port'?: number; ip?: string; endpoint?: string; hostname?: string; role?: 'master' | 'replica'; 'replication-offset'?: number; health?: 'fail' | 'loading' | 'online' }[] }[]>(
    ['CLUSTER', 'SHARDS'],
    '7.0.0',
    [],
    ['a', ['o', { slots: ['a', 'n', 1], nodes: ['a', ['o', { id: 's', port: 'n', 'tls-port': 'n', ip: 's', endpoint: 's', hostname: 's', role: 'r', 'replication-offset': 'n', health: 'r' }, 'r'], 1] }, 'r'], 1],
  ),
  /**
   * Lists the replica nodes of a primary node.
   *
   * `CLUSTER SLAVES` · group cluster · since 3.0.0.
   * Complexity: O(N) where N is the number of replicas.
   *
   * @returns
   * - A list of replica nodes replicating from the specified primary node provided in the same format used by CLUSTER NODES.
   *
   * @deprecated since 5.0.0. Use `CLUSTER REPLICAS` instead.
   * @since 3.0.0
   */
  clusterSlaves: command<[nodeId: RedisValue], string[]>(
    ['CLUSTER', 'SLAVES'],
    '3.0.0',
    [['v', 'nodeId', '', 0]],
    ['a', 's', 1],
  ),
  /**
   * Return an array of slot usage statistics for slots assigned to the current node.
   *
   * `CLUSTER SLOT-STATS` · group cluster · since 8.0.0.
   * Complexity: O(N) where N is the total number of slots based on arguments. O(N*log(N)) with ORDERBY subcommand.
   *
   * @returns
   * - Array of nested arrays, where the inner array element represents a slot and its respective usage statistics.
   * @since 8.0.0
   */
  clusterSlotStats: command<[filter: { SLOTSRANGE: { startSlot: number; endSlot: number } } | { ORDERBY: { metric: RedisValue; LIMIT?: number; order?: 'ASC' | 'DESC' } }], [number, { 'key-count'?: number; 'cpu-usec'?: number; 'network-bytes-in'?: number; 'network-bytes-out'?: number }][]>(
    ['CLUSTER', 'SLOT-STATS'],
    { redis: null, valkey: '8.0.0' },
    [['o', 'filter', '', 0, [['b', 'SLOTSRANGE', 'SLOTSRANGE', 0, [['v', 'startSlot', '', 0], ['v', 'endSlot', '', 0]]], ['b', 'ORDERBY', 'ORDERBY', 0, [['v', 'metric', '', 0], ['v', 'LIMIT', 'LIMIT', 1], ['o', 'order', '', 1, [['t', 'ASC', 'ASC', 0], ['t', 'DESC', 'DESC', 0]]]]]]]],
    ['a', ['t', ['n', ['o', { 'key-count': 'n', 'cpu-usec': 'n', 'network-bytes-in': 'n', 'network-bytes-out': 'n' }, 'r']], 'r'], 2],
  ),
  /**
   * Returns the mapping of cluster slots to nodes.
   *
   * `CLUSTER SLOTS` · group cluster · since 3.0.0.
   * Complexity: O(N) where N is the total number of Cluster nodes
   *
   * @returns
   * - Nested list of slot ranges with networking information.
   * @since 3.0.0
   */
  clusterSlots: command<[], [number, number, [string | null, number, string, { hostname?: string; ip?: string }], ...[string | null, number, string, { hostname?: string; ip?: string }][]][]>(
    ['CLUSTER', 'SLOTS'],
    '3.0.0',
    [],
    ['a', ['t', ['n', 'n', ['t', ['s', 'n', 's', ['o', { hostname: 's', ip: 's' }, 'r']], 'r']], ['t', ['s', 'n', 's', ['o', { hostname: 's', ip: 's' }, 'r']], 'r']], 1],
  ),
  /**
   * Enables read-only queries for a connection to a Valkey replica node.
   *
   * `READONLY` · group cluster · since 3.0.0.
   * Complexity: O(1)
   *
   * @returns 'OK'
   * @since 3.0.0
   */
  readonly: command<[], 'OK'>(
    ['READONLY'],
    '3.0.0',
    [],
    'r',
  ),
  /**
   * Enables read-write queries for a connection to a Valkey replica node.
   *
   * `READWRITE` · group cluster · since 3.0.0.
   * Complexity: O(1)
   *
   * @returns 'OK'
   * @since 3.0.0
   */
  readwrite: command<[], 'OK'>(
    ['READWRITE'],
    '3.0.0',
    [],
    'r',
  ),
};
