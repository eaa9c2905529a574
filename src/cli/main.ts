#!/usr/bin/env node
/** The `slotbridge` command: dispatches to one small module per command. */
import { EXIT_USAGE, USAGE, UsageError } from './usage.js';

export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (command === '--version' || command === '-v' || command === 'version') {
    process.stdout.write(`${await readVersion()}\n`);
    return 0;
  }
  switch (command) {
    case 'lab': {
      const { runLabCommand } = await import('./lab-command.js');
      return runLabCommand(rest);
    }
    case 'doctor': {
      const { runDoctorCommand } = await import('./doctor-command.js');
      return runDoctorCommand(rest);
    }
    case 'proxy': {
      const { runProxyCommand } = await import('./proxy-command.js');
      return runProxyCommand(rest);
    }
    case 'demo': {
      const serverValue = rest[0] === '--server' ? rest[1] : undefined;
      const extra = serverValue === undefined ? rest : rest.slice(2);
      if (extra.length > 0) {
        throw new UsageError(`demo takes only --server DIR|NAME, got "${extra[0]}"`);
      }
      const { applyServerOption } = await import('./server-option.js');
      applyServerOption(serverValue);
      const { runDemo } = await import('./demo-command.js');
      await runDemo();
      return 0;
    }
    default:
      if (command.startsWith('-')) {
        throw new UsageError(`unknown option "${command}"`);
      }
      throw new UsageError(`unknown command "${command}"`);
  }
}

/**
 * The version of this install, read from its package.json: the file sits two folders up from both
 * src/cli/main.ts (run with tsx) and dist/cli/main.js (the published build), and it is in every package.
 */
async function readVersion(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const text = await readFile(new URL('../../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

async function run(): Promise<void> {
  try {
    process.exitCode = await main(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`slotbridge: ${error.message}\nRun "slotbridge --help" for usage.\n`);
      process.exitCode = EXIT_USAGE;
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`slotbridge: ${message}\n`);
    process.exitCode = 1;
  }
}

await run();
