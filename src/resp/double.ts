/**
 * The text of a double (a RESP3 `,` frame, or a RESP2 bulk string holding a score) as a number, written
 * once for the decoder, the frame reader and the reply transforms. Servers write infinities as `inf` /
 * `-inf` and NaN as `nan` or `-nan` (the C library's spelling varies by platform), in any case.
 */

/** What a double frame may hold besides the special values: a decimal, optionally with an exponent. */
const DOUBLE_PATTERN = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The special values, lower case. */
function special(lower: string): number | undefined {
  switch (lower) {
    case 'inf':
    case '+inf':
      return Number.POSITIVE_INFINITY;
    case '-inf':
      return Number.NEGATIVE_INFINITY;
    case 'nan':
    case '-nan':
      return Number.NaN;
    default:
      return undefined;
  }
}

/** The number a double's text stands for; text that is neither special nor decimal gives what Number() gives. */
export function parseDouble(text: string): number {
  return special(text.toLowerCase()) ?? Number(text);
}

/** The number of a well-formed double's text, or `undefined` when the text is malformed. */
export function parseStrictDouble(text: string): number | undefined {
  const value = special(text.toLowerCase());
  if (value !== undefined) return value;
  return DOUBLE_PATTERN.test(text) ? Number(text) : undefined;
}
