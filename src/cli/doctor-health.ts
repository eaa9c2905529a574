/**
 * `slotbridge doctor URL --health`: connects a real client with the URL, runs one command on every
 * connection it opens, and prints `client.health()`: the live view a running application can log or
 * expose on its own health endpoint.
 */

import type { ClientHealth } from '../client/index.js';
import { createClient, formatHealth } from '../client/index.js';

export async function liveHealth(
  url: string,
  timeoutMs: number,
): Promise<{ health: ClientHealth; lines: string[] }> {
  const client = createClient(url);
  try {
    await client.connect();
    await client.sendCommand(['PING'], { timeout: timeoutMs });
    const health = client.health();
    return {
      health,
      lines: ['Live client (client.health()):', ...formatHealth(health).map((line) => `  ${line}`)],
    };
  } finally {
    client.disconnect();
  }
}
