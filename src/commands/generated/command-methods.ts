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

import { bitmapCommands } from './methods/bitmap.js';
import { clusterCommands } from './methods/cluster.js';
import { connectionCommands } from './methods/connection.js';
import { genericCommands } from './methods/generic.js';
import { geoCommands } from './methods/geo.js';
import { hashCommands } from './methods/hash.js';
import { hyperloglogCommands } from './methods/hyperloglog.js';
import { listCommands } from './methods/list.js';
import { pubsubCommands } from './methods/pubsub.js';
import { scriptingCommands } from './methods/scripting.js';
import { sentinelCommands } from './methods/sentinel.js';
import { serverCommands } from './methods/server.js';
import { setCommands } from './methods/set.js';
import { sortedSetCommands } from './methods/sorted_set.js';
import { streamCommands } from './methods/stream.js';
import { stringCommands } from './methods/string.js';
import { transactionsCommands } from './methods/transactions.js';

export type * from './methods/bitmap.js';
export type * from './methods/cluster.js';
export type * from './methods/connection.js';
export type * from './methods/generic.js';
export type * from './methods/geo.js';
export type * from './methods/hash.js';
export type * from './methods/hyperloglog.js';
export type * from './methods/list.js';
export type * from './methods/pubsub.js';
export type * from './methods/scripting.js';
export type * from './methods/sentinel.js';
export type * from './methods/server.js';
export type * from './methods/set.js';
export type * from './methods/sorted_set.js';
export type * from './methods/stream.js';
export type * from './methods/string.js';
export type * from './methods/transactions.js';

/** Every command and subcommand of Redis 7.0-7.4 and Valkey 8.0, generated from the specs (name → definition). */
export const generatedCommands = {
  ...bitmapCommands,
  ...clusterCommands,
  ...connectionCommands,
  ...genericCommands,
  ...geoCommands,
  ...hashCommands,
  ...hyperloglogCommands,
  ...listCommands,
  ...pubsubCommands,
  ...scriptingCommands,
  ...sentinelCommands,
  ...serverCommands,
  ...setCommands,
  ...sortedSetCommands,
  ...streamCommands,
  ...stringCommands,
  ...transactionsCommands,
};

/** The generated table type. */
export type GeneratedCommands = typeof generatedCommands;

