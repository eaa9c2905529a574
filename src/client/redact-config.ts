import type { RedactedConfig, ResolvedConfig, ResolvedTls } from './config.js';
import { REDACTED } from './config.js';

/** TLS options that are secrets: a private key and what unlocks it. Certificates and CAs are public. */
const TLS_SECRETS = ['key', 'pfx', 'passphrase'] as const;

/** A frozen copy of `config` with passwords, credentials providers and TLS private keys replaced. */
export function redactConfig(config: ResolvedConfig): RedactedConfig {
  const copy: Record<string, unknown> = { ...config };
  copy.password = secret(config.password);
  copy.credentials = config.credentials === undefined ? undefined : true;
  copy.tls = redactTls(config.tls);
  if (config.kind === 'sentinel') {
    copy.sentinelPassword = secret(config.sentinelPassword);
    copy.sentinelCredentials = config.sentinelCredentials === undefined ? undefined : true;
    copy.sentinelTls = redactTls(config.sentinelTls);
  }
  return Object.freeze(copy) as RedactedConfig;
}

function secret(value: string | undefined): string | undefined {
  return value === undefined ? undefined : REDACTED;
}

function redactTls(tls: ResolvedTls): ResolvedTls {
  if (tls === undefined) return undefined;
  const copy: Record<string, unknown> = { ...tls };
  for (const key of TLS_SECRETS) if (copy[key] !== undefined) copy[key] = REDACTED;
  return Object.freeze(copy);
}
