import { CredentialsError } from '../errors.js';
import type { Credentials, CredentialsProvider } from './credentials.js';

/** Fresh credentials, checked: what the handshake and a re-authentication send. */
export interface CheckedCredentials {
  username: string | undefined;
  password: string;
  /** Epoch ms, or undefined when they do not expire. */
  expiresAt: number | undefined;
}

/** The part of a connection a refresher drives: AUTH on the live socket, and where to report failures. */
export interface CredentialHost {
  readonly address: string;
  /** Sends AUTH on the open socket, in order with the commands around it. */
  reauthenticate(credentials: CheckedCredentials): Promise<void>;
  /** A refresh failed; the connection stays authenticated as it was. */
  reportError(error: Error): void;
}

/** Shortest wait before retrying a refresh that failed, and the floor of any refresh delay, in ms. */
const RETRY_MS = 1000;

/**
 * Asks a {@link CredentialsProvider} for credentials on every connect and re-authenticates the live
 * connection before they expire: at 80% of their remaining lifetime, so a slow provider or a slow AUTH
 * still lands in time. A failed refresh is reported and retried while the old credentials are valid.
 */
export class CredentialRefresher {
  private timer: NodeJS.Timeout | undefined;
  private generation = 0;
  readonly providerName: string;

  constructor(
    private readonly provider: CredentialsProvider,
    private readonly host: CredentialHost,
  ) {
    this.providerName = provider.name !== '' ? provider.name : 'credentials';
  }

  /** Calls the provider; any failure or malformed result becomes a CredentialsError naming it. */
  async fetch(): Promise<CheckedCredentials> {
    let result: Credentials;
    try {
      result = await this.provider();
    } catch (error) {
      throw new CredentialsError(
        this.providerName,
        `The credentials provider "${this.providerName}" for ${this.host.address} failed: ${(error as Error)?.message ?? String(error)}`,
        this.host.address,
        { cause: error },
      );
    }
    return this.check(result);
  }

  /** Starts the refresh timer for credentials just used by a handshake. */
  schedule(credentials: CheckedCredentials): void {
    this.stop();
    if (credentials.expiresAt === undefined) return;
    const remaining = credentials.expiresAt - Date.now();
    this.arm(Math.max(0, remaining * 0.8), this.generation);
  }

  stop(): void {
    this.generation++;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private arm(delay: number, generation: number): void {
    this.timer = setTimeout(() => this.refresh(generation), Math.max(delay, 0));
    this.timer.unref();
  }

  private async refresh(generation: number): Promise<void> {
    this.timer = undefined;
    let credentials: CheckedCredentials;
    try {
      credentials = await this.fetch();
      if (generation !== this.generation) return;
      await this.host.reauthenticate(credentials);
    } catch (error) {
      if (generation !== this.generation) return;
      this.host.reportError(error as Error);
      this.arm(RETRY_MS, generation);
      return;
    }
    if (generation !== this.generation) return;
    if (credentials.expiresAt !== undefined) {
      const remaining = credentials.expiresAt - Date.now();
      this.arm(Math.max(RETRY_MS / 10, remaining * 0.8), generation);
    }
  }

  private check(result: Credentials): CheckedCredentials {
    const problem = describeProblem(result);
    if (problem !== undefined) {
      throw new CredentialsError(
        this.providerName,
        `The credentials provider "${this.providerName}" for ${this.host.address} returned ${problem}; ` +
          'expected { username?, password, expiresAt? }.',
        this.host.address,
      );
    }
    const expiresAt = result.expiresAt instanceof Date ? result.expiresAt.getTime() : result.expiresAt;
    return { username: result.username, password: result.password, expiresAt };
  }
}

function describeProblem(result: Credentials): string | undefined {
  if (typeof result !== 'object' || result === null) return `${result === null ? 'null' : typeof result}`;
  if (typeof result.password !== 'string') return 'no password string';
  if (result.username !== undefined && typeof result.username !== 'string')
    return 'a username that is not a string';
  const expiresAt = result.expiresAt;
  if (expiresAt !== undefined) {
    const ms = expiresAt instanceof Date ? expiresAt.getTime() : expiresAt;
    if (typeof ms !== 'number' || !Number.isFinite(ms)) return 'an expiresAt that is not a time';
  }
  return undefined;
}
