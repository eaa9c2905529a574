export type { CommandWriterOptions } from './command-writer.js';
export { CommandWriter, encodeCommand } from './command-writer.js';
export type { RespDecoderOptions } from './decoder.js';
export { RespDecoder } from './decoder.js';
export { parseDouble } from './double.js';
export type { RespFrame } from './encoder.js';
export { encodeFrame, formatDouble } from './encoder.js';
export { readFrame } from './frame-reader.js';
export type { FrameScannerOptions } from './frame-scanner.js';
export { FrameScanner } from './frame-scanner.js';
export {
  DEFAULT_MAX_AGGREGATE_LENGTH,
  DEFAULT_MAX_BULK_LENGTH,
  DEFAULT_MAX_DEPTH,
  DEFAULT_MAX_LINE_LENGTH,
} from './limits.js';
export type { Redirect } from './reply-error.js';
export { createReplyError, isRedirect, parseRedirect, RedirectError, ReplyError } from './reply-error.js';
export { replyText } from './reply-text.js';
export type { RespArg, RespValue } from './types.js';
export { RespType } from './types.js';
