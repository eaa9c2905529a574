/**
 * Both module systems, as a user gets the package: `npm pack`, installed from the tarball into a fresh
 * folder, then used from CommonJS (require), from ESM (import) and from TypeScript (module node16 and
 * nodenext, each in a CommonJS and an ESM project, and moduleResolution bundler; `tsc --noEmit --strict`).
 * One build serves both: require() and import give the very same module object (Node >= 20.19).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useServer } from '../helpers/lab.js';
import {
  exportedSpecifiers,
  type PackedConsumer,
  packAndInstall,
  runIn,
  TSC,
  writeTree,
} from './package-fixture.js';

const lab = useServer();
let consumer: PackedConsumer;
/** Every specifier package.json exports (a subpath added there is covered here without a new test). */
let specifiers: string[];

beforeAll(async () => {
  [consumer, specifiers] = await Promise.all([packAndInstall(), exportedSpecifiers()]);
}, 120_000);

afterAll(async () => {
  await consumer?.cleanup();
});

/** The same program for every TypeScript setting; the @ts-expect-error lines fail if the types were `any`. */
const TS_HEAD = `import { createClient, ReplyError, type RedisClient } from 'slotbridge';
import { enableOpenTelemetry } from 'slotbridge/opentelemetry';

/** Never called: compile-time checks only. */
export function typeChecks(client: RedisClient): void {
  // @ts-expect-error: get takes a key
  void client.get();
  // @ts-expect-error: the option does not exist
  void enableOpenTelemetry({ nonsense: true });
  const error: ReplyError | undefined = undefined;
  void error;
}

export async function main(port: number): Promise<string | null> {
  const client: RedisClient = createClient({ port });
  await client.set('pkg:ts', 'typed');
  const value: string | null = await client.get('pkg:ts');
  await client.quit();
  return value;
}
`;

/** TS_HEAD plus a namespace import of every exported specifier, so each one's types must resolve. */
function tsSource(): string {
  const imports = specifiers.map((specifier, i) => `import * as exported${i} from '${specifier}';`);
  return `${TS_HEAD}\n${imports.join('\n')}\nexport const everyExport = [${specifiers.map((_, i) => `exported${i}`).join(', ')}];\n`;
}

const TS_PROJECTS: Record<string, { type: 'commonjs' | 'module'; options: Record<string, string> }> = {
  'cjs-node16': { type: 'commonjs', options: { module: 'node16', moduleResolution: 'node16' } },
  'cjs-nodenext': { type: 'commonjs', options: { module: 'nodenext', moduleResolution: 'nodenext' } },
  'esm-node16': { type: 'module', options: { module: 'node16', moduleResolution: 'node16' } },
  'esm-nodenext': { type: 'module', options: { module: 'nodenext', moduleResolution: 'nodenext' } },
  'esm-bundler': { type: 'module', options: { module: 'esnext', moduleResolution: 'bundler' } },
};

