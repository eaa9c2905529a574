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

/** Options of {@link sentinelCommands}. */
export interface SentinelDebugOptions {
  data?: Array<{ parameter: RedisValue; value: RedisValue }>;
}

/** Commands of the sentinel group. */
export const sentinelCommands = {
  /**
   * Checks for a Sentinel quorum.
   *
   * `SENTINEL CKQUORUM` · group sentinel · since 2.8.4.
   *
   * @returns
   * - Returns OK if the current Sentinel configuration is able to reach the quorum needed to failover a primary, and the majority needed to authorize the failover.
   * @since 2.8.4
   */
  sentinelCkquorum: command<[primaryName: RedisValue], string>(
    ['SENTINEL', 'CKQUORUM'],
    { redis: '2.8.4', valkey: '7.2.4', sentinel: true },
    [['v', 'primaryName', '', 0]],
    's',
  ),
  /**
   * Configures Sentinel.
   *
   * `SENTINEL CONFIG` · group sentinel · since 6.2.0.
   * Complexity: O(N) when N is the number of configuration parameters provided
   *
   * @returns
   * - When 'SENTINEL-CONFIG GET' is called, returns a map.
   * - When 'SENTINEL-CONFIG SET' is called, returns OK on success.
   * @since 6.2.0
   */
  sentinelConfig: command<[action: { SET: Array<{ parameter: RedisValue; value: RedisValue }> } | { GET: RedisValue[] }], { 'resolve-hostnames'?: 'yes' | 'no'; 'announce-hostnames'?: 'yes' | 'no'; 'announce-ip'?: string; 'announce-port'?: string; 'sentinel-user'?: string; 'sentinel-pass'?: string; loglevel?: 'debug' | 'verbose' | 'notice' | 'warning' | 'nothing' | 'unknown' } | 'OK'>(
    ['SENTINEL', 'CONFIG'],
    { redis: '6.2.0', valkey: '7.2.4', sentinel: true },
    [['o', 'action', '', 0, [['b', 'SET', 'SET', 2, [['v', 'parameter', '', 0], ['v', 'value', '', 0]]], ['v', 'GET', 'GET', 2]]]],
    ['u', [['o', { 'resolve-hostnames': 'r', 'announce-hostnames': 'r', 'announce-ip': 's', 'announce-port': 's', 'sentinel-user': 's', 'sentinel-pass': 's', loglevel: 'r' }, 'r'], 'r']],
  ),
  /**
   * Lists or updates the current configurable parameters of Sentinel.
   *
   * `SENTINEL DEBUG` · group sentinel · since 7.0.0.
   * Complexity: O(N) where N is the number of configurable parameters
   *
   * @returns
   * - The configuration update was successful.
   * - List of configurable time parameters and their values (milliseconds).
   * @since 7.0.0
   */
  sentinelDebug: command<[options?: SentinelDebugOptions], 'OK' | Record<string, string>>(
    ['SENTINEL', 'DEBUG'],
    { redis: '7.0.0', valkey: '7.2.4', sentinel: true },
    [['b', 'data', '', 3, [['v', 'parameter', '', 0], ['v', 'value', '', 0]]]],
    ['u', ['r', ['m', 's']]],
  ),
  /**
   * Forces a Sentinel failover.
   *
   * `SENTINEL FAILOVER` · group sentinel · since 2.8.4.
   *
   * @returns
   * - Force a fail over as if the primary was not reachable, and without asking for agreement to other Sentinels.
   * @since 2.8.4
   */
  sentinelFailover: command<[primaryName: RedisValue], 'OK'>(
    ['SENTINEL', 'FAILOVER'],
    { redis: '2.8.4', valkey: '7.2.4', sentinel: true },
    [['v', 'primaryName', '', 0]],
    'r',
  ),
  /**
   * Rewrites the Sentinel configuration file.
   *
   * `SENTINEL FLUSHCONFIG` · group sentinel · since 2.8.4.
   * Complexity: O(1)
   *
   * @returns
   * - Force Sentinel to rewrite its configuration on disk, including the current Sentinel state.
   * @since 2.8.4
   */
  sentinelFlushconfig: command<[], 'OK'>(
    ['SENTINEL', 'FLUSHCONFIG'],
    { redis: '2.8.4', valkey: '7.2.4', sentinel: true },
    [],
    'r',
  ),
  /**
   * Returns the port and address of a primary instance.
   *
   * `SENTINEL GET-MASTER-ADDR-BY-NAME` · group sentinel · since 2.8.4.
   * Complexity: O(1)
   *
   * @returns [string, string]
   *
   * @deprecated since 8.0.0. Use `SENTINEL GET-PRIMARY-ADDR-BY-NAME` instead.
   * @since 2.8.4
   */
  sentinelGetMasterAddrByName: command<[primaryName: RedisValue], [string, string]>(
    ['SENTINEL', 'GET-MASTER-ADDR-BY-NAME'],
    { redis: '2.8.4', valkey: '7.2.4', sentinel: true },
    [['v', 'primaryName', '', 0]],
    ['t', ['s', 's'], 'r'],
  ),
  /**
   * Returns the port and address of a primary instance.
   *
   * `SENTINEL GET-PRIMARY-ADDR-BY-NAME` · group sentinel · since 8.0.0.
   * Complexity: O(1)
   *
   * @returns [string, string]
   * @since 8.0.0
   */
  sentinelGetPrimaryAddrByName: command<[primaryName: RedisValue], [string, string]>(
    ['SENTINEL', 'GET-PRIMARY-ADDR-BY-NAME'],
    { redis: null, valkey: '8.0.0', sentinel: true },
    [['v', 'primaryName', '', 0]],
    ['t', ['s', 's'], 'r'],
  ),
  /**
   * Returns helpful text about the different subcommands.
   *
   * `SENTINEL HELP` · group sentinel · since 6.2.0.
   * Complexity: O(1)
   *
   * @returns
   * - Helpful text about subcommands.
   * @since 6.2.0
   */
  sentinelHelp: command<[], string[]>(
    ['SENTINEL', 'HELP'],
    { redis: '6.2.0', valkey: '7.2.4', sentinel: true },
    [],
    ['a', 's', 1],
  ),
  /**
   * Returns the cached `INFO` replies from the deployment's instances.
   *
   * `SENTINEL INFO-CACHE` · group sentinel · since 3.2.0.
   * Complexity: O(N) where N is the number of instances
   *
   * @returns
   * - This is actually a map, the odd entries are a primary name, and the even entries are the last cached INFO output from that primary and all its replicas.
   * @since 3.2.0
   */
  sentinelInfoCache: command<[...nodename: RedisValue[]], [string | [number, string | null]]>(
    ['SENTINEL', 'INFO-CACHE'],
    { redis: '3.2.0', valkey: '7.2.4', sentinel: true },
    [['v', 'nodename', '', 2]],
    ['t', [['u', ['s', ['t', ['n', 's'], 'r']]]], 'r'],
  ),
  /**
   * Determines whether a primary instance is down.
   *
   * `SENTINEL IS-MASTER-DOWN-BY-ADDR` · group sentinel · since 2.8.4.
   * Complexity: O(1)
   *
   * @returns [0 | 1, string, number]
   *
   * @deprecated since 8.0.0. Use `SENTINEL IS-PRIMARY-DOWN-BY-ADDR` instead.
   * @since 2.8.4
   */
  sentinelIsMasterDownByAddr: command<[ip: RedisValue, port: number, currentEpoch: number, runid: RedisValue], [0 | 1, string, number]>(
    ['SENTINEL', 'IS-MASTER-DOWN-BY-ADDR'],
    { redis: '2.8.4', valkey: '7.2.4', sentinel: true },
    [['v', 'ip', '', 0], ['v', 'port', '', 0], ['v', 'currentEpoch', '', 0], ['v', 'runid', '', 0]],
    ['t', ['n', 's', 'n'], 'r'],
  ),
  /**
   * Determines whether a primary instance is down.
   *
   * `SENTINEL IS-PRIMARY-DOWN-BY-ADDR` · group sentinel · since 8.0.0.
   * Complexity: O(1)
   *
   * @returns [0 | 1, string, number]
   * @since 8.0.0
   */
  sentinelIsPrimaryDownByAddr: command<[ip: RedisValue, port: number, currentEpoch: number, runid: RedisValue], [0 | 1, string, number]>(
    ['SENTINEL', 'IS-PRIMARY-DOWN-BY-ADDR'],
    { redis: null, valkey: '8.0.0', sentinel: true },
    [['v', 'ip', '', 0], ['v', 'port', '', 0], ['v', 'currentEpoch', '', 0], ['v', 'runid', '', 0]],
    ['t', ['n', 's', 'n'], 'r'],
  ),
  /**
   * Returns the state of a primary instance.
   *
   * `SENTINEL MASTER` · group sentinel · since 2.8.4.
   * Complexity: O(1)
   *
   * @returns
   * - The state and info of the specified primary.
   *
   * @deprecated since 8.0.0. Use `SENTINEL PRIMARY` instead.
   * @since 2.8.4
   */
  sentinelMaster: command<[primaryName: RedisValue], Record<string, string>>(
    ['SENTINEL', 'MASTER'],
    { redis: '2.8.4', valkey: '7.2.4', sentinel: true },
    [['v', 'primaryName', '', 0]],
    ['m', 's'],
  ),
  /**
   * Returns a list of monitored primaries.
   *
   * `SENTINEL MASTERS` · group sentinel · since 2.8.4.
   * Complexity: O(N) where N is the number of primaries
   *
   * @returns
   * - List of monitored primaries, and their states.
   *
   * @deprecated since 8.0.0. Use `SENTINEL PRIMARIES` instead.
   * @since 2.8.4
   */
  sentinelMasters: command<[], (Record<string, string>)[]>(
    ['SENTINEL', 'MASTERS'],
    { redis: '2.8.4', valkey: '7.2.4', sentinel: true },
    [],
    ['a', ['m', 's'], 1],
  ),
  /**
   * Starts monitoring.
   *
   * `SENTINEL MONITOR` · group sentinel · since 2.8.4.
   * Complexity: O(1)
   *
   * @returns 'OK'
   * @since 2.8.4
   */
  sentinelMonitor: command<[name: RedisValue, ip: RedisValue, port: number, quorum: number], 'OK'>(
    ['SENTINEL', 'MONITOR'],
    { redis: '2.8.4', valkey: '7.2.4', sentinel: true },
    [['v', 'name', '', 0], ['v', 'ip', '', 0], ['v', 'port', '', 0], ['v', 'quorum', '', 0]],
    'r',
  ),
  /**
   * Returns the Sentinel instance ID.
   *
   * `SENTINEL MYID` · group sentinel · since 6.2.0.
   * Complexity: O(1)
   *
   * @returns
   * - Node ID of the sentinel instance.
   * @since 6.2.0
   */
  sentinelMyid: command<[], string>(
    ['SENTINEL', 'MYID'],
    { redis: '6.2.0', valkey: '7.2.4', sentinel: true },
    [],
    's',
  ),
  /**
   * Returns information about pending scripts for Sentinel.
   *
   * `SENTINEL PENDING-SCRIPTS` · group sentinel · since 2.8.4.
   *
   * @returns
   * - List of pending scripts.
   * @since 2.8.4
   */
  sentinelPendingScripts: command<[], { argv?: string[]; flags?: string; pid?: string; 'run-time'?: string; 'run-delay'?: string; 'retry-num'?: string }[]>(
    ['SENTINEL', 'PENDING-SCRIPTS'],
    { redis: '2.8.4', valkey: '7.2.4', sentinel: true },
    [],
    ['a', ['o', { argv: ['a', 's', 1], flags: 's', pid: 's', 'run-time': 's', 'run-delay': 's', 'retry-num': 's' }, 'r'], 1],
  ),
  /**
   * Returns a list of monitored primaries.
   *
   * `SENTINEL PRIMARIES` · group sentinel · since 8.0.0.
   * Complexity: O(N) where N is the number of primaries
   *
   * @returns
   * - List of monitored primaries, and their states.
   * @since 8.0.0
   */
  sentinelPrimaries: command<[], (Record<string, string>)[]>(
    ['SENTINEL', 'PRIMARIES'],
    { redis: null, valkey: '8.0.0', sentinel: true },
    [],
    ['a', ['m', 's'], 1],
  ),
  /**
   * Returns the state of a primary instance.
   *
   * `SENTINEL PRIMARY` · group sentinel · since 8.0.0.
   * Complexity: O(1)
   *
   * @returns
   * - The state and info of the specified primary.
   * @since 8.0.0
   */
  sentinelPrimary: command<[primaryName: RedisValue], Record<string, string>>(
    ['SENTINEL', 'PRIMARY'],
    { redis: null, valkey: '8.0.0', sentinel: true },
    [['v', 'primaryName', '', 0]],
    ['m', 's'],
  ),
  /**
   * Stops monitoring.
   *
   * `SENTINEL REMOVE` · group sentinel · since 2.8.4.
   * Complexity: O(1)
   *
   * @returns 'OK'
   * @since 2.8.4
   */
  sentinelRemove: command<[primaryName: RedisValue], 'OK'>(
    ['SENTINEL', 'REMOVE'],
    { redis: '2.8.4', valkey: '7.2.4', sentinel: true },
    [['v', 'primaryName', '', 0]],
    'r',
  ),
  /**
   * Returns a list of the monitored replicas.
   *
   * `SENTINEL REPLICAS` · group sentinel · since 5.0.0.
   * Complexity: O(N) where N is the number of replicas
   *
   * @returns
   * - List of replicas for this primary, and their state.
   * @since 5.0.0
   */
  sentinelReplicas: command<[primaryName: RedisValue], (Record<string, string>)[]>(
    ['SENTINEL', 'REPLICAS'],
    { redis: '5.0.0', valkey: '7.2.4', sentinel: true },
    [['v', 'primaryName', '', 0]],
    ['a', ['m', 's'], 1],
  ),
  /**
   * Resets primaries by name matching a pattern.
   *
   * `SENTINEL RESET` · group sentinel · since 2.8.4.
   * Complexity: O(N) where N is the number of monitored primaries
   *
   * @returns
   * - The number of primaries that were reset.
   * @since 2.8.4
   */
  sentinelReset: command<[pattern: RedisValue], number>(
    ['SENTINEL', 'RESET'],
    { redis: '2.8.4', valkey: '7.2.4', sentinel: true },
    [['v', 'pattern', '', 0]],
    'n',
  ),
  /**
   * Returns a list of Sentinel instances.
   *
   * `SENTINEL SENTINELS` · group sentinel · since 2.8.4.
   * Complexity: O(N) where N is the number of Sentinels
   *
   * @returns
   * - List of sentinel instances, and their state.
   * @since 2.8.4
   */
  sentinelSentinels: command<[primaryName: RedisValue], (Record<string, string>)[]>(
    ['SENTINEL', 'SENTINELS'],
    { redis: '2.8.4', valkey: '7.2.4', sentinel: true },
    [['v', 'primaryName', '', 0]],
    ['a', ['m', 's'], 1],
  ),
  /**
   * Changes the configuration of a monitored primary.
   *
   * `SENTINEL SET` · group sentinel · since 2.8.4.
   * Complexity: O(1)
   *
   * @returns 'OK'
   * @since 2.8.4
   */
  sentinelSet: command<[primaryName: RedisValue, ...data: Array<{ option: RedisValue; value: RedisValue }>], 'OK'>(
    ['SENTINEL', 'SET'],
    { redis: '2.8.4', valkey: '7.2.4', sentinel: true },
    [['v', 'primaryName', '', 0], ['b', 'data', '', 2, [['v', 'option', '', 0], ['v', 'value', '', 0]]]],
    'r',
  ),
  /**
   * Simulates failover scenarios.
   *
   * `SENTINEL SIMULATE-FAILURE` · group sentinel · since 3.2.0.
   *
   * @returns
   * - The simulated flag was set.
   * - Supported simulates flags. Returned in case `HELP` was used.
   * @since 3.2.0
   */
  sentinelSimulateFailure: command<[...mode: Array<''>], 'OK' | string[]>(
    ['SENTINEL', 'SIMULATE-FAILURE'],
    { redis: '3.2.0', valkey: '7.2.4', sentinel: true },
    [['o', 'mode', '', 3, [['t', 'crashAfterElection', '', 0], ['t', 'crashAfterPromotion', '', 0], ['t', 'help', '', 0]]]],
    ['u', ['r', ['a', 's', 1]]],
  ),
  /**
   * Returns a list of the monitored replicas.
   *
   * `SENTINEL SLAVES` · group sentinel · since 2.8.0.
   * Complexity: O(N) where N is the number of replicas.
   *
   * @returns
   * - List of monitored replicas, and their state.
   *
   * @deprecated since 5.0.0. Use `SENTINEL REPLICAS` instead.
   * @since 2.8.0
   */
  sentinelSlaves: command<[primaryName: RedisValue], (Record<string, string>)[]>(
    ['SENTINEL', 'SLAVES'],
    { redis: '2.8.0', valkey: '7.2.4', sentinel: true },
    [['v', 'primaryName', '', 0]],
    ['a', ['m', 's'], 1],
  ),
};
