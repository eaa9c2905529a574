import { SlotbridgeError } from '../errors.js';

/** A lab topology could not be started, stopped or queried. The message carries the tail of the server log. */
export class LabError extends SlotbridgeError {
  constructor(message: string, options?: { cause?: unknown; code?: string }) {
    super(options?.code ?? 'ERR_LAB', message, options);
  }
}
