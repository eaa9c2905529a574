/**
 * What becomes of the commands of a socket that broke: the failure rules, in one place. Never written
 * waits for the next socket; written is sent again only when its policy allows (the server may have run
 * it); past its deadline on a timeout, it rejects with the timeout.
 */
import { ConnectionError, TimeoutError } from '../errors.js';
import { commandName } from './command-arguments.js';
import { deliveryOf, failCommand, type PendingCommand } from './pending-command.js';
import { mayResend } from './resend-policy.js';

/** Rejects what may not wait for another socket and returns, in order, what may. */
export function settleLostCommands(
  failure: Error,
  written: readonly PendingCommand[],
  unwritten: readonly PendingCommand[],
  maxRetriesPerCommand: number,
  address: string,
): PendingCommand[] {
  const now = performance.now();
  const timedOut = failure instanceof TimeoutError;
  const expired = (command: PendingCommand) =>
    command.internal || (timedOut && command.deadline > 0 && command.deadline <= now);
  const requeue: PendingCommand[] = [];
  for (const command of written) {
    if (expired(command)) failCommand(command, failure);
    else if (mayResend(deliveryOf(command), command.retryable, maxRetriesPerCommand)) {
      command.lostInFlight = true;
      requeue.push(command);
    } else failCommand(command, lostError(command, failure, address));
  }
  for (const command of unwritten) {
    if (expired(command)) failCommand(command, failure);
    else requeue.push(command);
  }
  return requeue;
}

/** The failure of a written command that may not be sent again: it may have been applied. */
function lostError(command: PendingCommand, failure: Error, address: string): ConnectionError {
  const error = new ConnectionError(
    'ERR_CONNECTION_LOST',
    `${failure.message} Command ${commandName(command.args)} was in flight and was not retried ` +
      (command.retryable
        ? `(it was already retried ${command.attempts} time(s)).`
        : '(re-sending it might apply it twice; mark it retryable to allow that).'),
    address,
    { cause: failure },
  );
  Object.defineProperty(error, 'delivery', { value: deliveryOf(command), configurable: true });
  return error;
}
