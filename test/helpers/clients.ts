/**
 * Clients for a test file: `useClients()` returns a factory like createClient whose clients are all
 * disconnected after each test, so a failing test never leaves sockets (or pending timers) behind.
 */
import { afterEach } from 'vitest';
import { createClient, type RedisClient } from '../../src/client/index.js';

export function useClients(): (config?: Parameters<typeof createClient>[0]) => RedisClient {
  const clients: RedisClient[] = [];
  afterEach(() => {
    for (const client of clients.splice(0)) client.disconnect();
  });
  return (config) => {
    const client = createClient(config);
    clients.push(client);
    return client;
  };
}