describe('the packed package', () => {
  it('ships one JavaScript build (ES modules) plus CommonJS-format declarations, no sources or tests', () => {
    const files = consumer.files;
    expect(files).toContain('dist/client/index.js');
    expect(files).toContain('dist/cjs-types/package.json');
    expect(files).toContain('dist/cjs-types/client/index.d.ts');
    expect(files.filter((f) => f.startsWith('dist/cjs-types/') && f.endsWith('.js'))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.cjs'))).toEqual([]);
    expect(files.filter((f) => f.startsWith('src/') || f.startsWith('test/'))).toEqual([]);
  });

  it('require() gives the very module import() gives, for the entry and the OpenTelemetry subpath', async () => {
    await writeTree(consumer.dir, {
      'use.cjs': `const slotbridge = require('slotbridge');
const otel = require('slotbridge/opentelemetry');
(async () => {
  const esm = await import('slotbridge');
  const esmOtel = await import('slotbridge/opentelemetry');
  const client = slotbridge.createClient({ port: Number(process.argv[2]) });
  await client.set('pkg:cjs', 'from-require');
  const value = await client.get('pkg:cjs');
  const error = await client.call('NOSUCHCOMMAND').catch((e) => e);
  await client.quit();
  console.log(JSON.stringify({
    sameModule: esm === slotbridge,
    sameOtel: esmOtel === otel,
    enableOpenTelemetry: typeof otel.enableOpenTelemetry,
    value,
    replyError: error instanceof esm.ReplyError && error instanceof slotbridge.SlotbridgeError,
  }));
})().catch((e) => { console.error(e); process.exit(1); });
`,
    });
    const out = JSON.parse(await runIn(consumer.dir, process.execPath, ['use.cjs', String(lab.server.port)]));
    expect(out).toEqual({
      sameModule: true,
      sameOtel: true,
      enableOpenTelemetry: 'function',
      value: 'from-require',
      replyError: true,
    });
  });

  it('every exported specifier: require() and import() give the same module object', async () => {
    await writeTree(consumer.dir, {
      'every.cjs': `(async () => {
  const result = {};
  for (const specifier of process.argv.slice(2)) result[specifier] = require(specifier) === (await import(specifier));
  console.log(JSON.stringify(result));
})().catch((e) => { console.error(e); process.exit(1); });
`,
    });
    const out = JSON.parse(await runIn(consumer.dir, process.execPath, ['every.cjs', ...specifiers]));
    expect(out).toEqual(Object.fromEntries(specifiers.map((specifier) => [specifier, true])));
  });

  it('import works from ESM, and a createRequire() in the same program gets the same module', async () => {
    await writeTree(consumer.dir, {
      'use.mjs': `import * as slotbridge from 'slotbridge';
import { enableOpenTelemetry } from 'slotbridge/opentelemetry';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const client = slotbridge.createClient({ port: Number(process.argv[2]) });
await client.set('pkg:esm', 'from-import');
const value = await client.get('pkg:esm');
await client.quit();
console.log(JSON.stringify({
  sameModule: require('slotbridge') === slotbridge,
  sameOtel: require('slotbridge/opentelemetry').enableOpenTelemetry === enableOpenTelemetry,
  value,
}));
`,
    });
    const out = JSON.parse(await runIn(consumer.dir, process.execPath, ['use.mjs', String(lab.server.port)]));
    expect(out).toEqual({ sameModule: true, sameOtel: true, value: 'from-import' });
  });

  it.each(Object.keys(TS_PROJECTS))('TypeScript %s: tsc --noEmit --strict passes', async (name) => {
    const project = TS_PROJECTS[name];
    const dir = join(consumer.dir, name);
    await writeTree(dir, {
      'package.json': JSON.stringify({ type: project.type }),
      'index.ts': tsSource(),
    });
    const options = Object.entries(project.options).flatMap(([key, value]) => [`--${key}`, value]);
    await runIn(dir, process.execPath, [
      TSC,
      '--noEmit',
      '--strict',
      '--target',
      'es2022',
      '--types',
      'node',
      ...options,
      'index.ts',
    ]);
  });

  it('TypeScript compiled to CommonJS (module node16) runs on Node', async () => {
    const dir = join(consumer.dir, 'cjs-run');
    await writeTree(dir, {
      'package.json': JSON.stringify({ type: 'commonjs' }),
      'index.ts': tsSource(),
      'run.cjs': `require('./out/index.js').main(Number(process.argv[2])).then((v) => console.log(v));\n`,
    });
    await runIn(dir, process.execPath, [
      TSC,
      '--strict',
      '--target',
      'es2022',
      '--types',
      'node',
      '--module',
      'node16',
      '--outDir',
      'out',
      'index.ts',
    ]);
    expect((await runIn(dir, process.execPath, ['run.cjs', String(lab.server.port)])).trim()).toBe('typed');
  });
});
