/**
 * Certificates of a TLS lab cluster: one lab CA signs a certificate per node, valid for the names that
 * node is reached by (its announced hostname, or localhost and 127.0.0.1). Kept in a directory of their
 * own so a node restarted on another port keeps its certificate.
 */
import { readFile } from 'node:fs/promises';
import { createLabDir, removeLabDir } from './process.js';
import type { ServerTlsFiles } from './standalone.js';
import { makeCertificateAuthority, signServerCertificate } from './tls-certificates.js';

export class ClusterTls {
  private readonly files = new Map<number, Promise<ServerTlsFiles>>();

  private constructor(
    private readonly dir: string,
    private readonly ca: { cert: string; key: string; pem: Buffer },
    private readonly otherCa: { cert: string; pem: Buffer },
  ) {}

  static async create(): Promise<ClusterTls> {
    const dir = await createLabDir('slotbridge-cluster-tls-');
    try {
      const [ca, otherCa] = await Promise.all([
        makeCertificateAuthority(dir, 'ca'),
        makeCertificateAuthority(dir, 'other-ca'),
      ]);
      return new ClusterTls(
        dir,
        { ...ca, pem: await readFile(ca.cert) },
        { cert: otherCa.cert, pem: await readFile(otherCa.cert) },
      );
    } catch (error) {
      await removeLabDir(dir);
      throw error;
    }
  }

  /** The CA (PEM) that signed every node's certificate: what a client trusts. */
  get caPem(): Buffer {
    return this.ca.pem;
  }

  /** The certificate files of node `index` (made once), valid for `hosts`. */
  filesFor(index: number, hosts: readonly string[]): Promise<ServerTlsFiles> {
    let files = this.files.get(index);
    if (files === undefined) {
      files = this.make(index, hosts);
      this.files.set(index, files);
    }
    return files;
  }

  remove(): Promise<void> {
    return removeLabDir(this.dir);
  }

  private async make(index: number, hosts: readonly string[]): Promise<ServerTlsFiles> {
    const node = await signServerCertificate(this.dir, `node-${index}`, this.ca, hosts);
    return {
      ca: this.ca.pem,
      cert: await readFile(node.cert),
      key: await readFile(node.key),
      caPath: this.ca.cert,
      certPath: node.cert,
      keyPath: node.key,
      otherCa: this.otherCa.pem,
      otherCaPath: this.otherCa.cert,
    };
  }
}