/** Method names by command group. */
export const COMMAND_GROUPS: Readonly<Record<string, readonly string[]>> = {
  bitmap: ['bitcount', 'bitfield', 'bitfieldRo', 'bitop', 'bitpos', 'getbit', 'setbit'],
  cluster: ['asking', 'clusterAddslots', 'clusterAddslotsrange', 'clusterBumpepoch', 'clusterCountFailureReports', 'clusterCountkeysinslot', 'clusterDelslots', 'clusterDelslotsrange', 'clusterFailover', 'clusterFlushslots', 'clusterForget', 'clusterGetkeysinslot', 'clusterHelp', 'clusterInfo', 'clusterKeyslot', 'clusterLinks', 'clusterMeet', 'clusterMyid', 'clusterMyshardid', 'clusterNodes', 'clusterReplicas', 'clusterReplicate', 'clusterReset', 'clusterSaveconfig', 'clusterSetConfigEpoch', 'clusterSetslot', 'clusterShards', 'clusterSlaves', 'clusterSlotStats', 'clusterSlots', 'readonly', 'readwrite'],
  connection: ['auth', 'clientCaching', 'clientCapa', 'clientGetname', 'clientGetredir', 'clientHelp', 'clientId', 'clientInfo', 'clientKill', 'clientList', 'clientNoEvict', 'clientNoTouch', 'clientPause', 'clientReply', 'clientSetinfo', 'clientSetname', 'clientTracking', 'clientTrackinginfo', 'clientUnblock', 'clientUnpause', 'echo', 'hello', 'ping', 'quit', 'reset', 'select'],
  generic: ['copy', 'del', 'dump', 'exists', 'expire', 'expireat', 'expiretime', 'keys', 'migrate', 'move', 'objectEncoding', 'objectFreq', 'objectHelp', 'objectIdletime', 'objectRefcount', 'persist', 'pexpire', 'pexpireat', 'pexpiretime', 'pttl', 'randomkey', 'rename', 'renamenx', 'restore', 'scan', 'sort', 'sortRo', 'touch', 'ttl', 'type', 'unlink', 'wait', 'waitaof'],
  geo: ['geoadd', 'geodist', 'geohash', 'geopos', 'georadius', 'georadiusRo', 'georadiusbymember', 'georadiusbymemberRo', 'geosearch', 'geosearchstore'],
  hash: ['hdel', 'hexists', 'hexpire', 'hexpireat', 'hexpiretime', 'hget', 'hgetall', 'hincrby', 'hincrbyfloat', 'hkeys', 'hlen', 'hmget', 'hmset', 'hpersist', 'hpexpire', 'hpexpireat', 'hpexpiretime', 'hpttl', 'hrandfield', 'hrandfieldWithValues', 'hscan', 'hset', 'hsetnx', 'hstrlen', 'httl', 'hvals'],
  hyperloglog: ['pfadd', 'pfcount', 'pfdebug', 'pfmerge', 'pfselftest'],
  list: ['blmove', 'blmpop', 'blpop', 'brpop', 'brpoplpush', 'lindex', 'linsert', 'llen', 'lmove', 'lmpop', 'lpop', 'lpos', 'lpush', 'lpushx', 'lrange', 'lrem', 'lset', 'ltrim', 'rpop', 'rpoplpush', 'rpush', 'rpushx'],
  pubsub: ['psubscribe', 'publish', 'pubsubChannels', 'pubsubHelp', 'pubsubNumpat', 'pubsubNumsub', 'pubsubShardchannels', 'pubsubShardnumsub', 'punsubscribe', 'spublish', 'ssubscribe', 'subscribe', 'sunsubscribe', 'unsubscribe'],
  scripting: ['eval', 'evalRo', 'evalsha', 'evalshaRo', 'fcall', 'fcallRo', 'functionDelete', 'functionDump', 'functionFlush', 'functionHelp', 'functionKill', 'functionList', 'functionLoad', 'functionRestore', 'functionStats', 'scriptDebug', 'scriptExists', 'scriptFlush', 'scriptHelp', 'scriptKill', 'scriptLoad', 'scriptShow'],
  sentinel: ['sentinelCkquorum', 'sentinelConfig', 'sentinelDebug', 'sentinelFailover', 'sentinelFlushconfig', 'sentinelGetMasterAddrByName', 'sentinelGetPrimaryAddrByName', 'sentinelHelp', 'sentinelInfoCache', 'sentinelIsMasterDownByAddr', 'sentinelIsPrimaryDownByAddr', 'sentinelMaster', 'sentinelMasters', 'sentinelMonitor', 'sentinelMyid', 'sentinelPendingScripts', 'sentinelPrimaries', 'sentinelPrimary', 'sentinelRemove', 'sentinelReplicas', 'sentinelReset', 'sentinelSentinels', 'sentinelSet', 'sentinelSimulateFailure', 'sentinelSlaves'],
  server: ['aclCat', 'aclDeluser', 'aclDryrun', 'aclGenpass', 'aclGetuser', 'aclHelp', 'aclList', 'aclLoad', 'aclLog', 'aclSave', 'aclSetuser', 'aclUsers', 'aclWhoami', 'bgrewriteaof', 'bgsave', 'commandCount', 'commandDocs', 'commandGetkeys', 'commandGetkeysandflags', 'commandHelp', 'commandInfo', 'commandList', 'configGet', 'configHelp', 'configResetstat', 'configRewrite', 'configSet', 'dbsize', 'debug', 'failover', 'flushall', 'flushdb', 'info', 'lastsave', 'latencyDoctor', 'latencyGraph', 'latencyHelp', 'latencyHistogram', 'latencyHistory', 'latencyLatest', 'latencyReset', 'lolwut', 'memoryDoctor', 'memoryHelp', 'memoryMallocStats', 'memoryPurge', 'memoryStats', 'memoryUsage', 'moduleHelp', 'moduleList', 'moduleLoad', 'moduleLoadex', 'moduleUnload', 'monitor', 'psync', 'replconf', 'replicaof', 'restoreAsking', 'role', 'save', 'shutdown', 'slaveof', 'slowlogGet', 'slowlogHelp', 'slowlogLen', 'slowlogReset', 'swapdb', 'sync', 'time'],
  set: ['sadd', 'scard', 'sdiff', 'sdiffstore', 'sinter', 'sintercard', 'sinterstore', 'sismember', 'smembers', 'smismember', 'smove', 'spop', 'srandmember', 'srem', 'sscan', 'sunion', 'sunionstore'],
  sorted_set: ['bzmpop', 'bzpopmax', 'bzpopmin', 'zadd', 'zcard', 'zcount', 'zdiff', 'zdiffWithScores', 'zdiffstore', 'zincrby', 'zinter', 'zinterWithScores', 'zintercard', 'zinterstore', 'zlexcount', 'zmpop', 'zmscore', 'zpopmax', 'zpopmin', 'zrandmember', 'zrandmemberWithScores', 'zrange', 'zrangeWithScores', 'zrangebylex', 'zrangebyscore', 'zrangebyscoreWithScores', 'zrangestore', 'zrank', 'zrem', 'zremrangebylex', 'zremrangebyrank', 'zremrangebyscore', 'zrevrange', 'zrevrangeWithScores', 'zrevrangebylex', 'zrevrangebyscore', 'zrevrangebyscoreWithScores', 'zrevrank', 'zscan', 'zscore', 'zunion', 'zunionWithScores', 'zunionstore'],
  stream: ['xack', 'xadd', 'xautoclaim', 'xclaim', 'xdel', 'xgroupCreate', 'xgroupCreateconsumer', 'xgroupDelconsumer', 'xgroupDestroy', 'xgroupHelp', 'xgroupSetid', 'xinfoConsumers', 'xinfoGroups', 'xinfoHelp', 'xinfoStream', 'xlen', 'xpending', 'xrange', 'xread', 'xreadgroup', 'xrevrange', 'xsetid', 'xtrim'],
  string: ['append', 'decr', 'decrby', 'get', 'getdel', 'getex', 'getrange', 'getset', 'incr', 'incrby', 'incrbyfloat', 'lcs', 'mget', 'mset', 'msetnx', 'psetex', 'set', 'setex', 'setnx', 'setrange', 'strlen', 'substr'],
  transactions: ['discard', 'exec', 'multi', 'unwatch', 'watch'],
};
