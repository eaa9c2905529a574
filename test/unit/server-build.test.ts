import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findServersDir, LabError, listServerBuilds, resolveServerBuild } from '../../src/lab/index.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'slotbridge-server-build-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function fakeBuild(dir: string, sentinelLink: 'executable' | 'text' | 'none'): void {
  mkdirSync(dir, { recursive: true });
  for (const name of ['redis-server', 'redis-cli']) {
    writeFileSync(path.join(dir, name), '#!/bin/sh\n');
    chmodSync(path.join(dir, name), 0o755);
  }
  if (sentinelLink !== 'none') {
    // A symlink copied by a tool without symlink support: the link target as text, not executable.
    writeFileSync(path.join(dir, 'redis-sentinel'), sentinelLink === 'text' ? 'redis-server' : '#!/bin/sh\n');
    chmodSync(path.join(dir, 'redis-sentinel'), sentinelLink === 'text' ? 0o444 : 0o755);
  }
}

describe('SLOTBRIDGE_SERVER resolution', () => {
  const servers = path.join(root, 'servers');
  fakeBuild(path.join(servers, 'valkey-9.9.9', 'bin'), 'text');
  fakeBuild(path.join(servers, 'redis-9.9.9', 'bin'), 'executable');
  mkdirSync(path.join(servers, 'src'));
  const env = { SLOTBRIDGE_SERVERS_DIR: servers };

  it('unset or empty: the binaries on PATH', () => {
    for (const setting of [undefined, '', '  ']) {
      const build = resolveServerBuild(setting, env);
      expect(build).toMatchObject({ name: 'PATH', server: 'redis-server', cli: 'redis-cli' });
      expect(build.sentinel('/c.conf')).toEqual({ file: 'redis-sentinel', args: ['/c.conf'] });
    }
  });

  it('a bin folder, its parent, or a name in the servers folder give the same build', () => {
    const bin = path.join(servers, 'valkey-9.9.9', 'bin');
    for (const setting of [bin, path.dirname(bin), 'valkey-9.9.9']) {
      const build = resolveServerBuild(setting, env);
      expect(build).toMatchObject({
        name: 'valkey-9.9.9',
        binDir: bin,
        server: path.join(bin, 'redis-server'),
        cli: path.join(bin, 'redis-cli'),
      });
    }
  });

  it('a sentinel link stored as a text file: the server binary in sentinel mode', () => {
    const build = resolveServerBuild('valkey-9.9.9', env);
    const bin = path.join(servers, 'valkey-9.9.9', 'bin');
    expect(build.sentinel('/s.conf')).toEqual({
      file: path.join(bin, 'redis-server'),
      args: ['/s.conf', '--sentinel'],
    });
    const other = resolveServerBuild('redis-9.9.9', env);
    expect(other.sentinel('/s.conf')).toEqual({
      file: path.join(servers, 'redis-9.9.9', 'bin', 'redis-sentinel'),
      args: ['/s.conf'],
    });
  });

  it('an unknown name: a LabError naming every place looked at', () => {
    const error = (() => {
      try {
        resolveServerBuild('redis-0.0.0', env);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(LabError);
    expect((error as Error).message).toContain('SLOTBRIDGE_SERVER=redis-0.0.0');
    expect((error as Error).message).toContain(path.join(servers, 'redis-0.0.0'));
  });

  it('lists the builds of a servers folder (folders without a server binary skipped)', () => {
    expect(listServerBuilds(servers).map((build) => build.name)).toEqual(['redis-9.9.9', 'valkey-9.9.9']);
  });

  it('SLOTBRIDGE_SERVERS_DIR is the only place looked when set', () => {
    expect(findServersDir(env)).toMatchObject({ dir: servers });
    const missing = path.join(root, 'nowhere');
    expect(findServersDir({ SLOTBRIDGE_SERVERS_DIR: missing })).toEqual({
      dir: undefined,
      considered: [{ dir: missing, from: 'SLOTBRIDGE_SERVERS_DIR', exists: false }],
    });
  });
});
