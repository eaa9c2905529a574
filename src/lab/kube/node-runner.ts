/**
 * How to start a Node script as a separate process (inside a namespace): compiled `.js` runs with
 * plain `node`; TypeScript (`.ts`, when the lab itself runs from source under vitest or tsx) runs
 * with `node --import <tsx loader>`, tsx being a devDependency present after `npm ci`.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { LabError } from '../errors.js';

/** A command line: the executable and its arguments. */
export interface CommandLine {
  command: string;
  args: string[];
}

let tsxLoader: string | undefined;

/** File URL of tsx's ESM loader, resolved from this package's node_modules. */
function tsxLoaderUrl(): string {
  if (tsxLoader === undefined) {
    try {
      const require = createRequire(import.meta.url);
      tsxLoader = pathToFileURL(require.resolve('tsx')).href;
    } catch (error) {
      throw new LabError(
        'running a TypeScript script needs tsx (a devDependency): run `npm ci`, or build with `npm run build`' +
          ' and pass the compiled .js file',
        { cause: error },
      );
    }
  }
  return tsxLoader;
}

/** The command line that runs `scriptPath args` with the current Node binary. */
export function nodeCommandFor(scriptPath: string, args: readonly string[] = []): CommandLine {
  const absolute = path.resolve(scriptPath);
  if (!existsSync(absolute)) {
    throw new LabError(`script ${absolute} does not exist`);
  }
  const typescript = /\.[cm]?ts$/.test(absolute);
  const loader = typescript ? ['--import', tsxLoaderUrl()] : [];
  return { command: process.execPath, args: [...loader, absolute, ...args] };
}

/** The forwarder script next to this module: `.ts` when running from source, `.js` from dist. */
export function forwarderScriptPath(): string {
  const here = fileURLToPath(import.meta.url);
  const extension = path.extname(here);
  return path.join(path.dirname(here), `tcp-forwarder${extension}`);
}
