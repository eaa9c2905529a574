/**
 * The proxy's own password for clients (`--client-password-file`): a client must AUTH to the proxy (AUTH
 * or HELLO ... AUTH) before any command is forwarded, so a NodePort is not an open door even when Redis
 * has no password. The proxy then authenticates every backend connection itself, with the backend
 * credentials, which never reach the client.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { encodeCommand } from '../resp/index.js';

export class ClientAuth {
  private readonly digest: Buffer;
  /** The AUTH the proxy sends first on every backend connection; undefined when Redis has no password. */
  readonly backendAuth: Buffer | undefined;

  constructor(
    password: string,
    backend: { username?: string | undefined; password?: string | undefined },
    /** The user name clients give (default `default`, as Redis). */
    private readonly username = 'default',
  ) {
    this.digest = sha256(Buffer.from(password));
    this.backendAuth =
      backend.password === undefined
        ? undefined
        : encodeCommand(
            backend.username === undefined
              ? ['AUTH', backend.password]
              : ['AUTH', backend.username, backend.password],
          );
  }

  /** Compares in constant time (digests of equal length). */
  verify(user: Buffer | undefined, password: Buffer): boolean {
    const passOk = timingSafeEqual(sha256(password), this.digest);
    const userOk = user === undefined || user.toString('utf8') === this.username;
    return passOk && userOk;
  }
}

function sha256(bytes: Buffer): Buffer {
  return createHash('sha256').update(bytes).digest();
}
