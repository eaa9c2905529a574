import { SlotbridgeError } from '../../errors.js';

/** Stable codes of {@link SentinelError}. */
export type SentinelErrorCode =
  /** No sentinel answered: every one failed (the message lists each and why). */
  | 'ERR_SENTINEL_UNREACHABLE'
  /** The sentinels answered, but none monitors a master with that name. */
  | 'ERR_SENTINEL_UNKNOWN_MASTER'
  /** The node the sentinels name kept answering ROLE with something else than master. */
  | 'ERR_SENTINEL_NOT_MASTER'
  /** readFrom 'replica' and no healthy replica is known. */
  | 'ERR_SENTINEL_NO_REPLICA';

/**
 * Discovery through Redis Sentinel failed. `masterName` is the configured name, `tried` every address
 * contacted (sentinels or data nodes, `host:port`) in order.
 */
export class SentinelError extends SlotbridgeError {
  override readonly code: SentinelErrorCode;
  readonly masterName: string;
  readonly tried: readonly string[];

  constructor(
    code: SentinelErrorCode,
    masterName: string,
    tried: readonly string[],
    message: string,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
    this.code = code;
    this.masterName = masterName;
    this.tried = tried;
  }
}
