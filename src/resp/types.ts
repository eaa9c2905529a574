import type { ReplyError } from './reply-error.js';

/**
 * A decoded RESP2/RESP3 value as handed to callers.
 *
 * - `string`: simple strings, bulk/verbatim strings in string mode
 * - `Buffer`: bulk/verbatim strings in buffer mode
 * - `number | bigint`: integers (bigint beyond 2^53), doubles (number), big numbers (bigint)
 * - `boolean`, `null`
 * - `ReplyError`: `-` and `!` errors, as values (never thrown by the decoder)
 * - `RespValue[]`: arrays, sets, nested pushes
 * - `Map`: maps (attributes are reported separately)
 */
export type RespValue =
  | string
  | Buffer
  | number
  | bigint
  | boolean
  | null
  | ReplyError
  | RespValue[]
  | Map<RespValue, RespValue>;

/** An argument of a command: strings are sent as UTF-8, numbers and bigints as their decimal text. */
export type RespArg = string | Buffer | number | bigint;

/** RESP type bytes, named as the protocol names them. */
export const RespType = {
  SimpleString: 0x2b, // '+'
  SimpleError: 0x2d, // '-'
  Integer: 0x3a, // ':'
  BulkString: 0x24, // '$'
  Array: 0x2a, // '*'
  Null: 0x5f, // '_'
  Boolean: 0x23, // '#'
  Double: 0x2c, // ','
  BigNumber: 0x28, // '('
  BulkError: 0x21, // '!'
  VerbatimString: 0x3d, // '='
  Map: 0x25, // '%'
  Set: 0x7e, // '~'
  Attribute: 0x7c, // '|'
  Push: 0x3e, // '>'
} as const;
