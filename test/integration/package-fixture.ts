/**
 * The package as a user installs it: built into a staging folder (never the repo's dist/, which other
 * tests and a developer's build may be writing), packed with `npm pack`, and installed from the tarball
 * into a fresh folder. Offline: the tarball's dependencies and the consumer's type packages are linked
 * from the repo's own node_modules (npm resolves them there, so no registry is asked).
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export const REPO = new URL('../../', import.meta.url).pathname;
export const TSC = join(REPO, 'node_modules/typescript/bin/tsc');

const run = promisify(execFile);

export interface PackedConsumer {
  /** The fresh project folder with slotbridge installed from the tarball. */
  readonly dir: string;
  /** The tarball's path. */
  readonly tarball: string;
  /** The files in the tarball (paths inside `package/`). */
  readonly files: string[];
  cleanup(): Promise<void>;
}

/**
 * Packages the consumer gets besides the tarball, linked from the repo: the dependencies, the (optional)
 * peer dependencies that a subpath needs, and Node's types.
 */
async function linkedPackages(): Promise<string[]> {
  const pkg = JSON.parse(await readFile(join(REPO, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
    peerDependencies?: Record<string, string>;
  };
  return [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {}), '@types/node'];
}

/** The package's import specifiers, one per `exports` entry: `slotbridge`, `slotbridge/opentelemetry` ... */
export async function exportedSpecifiers(): Promise<string[]> {
  const pkg = JSON.parse(await readFile(join(REPO, 'package.json'), 'utf8')) as {
    name: string;
    exports: Record<string, unknown>;
  };
  return Object.keys(pkg.exports).map((key) => (key === '.' ? pkg.name : `${pkg.name}/${key.slice(2)}`));
}

export async function packAndInstall(): Promise<PackedConsumer> {
  const root = await mkdtemp(join(tmpdir(), 'slotbridge-pack-'));
  try {
    const staging = join(root, 'staging');
    const dist = join(staging, 'dist');
    await mkdir(staging);
    await run(process.execPath, [TSC, '-p', join(REPO, 'tsconfig.build.json'), '--outDir', dist], {
      cwd: REPO,
    });
    await run(process.execPath, [join(REPO, 'scripts/build-cjs-types.mjs'), dist], { cwd: REPO });
    for (const file of ['package.json', 'LICENSE', 'README.md']) {
      await copyFile(join(REPO, file), join(staging, file));
    }
    // --ignore-scripts: prepack would build again, here with the staging folder's missing compiler.
    const packed = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', root], {
      cwd: staging,
    });
    const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
    const tarball = join(root, info.filename);
    const dir = join(root, 'consumer');
    await mkdir(dir);
    await writeFile(join(dir, 'package.json'), '{ "name": "consumer", "private": true }\n');
    await run(
      'npm',
      [
        'install',
        '--offline',
        '--ignore-scripts',
        '--no-audit',
        '--no-fund',
        '--loglevel=error',
        tarball,
        ...(await linkedPackages()).map((name) => join(REPO, 'node_modules', name)),
      ],
      { cwd: dir },
    );
    return {
      dir,
      tarball,
      files: info.files.map((file) => file.path),
      cleanup: () => rm(root, { recursive: true, force: true }),
    };
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw error;
  }
}

/** Writes `files` (relative path → content) under `dir`. */
export async function writeTree(dir: string, files: Record<string, string>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    const target = join(dir, path);
    await mkdir(join(target, '..'), { recursive: true });
    await writeFile(target, content);
  }
}

/** Runs a command; resolves with stdout, rejects with an error that carries stdout and stderr. */
export async function runIn(dir: string, file: string, args: string[], env?: NodeJS.ProcessEnv) {
  try {
    return (await run(file, args, { cwd: dir, env: { ...process.env, ...env }, timeout: 120_000 })).stdout;
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${file} ${args.join(' ')} failed:\n${stdout ?? ''}\n${stderr ?? ''}`, { cause: error });
  }
}
