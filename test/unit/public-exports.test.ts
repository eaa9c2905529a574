/**
 * The package's public surface is deliberate: the entry's runtime exports are exactly the factory
 * functions and the error classes (everything else is exported as a type, or not at all), the package
 * exposes only its entry and the OpenTelemetry subpath, and the built declarations carry no member
 * marked @internal (tsconfig.build.json strips them).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import * as entry from '../../src/client/index.js';

const RUNTIME_EXPORTS = [
  'AbortError',
  'ClusterError',
  'CommandRejectedError',
  'CommandTimeoutError',
  'ConfigError',
  'ConnectionError',
  'CredentialsError',
  'ProtocolError',
  'RedirectError',
  'ReplyError',
  'SentinelError',
  'SlotbridgeError',
  'TimeoutError',
  'TransactionError',
  'UnreachableNodeError',
  'UnsupportedCommandError',
  'createClient',
  'defineScript',
  'formatHealth',
];

const root = new URL('../../', import.meta.url);

describe('public surface', () => {
  it('the package entry exports at runtime only the factories and the error classes', () => {
    expect(Object.keys(entry).sort()).toEqual([...RUNTIME_EXPORTS].sort());
    for (const name of RUNTIME_EXPORTS.filter((name) => name.endsWith('Error'))) {
      const ErrorClass = (entry as unknown as Record<string, new (...args: never[]) => Error>)[name];
      expect(
        ErrorClass.prototype instanceof entry.SlotbridgeError || ErrorClass === entry.SlotbridgeError,
      ).toBe(true);
    }
  });

  it('package.json exposes the entry, the OpenTelemetry and BullMQ subpaths, nothing else', async () => {
    const pkg = JSON.parse(await readFile(new URL('package.json', root), 'utf8'));
    expect(Object.keys(pkg.exports).sort()).toEqual(['.', './bullmq', './opentelemetry']);
    expect(pkg.exports['.'].import.default).toBe('./dist/client/index.js');
  });

  it('the built declarations contain no @internal member', { timeout: 120_000 }, async () => {
    const out = await mkdtemp(join(tmpdir(), 'slotbridge-dts-'));
    try {
      await promisify(execFile)(
        process.execPath,
        [
          join(root.pathname, 'node_modules/typescript/bin/tsc'),
          '-p',
          join(root.pathname, 'tsconfig.build.json'),
          '--emitDeclarationOnly',
          '--declarationMap',
          'false',
          '--sourceMap',
          'false',
          '--outDir',
          out,
        ],
        { cwd: root.pathname },
      );
      const files = (await readdir(out, { recursive: true })).filter((file) => file.endsWith('.d.ts'));
      expect(files).toContain(join('client', 'index.d.ts'));
      const withInternal: string[] = [];
      for (const file of files) {
        if ((await readFile(join(out, file), 'utf8')).includes('@internal')) withInternal.push(file);
      }
      expect(withInternal).toEqual([]);
      const index = await readFile(join(out, 'client', 'index.d.ts'), 'utf8');
      for (const internal of ['normalizeConfig', 'parseRedisUrl', 'diagnose'])
        expect(index).not.toContain(internal);
      const client = await readFile(join(out, 'client', 'client.d.ts'), 'utf8');
      expect(client).not.toMatch(/\bblocking\(\)|statefulConnections\(|runCommand\(/);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});
