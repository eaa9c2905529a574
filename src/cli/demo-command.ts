/**
 * `slotbridge demo`. Placeholder until the client exists: starts a lab server, PINGs it with
 * redis-cli and stops it. The client-based demo replaces this body.
 */
import { startServer } from '../lab/index.js';

export async function runDemo(): Promise<void> {
  const server = await startServer();
  try {
    process.stdout.write(`Started redis-server at ${server.address}\n`);
    const reply = await server.cli('PING');
    process.stdout.write(`PING -> ${reply}\n`);
  } finally {
    await server.stop();
    process.stdout.write('Stopped.\n');
  }
}
