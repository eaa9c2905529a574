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

/** Options of {@link geoCommands}. */
export interface GeoaddOptions {
  condition?: 'NX' | 'XX';
  CH?: boolean;
}

/** Options of {@link geoCommands}. */
export interface GeoradiusOptions {
  WITHCOORD?: boolean;
  WITHDIST?: boolean;
  WITHHASH?: boolean;
  countBlock?: { COUNT: number; ANY?: boolean };
  order?: 'ASC' | 'DESC';
  store?: { STORE: RedisKey } | { STOREDIST: RedisKey };
}

/** Options of {@link geoCommands}. */
export interface GeoradiusRoOptions {
  WITHCOORD?: boolean;
  WITHDIST?: boolean;
  WITHHASH?: boolean;
  countBlock?: { COUNT: number; ANY?: boolean };
  order?: 'ASC' | 'DESC';
}

/** Options of {@link geoCommands}. */
export interface GeoradiusbymemberOptions {
  WITHCOORD?: boolean;
  WITHDIST?: boolean;
  WITHHASH?: boolean;
  countBlock?: { COUNT: number; ANY?: boolean };
  order?: 'ASC' | 'DESC';
  store?: { STORE: RedisKey } | { STOREDIST: RedisKey };
}

/** Options of {@link geoCommands}. */
export interface GeoradiusbymemberRoOptions {
  WITHCOORD?: boolean;
  WITHDIST?: boolean;
  WITHHASH?: boolean;
  countBlock?: { COUNT: number; ANY?: boolean };
  order?: 'ASC' | 'DESC';
}

/** Options of {@link geoCommands}. */
export interface GeosearchOptions {
  order?: 'ASC' | 'DESC';
  countBlock?: { COUNT: number; ANY?: boolean };
  WITHCOORD?: boolean;
  WITHDIST?: boolean;
  WITHHASH?: boolean;
}

/** Options of {@link geoCommands}. */
export interface GeosearchstoreOptions {
  order?: 'ASC' | 'DESC';
  countBlock?: { COUNT: number; ANY?: boolean };
  STOREDIST?: boolean;
}

