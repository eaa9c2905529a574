/**
 * Test certificates made with the system `openssl`: a self-signed CA, a server certificate signed
 * by it (subjectAltName for every host given), and a second, unrelated CA so tests can check that a
 * client trusting the wrong CA is refused. EC P-256 keys: fast to generate.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import path from 'node:path';
import { runCommand } from './process.js';

export interface CertificateOptions {
  /** DNS names and IP addresses the server certificate is valid for. Default: localhost, 127.0.0.1, ::1. */
  hosts?: readonly string[];
  /** Validity in days. Default 2. */
  days?: number;
}

export interface PemFile {
  path: string;
  pem: Buffer;
}

export interface LabCertificates {
  ca: { cert: PemFile; key: PemFile };
  server: { cert: PemFile; key: PemFile };
  /** An unrelated CA that did not sign the server certificate. */
  otherCa: { cert: PemFile; key: PemFile };
}

const OPENSSL = 'openssl';
const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

/** A minimal OpenSSL config so the result does not depend on the system's openssl.cnf. */
function opensslConfig(commonName: string, sections: string): string {
  return ['[req]', 'prompt = no', 'distinguished_name = dn', '[dn]', `CN = ${commonName}`, sections, ''].join(
    '\n',
  );
}

const CA_EXTENSIONS = [
  '[v3_ca]',
  'basicConstraints = critical, CA:TRUE',
  'keyUsage = critical, keyCertSign, cRLSign',
  'subjectKeyIdentifier = hash',
].join('\n');

function serverExtensions(hosts: readonly string[]): string {
  const names = hosts.map((host) => (isIP(host) === 0 ? `DNS:${host}` : `IP:${host}`));
  return [
    '[v3_server]',
    'basicConstraints = critical, CA:FALSE',
    'keyUsage = critical, digitalSignature, keyEncipherment',
    'extendedKeyUsage = serverAuth, clientAuth',
    `subjectAltName = ${names.join(', ')}`,
    'authorityKeyIdentifier = keyid, issuer',
  ].join('\n');
}

async function makeCa(dir: string, name: string, commonName: string, days: number) {
  const config = path.join(dir, `${name}.cnf`);
  const cert = path.join(dir, `${name}.crt`);
  const key = path.join(dir, `${name}.key`);
  await writeFile(config, opensslConfig(commonName, CA_EXTENSIONS));
  await runCommand(OPENSSL, [
    'req',
    '-x509',
    ...EC_KEY,
    '-config',
    config,
    '-extensions',
    'v3_ca',
    '-days',
    String(days),
    '-keyout',
    key,
    '-out',
    cert,
  ]);
  return { cert, key };
}

function randomSerial(): string {
  let hex = '';
  for (let i = 0; i < 16; i++) {
    hex += Math.floor(Math.random() * 16).toString(16);
  }
  return `0x1${hex}`;
}

async function readPem(file: string): Promise<PemFile> {
  return { path: file, pem: await readFile(file) };
}

/** Writes ca.{crt,key}, server.{crt,key} and other-ca.{crt,key} into `dir`. */
export async function makeCertificates(
  dir: string,
  options: CertificateOptions = {},
): Promise<LabCertificates> {
  const hosts = options.hosts ?? ['localhost', '127.0.0.1', '::1'];
  const days = options.days ?? 2;

  const [ca, otherCa] = await Promise.all([
    makeCa(dir, 'ca', 'slotbridge lab CA', days),
    makeCa(dir, 'other-ca', 'slotbridge unrelated CA', days),
  ]);

  const server = await signServerCertificate(dir, 'server', ca, hosts, days);

  return {
    ca: { cert: await readPem(ca.cert), key: await readPem(ca.key) },
    server: { cert: await readPem(server.cert), key: await readPem(server.key) },
    otherCa: { cert: await readPem(otherCa.cert), key: await readPem(otherCa.key) },
  };
}

/**
 * Writes `NAME.crt` and `NAME.key` into `dir`: a server certificate for `hosts` (DNS names and IP
 * addresses) signed by `ca` (paths of its certificate and key). Several servers of one lab (a TLS
 * cluster) each get their own certificate from one CA this way.
 */
export async function signServerCertificate(
  dir: string,
  name: string,
  ca: { readonly cert: string; readonly key: string },
  hosts: readonly string[],
  days = 2,
): Promise<{ cert: string; key: string }> {
  const commonName = hosts.find((host) => isIP(host) === 0) ?? hosts[0] ?? 'localhost';
  const config = path.join(dir, `${name}.cnf`);
  const csr = path.join(dir, `${name}.csr`);
  const cert = path.join(dir, `${name}.crt`);
  const key = path.join(dir, `${name}.key`);
  await writeFile(config, opensslConfig(commonName, serverExtensions(hosts)));
  await runCommand(OPENSSL, ['req', '-new', ...EC_KEY, '-config', config, '-keyout', key, '-out', csr]);
  await runCommand(OPENSSL, [
    'x509',
    '-req',
    '-in',
    csr,
    '-CA',
    ca.cert,
    '-CAkey',
    ca.key,
    '-set_serial',
    randomSerial(),
    '-days',
    String(days),
    '-extfile',
    config,
    '-extensions',
    'v3_server',
    '-out',
    cert,
  ]);
  return { cert, key };
}

/** Writes `NAME.crt` and `NAME.key` into `dir`: a self-signed CA. */
export function makeCertificateAuthority(
  dir: string,
  name: string,
  days = 2,
): Promise<{ cert: string; key: string }> {
  return makeCa(dir, name, `slotbridge lab CA ${name}`, days);
}
