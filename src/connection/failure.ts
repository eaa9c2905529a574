import { ConnectionError, SlotbridgeError } from '../errors.js';
import { ReplyError } from '../resp/index.js';

const TLS_VERIFY_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

const AUTH_CODES = new Set(['WRONGPASS', 'NOAUTH', 'NOPERM']);

/** Turns a socket error into a ConnectionError that names the server, the cause and what to check. */
export function describeSocketError(error: Error, address: string, usingTls: boolean): ConnectionError {
  const code = (error as NodeJS.ErrnoException).code ?? 'ERR_SOCKET';
  let hint = '';
  switch (code) {
    case 'ECONNREFUSED':
      hint = 'nothing listens there: is the server running and the port right?';
      break;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      hint = 'the host name does not resolve.';
      break;
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
      hint =
        'no route to that address from here: if a server announced it, it may be internal to its network.';
      break;
    case 'ECONNRESET':
    case 'EPIPE':
      hint = usingTls
        ? 'the server reset the connection: does it speak TLS on this port?'
        : 'the server reset the connection.';
      break;
    case 'ENOENT':
      hint = 'no unix socket at that path.';
      break;
    default:
      if (TLS_VERIFY_CODES.has(code)) {
        hint =
          'the server certificate did not verify: check the CA (tls.ca) and the name it is issued for (tls.servername).';
      } else if (code.startsWith('ERR_SSL') || code === 'EPROTO') {
        hint = 'TLS handshake failed: is TLS enabled on that port (e.g. tls-port)?';
      }
  }
  return new ConnectionError(
    code,
    `Connection to ${address} failed: ${error.message}${hint ? ` (${hint})` : ''}`,
    address,
    { cause: error },
  );
}

/**
 * Errors that will not go away by retrying the same configuration: wrong credentials, a certificate
 * that does not verify, a protocol mismatch. On the first connect they end the connection at once.
 */
export function isFatalOnFirstConnect(error: Error): boolean {
  if (!(error instanceof SlotbridgeError)) return false;
  const code = error.code;
  return (
    AUTH_CODES.has(code) ||
    code === 'ERR_CREDENTIALS' ||
    TLS_VERIFY_CODES.has(code) ||
    code.startsWith('ERR_SSL') ||
    code === 'EPROTO'
  );
}

/** A handshake refusal (HELLO/AUTH/SELECT answered with an error) as a ConnectionError naming the server. */
export function describeHandshakeError(error: Error, address: string): Error {
  if (!(error instanceof ReplyError)) return error;
  const hint = AUTH_CODES.has(error.code) ? ' (check username and password)' : '';
  return new ConnectionError(
    error.code,
    `Handshake with ${address} failed: ${error.message}${hint}`,
    address,
    {
      cause: error,
    },
  );
}
