/** Default limits of the decoder; they mirror the server's own (proto-max-bulk-len, etc.). */

/** Largest bulk string accepted: the server's default `proto-max-bulk-len` (512 MiB). */
export const DEFAULT_MAX_BULK_LENGTH = 512 * 1024 * 1024;

/** Largest declared element count of an aggregate. */
export const DEFAULT_MAX_AGGREGATE_LENGTH = 2 ** 32 - 1;

/** Deepest nesting of aggregates. */
export const DEFAULT_MAX_DEPTH = 128;

/** Longest line (simple string, error, number, header) before its CRLF arrives: 64 MiB. */
export const DEFAULT_MAX_LINE_LENGTH = 64 * 1024 * 1024;

/**
 * Bulk strings up to this size that arrive split across chunks are assembled into one buffer allocated
 * up front; larger ones keep the arriving pieces and copy them once at the end, so a declared length
 * never allocates memory the server has not sent yet.
 */
export const PREALLOCATE_BULK_LIMIT = 16 * 1024 * 1024;
