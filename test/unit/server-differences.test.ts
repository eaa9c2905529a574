/**
 * Where the servers in the matrix answer differently, on literal replies captured from each
 * (Redis 7.0.15 / 7.2.6 / 7.4.1 and Valkey 8.0.1 from ../shared/servers), and what the client reads.
 */
import { describe, expect, it } from 'vitest';
import { serverMode } from '../../src/address/index.js';

const REDIS_72_INFO = [
  '# Server',
  'redis_version:7.2.6',
  'redis_git_sha1:00000000',
  'redis_git_dirty:0',
  'redis_build_id:57e195e3128d3030',
  'redis_mode:cluster',
  'os:Linux 6.18.44-fc-v657 x86_64',
  '',
].join('\r\n');

const VALKEY_8_INFO = [
  '# Server',
  'redis_version:7.2.4',
  'server_name:valkey',
  'valkey_version:8.0.1',
  'redis_git_sha1:00000000',
  'redis_git_dirty:1',
  'redis_build_id:57e9fbc86a968d24',
  'server_mode:sentinel',
  'os:Linux 6.18.44-fc-v657 x86_64',
  '',
].join('\r\n');

describe('INFO server: the mode field', () => {
  it('Redis says redis_mode, Valkey 8 says server_mode (and has no redis_mode): both are read', () => {
    expect(serverMode(REDIS_72_INFO)).toBe('cluster');
    expect(serverMode(VALKEY_8_INFO)).toBe('sentinel');
    expect(serverMode(VALKEY_8_INFO.replace('server_mode:sentinel', 'server_mode:cluster'))).toBe('cluster');
    expect(serverMode('# Server\r\nredis_version:7.0.15\r\n')).toBeUndefined();
  });
});
