#!/usr/bin/env node
/** The `slotbridge` command: dispatches to one small module per command. */
import { EXIT_USAGE, USAGE, UsageError } from './usage.js';

export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    process.stdout.write(USAGE);
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
