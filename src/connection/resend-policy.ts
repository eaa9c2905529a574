/**
 * The one re-send decision, used by a connection after its socket broke and by every topology before it
 * sends a failed command to another node: decided from the command's {@link Delivery} (carried on the
 * failure), never guessed from an error code.
 */
import type { Delivery } from '../errors.js';

/** Nothing was sent yet: the delivery a command starts with. */
export const NOT_WRITTEN: Delivery = Object.freeze({ written: false, resends: 0 });

/**
 * May a command that got no reply be sent again? A command never written may always be (the server
 * never saw it). A written one only when the caller marked it retryable (`retryOnReconnect`) and it was
 * re-sent fewer than `maxRetriesPerCommand` times: the server may have applied it.
 */
export function mayResend(delivery: Delivery, retryable: boolean, maxRetriesPerCommand: number): boolean {
  if (!delivery.written) return true;
  return retryable && delivery.resends < maxRetriesPerCommand;
}
