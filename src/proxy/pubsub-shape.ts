/**
 * RESP2 pub/sub messages and (un)subscribe confirmations arrive as ordinary arrays, interleaved with
 * the replies to other requests; they are told apart by their first element. Only the start of the
 * frame is needed (`*N` then the first bulk), so a large message is recognised from its first bytes.
 */

/** First element → element count of the pub/sub arrays that are not replies to a paired request. */
const UNPAIRED_SHAPES = new Map<string, number>([
  ['message', 3],
  ['pmessage', 4],
  ['smessage', 3],
  ['subscribe', 3],
  ['psubscribe', 3],
  ['ssubscribe', 3],
  ['unsubscribe', 3],
  ['punsubscribe', 3],
  ['sunsubscribe', 3],
]);

const HEAD = /^\*(\d+)\r\n\$(\d+)\r\n/;

/** `{}` when `prefix` starts a pub/sub message or confirmation (forwarded unpaired), else undefined. */
export function classifyPubsubPrefix(prefix: Buffer): { readonly word: string } | undefined {
  const text = prefix.toString('latin1', 0, Math.min(prefix.length, 64));
  const match = HEAD.exec(text);
  if (match === null) return undefined;
  const length = Number(match[2]);
  if (length > 12) return undefined;
  const start = match[0].length;
  if (text.length < start + length + 2) return undefined;
  const word = text.slice(start, start + length);
  return UNPAIRED_SHAPES.get(word) === Number(match[1]) ? { word } : undefined;
}
