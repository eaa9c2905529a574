/** -MOVED and -ASK errors, at top level or anywhere inside a reply (EXEC results). */
import { parseRedirect, type RespFrame } from '../resp/index.js';
import type { AddressRewriter } from './address-rewriter.js';

/** The error text with its endpoint replaced, or undefined when it is not a redirect to a known node. */
export function rewriteRedirectText(text: string, rw: AddressRewriter): string | undefined {
  const redirect = parseRedirect(text);
  if (redirect === undefined) return undefined;
  const port = rw.portFor(undefined, redirect.host, redirect.port);
  if (port === undefined) return undefined;
  const head = `${redirect.kind} ${redirect.slot} `;
  const rest = text.slice(head.length);
  const space = rest.indexOf(' ');
  return `${head}${rw.endpoint(port)}${space < 0 ? '' : rest.slice(space)}`;
}

/** Rewrites an error frame that is a redirect; other frames come back unchanged. */
export function rewriteRedirectFrame(frame: RespFrame, rw: AddressRewriter): RespFrame {
  if (frame.type !== 'error' && frame.type !== 'bulkError') return frame;
  const text = rewriteRedirectText(frame.value, rw);
  return text === undefined ? frame : { type: frame.type, value: text };
}

/** Rewrites every redirect error anywhere inside `frame`. */
export function rewriteRedirectsDeep(frame: RespFrame, rw: AddressRewriter): RespFrame {
  switch (frame.type) {
    case 'error':
    case 'bulkError':
      return rewriteRedirectFrame(frame, rw);
    case 'array':
      if (frame.value === null) return frame;
      return { type: 'array', value: frame.value.map((item) => rewriteRedirectsDeep(item, rw)) };
    case 'set':
    case 'push':
      return { type: frame.type, value: frame.value.map((item) => rewriteRedirectsDeep(item, rw)) };
    case 'map':
      return {
        type: 'map',
        value: frame.value.map(([key, value]) => [key, rewriteRedirectsDeep(value, rw)]),
      };
    case 'attribute':
      return { ...frame, value: rewriteRedirectsDeep(frame.value, rw) };
    default:
      return frame;
  }
}