/** Commands of the geo group. */
export const geoCommands = {
  /**
   * Adds one or more members to a geospatial index. The key is created if it doesn't exist.
   *
   * `GEOADD` · group geo · since 3.2.0.
   * Complexity: O(log(N)) for each item added, where N is the number of elements in the sorted set.
   *
   * @returns
   * - When used without optional arguments, the number of elements added to the sorted set (excluding score updates). If the CH option is specified, the number of elements that were changed (added or updated).
   * @since 3.2.0
   */
  geoadd: command<[key: RedisKey, data: Array<{ longitude: number; latitude: number; member: RedisValue }>, options?: GeoaddOptions], number>(
    ['GEOADD'],
    '3.2.0',
    [['v', 'key', '', 0], ['o', 'condition', '', 1, [['t', 'NX', 'NX', 0], ['t', 'XX', 'XX', 0]]], ['t', 'CH', 'CH', 1], ['b', 'data', '', 2, [['v', 'longitude', '', 0], ['v', 'latitude', '', 0], ['v', 'member', '', 0]]]],
    'n',
  ),
  /**
   * Returns the distance between two members of a geospatial index.
   *
   * `GEODIST` · group geo · since 3.2.0.
   * Complexity: O(1)
   *
   * @returns
   * - One or both of elements are missing.
   * - Distance as a double (represented as a string) in the specified units.
   * @since 3.2.0
   */
  geodist: command<[key: RedisKey, member1: RedisValue, member2: RedisValue, unit?: 'm' | 'km' | 'ft' | 'mi'], null | string>(
    ['GEODIST'],
    '3.2.0',
    [['v', 'key', '', 0], ['v', 'member1', '', 0], ['v', 'member2', '', 0], ['o', 'unit', '', 1, [['t', 'm', 'm', 0], ['t', 'km', 'km', 0], ['t', 'ft', 'ft', 0], ['t', 'mi', 'mi', 0]]]],
    's',
  ),
  /**
   * Returns members from a geospatial index as geohash strings.
   *
   * `GEOHASH` · group geo · since 3.2.0.
   * Complexity: O(1) for each member requested.
   *
   * @returns
   * - An array where each element is the Geohash corresponding to each member name passed as argument to the command.
   * @since 3.2.0
   */
  geohash: command<[key: RedisKey, ...member: RedisValue[]], string[]>(
    ['GEOHASH'],
    '3.2.0',
    [['v', 'key', '', 0], ['v', 'member', '', 3]],
    ['a', 's', 1],
  ),
  /**
   * Returns the longitude and latitude of members from a geospatial index.
   *
   * `GEOPOS` · group geo · since 3.2.0.
   * Complexity: O(1) for each member requested.
   *
   * @returns
   * - An array where each element is a two elements array representing longitude and latitude (x,y) of each member name passed as argument to the command
   * @since 3.2.0
   */
  geopos: command<[key: RedisKey, ...member: RedisValue[]], (null | [number, number])[]>(
    ['GEOPOS'],
    '3.2.0',
    [['v', 'key', '', 0], ['v', 'member', '', 3]],
    ['a', ['t', ['n', 'n'], 'r'], 1],
  ),
  /**
   * Queries a geospatial index for members within a distance from a coordinate, optionally stores the result.
   *
   * `GEORADIUS` · group geo · since 3.2.0.
   * Complexity: O(N+log(M)) where N is the number of elements inside the bounding box of the circular area delimited by center and radius and M is the number of items inside the index.
   *
   * @returns
   * - If no WITH* option is specified, array of matched members names.
   * - Number of items stored in key.
   *
   * @deprecated since 6.2.0. Use `GEOSEARCH` and `GEOSEARCHSTORE` with the `BYRADIUS` argument instead.
   * @since 3.2.0
   */
  georadius: command<[key: RedisKey, longitude: number, latitude: number, radius: number, unit: 'm' | 'km' | 'ft' | 'mi', options?: GeoradiusOptions], string[] | [string, ...(string | number | [number, number])[]][] | number>(
    ['GEORADIUS'],
    '3.2.0',
    [['v', 'key', '', 0], ['v', 'longitude', '', 0], ['v', 'latitude', '', 0], ['v', 'radius', '', 0], ['o', 'unit', '', 0, [['t', 'm', 'm', 0], ['t', 'km', 'km', 0], ['t', 'ft', 'ft', 0], ['t', 'mi', 'mi', 0]]], ['t', 'WITHCOORD', 'WITHCOORD', 1], ['t', 'WITHDIST', 'WITHDIST', 1], ['t', 'WITHHASH', 'WITHHASH', 1], ['b', 'countBlock', '', 1, [['v', 'COUNT', 'COUNT', 0], ['t', 'ANY', 'ANY', 1]]], ['o', 'order', '', 1, [['t', 'ASC', 'ASC', 0], ['t', 'DESC', 'DESC', 0]]], ['o', 'store', '', 1, [['v', 'STORE', 'STORE', 0], ['v', 'STOREDIST', 'STOREDIST', 0]]]],
    ['u', [['a', 's', 1], ['a', ['t', ['s'], ['u', ['s', 'n', ['t', ['n', 'n'], 'r']]]], 1], 'n']],
  ),
  /**
   * Returns members from a geospatial index that are within a distance from a coordinate.
   *
   * `GEORADIUS_RO` · group geo · since 3.2.10.
   * Complexity: O(N+log(M)) where N is the number of elements inside the bounding box of the circular area delimited by center and radius and M is the number of items inside the index.
   *
   * @returns
   * - If no WITH* option is specified, array of matched members names.
   *
   * @deprecated since 6.2.0. Use `GEOSEARCH` with the `BYRADIUS` argument instead.
   * @since 3.2.10
   */
  georadiusRo: command<[key: RedisKey, longitude: number, latitude: number, radius: number, unit: 'm' | 'km' | 'ft' | 'mi', options?: GeoradiusRoOptions], string[] | [string, ...(string | number | [number, number])[]][]>(
    ['GEORADIUS_RO'],
    '3.2.10',
    [['v', 'key', '', 0], ['v', 'longitude', '', 0], ['v', 'latitude', '', 0], ['v', 'radius', '', 0], ['o', 'unit', '', 0, [['t', 'm', 'm', 0], ['t', 'km', 'km', 0], ['t', 'ft', 'ft', 0], ['t', 'mi', 'mi', 0]]], ['t', 'WITHCOORD', 'WITHCOORD', 1], ['t', 'WITHDIST', 'WITHDIST', 1], ['t', 'WITHHASH', 'WITHHASH', 1], ['b', 'countBlock', '', 1, [['v', 'COUNT', 'COUNT', 0], ['t', 'ANY', 'ANY', 1]]], ['o', 'order', '', 1, [['t', 'ASC', 'ASC', 0], ['t', 'DESC', 'DESC', 0]]]],
    ['u', [['a', 's', 1], ['a', ['t', ['s'], ['u', ['s', 'n', ['t', ['n', 'n'], 'r']]]], 1]]],
  ),
  /**
   * Queries a geospatial index for members within a distance from a member, optionally stores the result.
   *
   * `GEORADIUSBYMEMBER` · group geo · since 3.2.0.
   * Complexity: O(N+log(M)) where N is the number of elements inside the bounding box of the circular area delimited by center and radius and M is the number of items inside the index.
   *
   * @returns
   * - If no WITH* option is specified, array of matched members names.
   * - Number of items stored in key.
   *
   * @deprecated since 6.2.0. Use `GEOSEARCH` and `GEOSEARCHSTORE` with the `BYRADIUS` and `FROMMEMBER` arguments instead.
   * @since 3.2.0
   */
  georadiusbymember: command<[key: RedisKey, member: RedisValue, radius: number, unit: 'm' | 'km' | 'ft' | 'mi', options?: GeoradiusbymemberOptions], string[] | [string, ...(string | number | [number, number])[]][] | number>(
    ['GEORADIUSBYMEMBER'],
    '3.2.0',
    [['v', 'key', '', 0], ['v', 'member', '', 0], ['v', 'radius', '', 0], ['o', 'unit', '', 0, [['t', 'm', 'm', 0], ['t', 'km', 'km', 0], ['t', 'ft', 'ft', 0], ['t', 'mi', 'mi', 0]]], ['t', 'WITHCOORD', 'WITHCOORD', 1], ['t', 'WITHDIST', 'WITHDIST', 1], ['t', 'WITHHASH', 'WITHHASH', 1], ['b', 'countBlock', '', 1, [['v', 'COUNT', 'COUNT', 0], ['t', 'ANY', 'ANY', 1]]], ['o', 'order', '', 1, [['t', 'ASC', 'ASC', 0], ['t', 'DESC', 'DESC', 0]]], ['o', 'store', '', 1, [['v', 'STORE', 'STORE', 0], ['v', 'STOREDIST', 'STOREDIST', 0]]]],
    ['u', [['a', 's', 1], ['a', ['t', ['s'], ['u', ['s', 'n', ['t', ['n', 'n'], 'r']]]], 1], 'n']],
  ),
  /**
   * Returns members from a geospatial index that are within a distance from a member.
   *
   * `GEORADIUSBYMEMBER_RO` · group geo · since 3.2.10.
   * Complexity: O(N+log(M)) where N is the number of elements inside the bounding box of the circular area delimited by center and radius and M is the number of items inside the index.
   *
   * @returns
   * - If no WITH* option is specified, array of matched members names.
   *
   * @deprecated since 6.2.0. Use `GEOSEARCH` with the `BYRADIUS` and `FROMMEMBER` arguments instead.
   * @since 3.2.10
   */
  georadiusbymemberRo: command<[key: RedisKey, member: RedisValue, radius: number, unit: 'm' | 'km' | 'ft' | 'mi', options?: GeoradiusbymemberRoOptions], string[] | [string, ...(string | number | [number, number])[]][]>(
    ['GEORADIUSBYMEMBER_RO'],
    '3.2.10',
    [['v', 'key', '', 0], ['v', 'member', '', 0], ['v', 'radius', '', 0], ['o', 'unit', '', 0, [['t', 'm', 'm', 0], ['t', 'km', 'km', 0], ['t', 'ft', 'ft', 0], ['t', 'mi', 'mi', 0]]], ['t', 'WITHCOORD', 'WITHCOORD', 1], ['t', 'WITHDIST', 'WITHDIST', 1], ['t', 'WITHHASH', 'WITHHASH', 1], ['b', 'countBlock', '', 1, [['v', 'COUNT', 'COUNT', 0], ['t', 'ANY', 'ANY', 1]]], ['o', 'order', '', 1, [['t', 'ASC', 'ASC', 0], ['t', 'DESC', 'DESC', 0]]]],
    ['u', [['a', 's', 1], ['a', ['t', ['s'], ['u', ['s', 'n', ['t', ['n', 'n'], 'r']]]], 1]]],
  ),
  /**
   * Queries a geospatial index for members inside an area of a box or a circle.
   *
   * `GEOSEARCH` · group geo · since 6.2.0.
   * Complexity: O(N+log(M)) where N is the number of elements in the grid-aligned bounding box area around the shape provided as the filter and M is the number of items inside the shape
   *
   * @returns
   * - If no WITH* option is specified, array of matched members names.
   * @since 6.2.0
   */
  geosearch: command<[key: RedisKey, from: { FROMMEMBER: RedisValue } | { FROMLONLAT: { longitude: number; latitude: number } }, by: { circle: { BYRADIUS: number; unit: 'm' | 'km' | 'ft' | 'mi' } } | { box: { BYBOX: number; height: number; unit: 'm' | 'km' | 'ft' | 'mi' } }, options?: GeosearchOptions], string[] | [string, ...(string | number | [number, number])[]][]>(
    ['GEOSEARCH'],
    '6.2.0',
    [['v', 'key', '', 0], ['o', 'from', '', 0, [['v', 'FROMMEMBER', 'FROMMEMBER', 0], ['b', 'FROMLONLAT', 'FROMLONLAT', 0, [['v', 'longitude', '', 0], ['v', 'latitude', '', 0]]]]], ['o', 'by', '', 0, [['b', 'circle', '', 0, [['v', 'BYRADIUS', 'BYRADIUS', 0], ['o', 'unit', '', 0, [['t', 'm', 'm', 0], ['t', 'km', 'km', 0], ['t', 'ft', 'ft', 0], ['t', 'mi', 'mi', 0]]]]], ['b', 'box', '', 0, [['v', 'BYBOX', 'BYBOX', 0], ['v', 'height', '', 0], ['o', 'unit', '', 0, [['t', 'm', 'm', 0], ['t', 'km', 'km', 0], ['t', 'ft', 'ft', 0], ['t', 'mi', 'mi', 0]]]]]]], ['o', 'order', '', 1, [['t', 'ASC', 'ASC', 0], ['t', 'DESC', 'DESC', 0]]], ['b', 'countBlock', '', 1, [['v', 'COUNT', 'COUNT', 0], ['t', 'ANY', 'ANY', 1]]], ['t', 'WITHCOORD', 'WITHCOORD', 1], ['t', 'WITHDIST', 'WITHDIST', 1], ['t', 'WITHHASH', 'WITHHASH', 1]],
    ['u', [['a', 's', 1], ['a', ['t', ['s'], ['u', ['s', 'n', ['t', ['n', 'n'], 'r']]]], 1]]],
  ),
  /**
   * Queries a geospatial index for members inside an area of a box or a circle, optionally stores the result.
   *
   * `GEOSEARCHSTORE` · group geo · since 6.2.0.
   * Complexity: O(N+log(M)) where N is the number of elements in the grid-aligned bounding box area around the shape provided as the filter and M is the number of items inside the shape
   *
   * @returns
   * - The number of elements in the resulting set.
   * @since 6.2.0
   */
  geosearchstore: command<[destination: RedisKey, source: RedisKey, from: { FROMMEMBER: RedisValue } | { FROMLONLAT: { longitude: number; latitude: number } }, by: { circle: { BYRADIUS: number; unit: 'm' | 'km' | 'ft' | 'mi' } } | { box: { BYBOX: number; height: number; unit: 'm' | 'km' | 'ft' | 'mi' } }, options?: GeosearchstoreOptions], number>(
    ['GEOSEARCHSTORE'],
    '6.2.0',
    [['v', 'destination', '', 0], ['v', 'source', '', 0], ['o', 'from', '', 0, [['v', 'FROMMEMBER', 'FROMMEMBER', 0], ['b', 'FROMLONLAT', 'FROMLONLAT', 0, [['v', 'longitude', '', 0], ['v', 'latitude', '', 0]]]]], ['o', 'by', '', 0, [['b', 'circle', '', 0, [['v', 'BYRADIUS', 'BYRADIUS', 0], ['o', 'unit', '', 0, [['t', 'm', 'm', 0], ['t', 'km', 'km', 0], ['t', 'ft', 'ft', 0], ['t', 'mi', 'mi', 0]]]]], ['b', 'box', '', 0, [['v', 'BYBOX', 'BYBOX', 0], ['v', 'height', '', 0], ['o', 'unit', '', 0, [['t', 'm', 'm', 0], ['t', 'km', 'km', 0], ['t', 'ft', 'ft', 0], ['t', 'mi', 'mi', 0]]]]]]], ['o', 'order', '', 1, [['t', 'ASC', 'ASC', 0], ['t', 'DESC', 'DESC', 0]]], ['b', 'countBlock', '', 1, [['v', 'COUNT', 'COUNT', 0], ['t', 'ANY', 'ANY', 1]]], ['t', 'STOREDIST', 'STOREDIST', 1]],
    'n',
  ),
};
