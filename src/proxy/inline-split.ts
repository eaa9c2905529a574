/**
 * Splits an inline request line into arguments exactly as the server does (facts from Redis's
 * sdssplitargs and processInlineBuffer; this is our own code): blanks between arguments are the C
 * `isspace` set, but an unquoted argument ends only at space, tab, CR or LF (a vertical tab or form feed
 * inside one is part of it); a quote may open in the middle of an argument (`cl"uster"` is `cluster`);
 * inside double quotes `\xHH`, `\n`, `\r`, `\t`, `\b`, `\a` and `\<any>` are escapes; inside single
 * quotes only `\'`; a closing quote must be followed by a blank or the end; an unterminated quote is an
 * error. A NUL byte ends the server's string: lines holding one are refused by the caller.
 */

const BLANKS = new Set([0x20, 0x09, 0x0a, 0x0b, 0x0c, 0x0d]);
const TERMINATORS = new Set([0x20, 0x09, 0x0a, 0x0d]);
const BACKSLASH = 0x5c;
const DQUOTE = 0x22;
const SQUOTE = 0x27;

function hexValue(c: number | undefined): number {
  if (c === undefined) return -1;
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}

const ESCAPES: Record<number, number> = { 110: 0x0a, 114: 0x0d, 116: 0x09, 98: 0x08, 97: 0x07 };

/** The arguments of `line` (without its line ending), or null for unbalanced quotes. */
export function splitInlineArgs(line: Buffer): Buffer[] | null {
  const args: Buffer[] = [];
  const end = line.length;
  let p = 0;
  const current: number[] = [];
  while (true) {
    while (p < end && BLANKS.has(line[p])) p++;
    if (p >= end) return args;
    current.length = 0;
    let inDouble = false;
    let inSingle = false;
    let done = false;
    while (!done) {
      const c = p < end ? line[p] : undefined;
      if (inDouble) {
        if (c === undefined) return null;
        const hi = hexValue(line[p + 2]);
        const lo = hexValue(line[p + 3]);
        if (c === BACKSLASH && line[p + 1] === 0x78 && hi >= 0 && lo >= 0 && p + 3 < end) {
          current.push(hi * 16 + lo);
          p += 3;
        } else if (c === BACKSLASH && p + 1 < end) {
          p++;
          current.push(ESCAPES[line[p]] ?? line[p]);
        } else if (c === DQUOTE) {
          if (p + 1 < end && !BLANKS.has(line[p + 1])) return null;
          done = true;
        } else {
          current.push(c);
        }
      } else if (inSingle) {
        if (c === undefined) return null;
        if (c === BACKSLASH && line[p + 1] === SQUOTE && p + 1 < end) {
          p++;
          current.push(SQUOTE);
        } else if (c === SQUOTE) {
          if (p + 1 < end && !BLANKS.has(line[p + 1])) return null;
          done = true;
        } else {
          current.push(c);
        }
      } else if (c === undefined || TERMINATORS.has(c)) {
        done = true;
      } else if (c === DQUOTE) {
        inDouble = true;
      } else if (c === SQUOTE) {
        inSingle = true;
      } else {
        current.push(c);
      }
      if (p < end) p++;
    }
    args.push(Buffer.from(current));
  }
}
