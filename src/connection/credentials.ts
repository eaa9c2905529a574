/** What a credentials provider returns: the ACL user, its password or token, and when it stops being valid. */
export interface Credentials {
  /** ACL username; omitted: `default`. */
  username?: string;
  password: string;
  /** When the password stops being accepted (epoch ms or a Date): live connections re-authenticate before. */
  expiresAt?: number | Date;
}

/**
 * Asked for fresh credentials on every connect and reconnect, and before `expiresAt` to re-authenticate
 * live connections (AUTH on the open socket, nothing dropped). Tokens that expire (cloud IAM, Entra ID)
 * and passwords rotated by a secret manager both fit.
 */
export type CredentialsProvider = () => Promise<Credentials> | Credentials;
