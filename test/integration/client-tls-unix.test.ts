import { describe, expect, it } from 'vitest';
import { useClients } from '../helpers/clients.js';
import { useServer } from '../helpers/lab.js';

const lab = useServer({ tls: true, unixSocket: true });
const client = useClients();

describe('TLS', () => {
  it('connects with the right CA, by IP and by name', async () => {
    const tls = lab.server.tls!;
    const byIp = client({ port: lab.server.tlsPort!, tls: { ca: tls.ca } });
    expect(await byIp.ping()).toBe('PONG');
    const byName = client({ host: 'localhost', port: lab.server.tlsPort!, tls: { ca: tls.ca } });
    expect(await byName.set('tls', 'yes')).toBe('OK');
    expect(await byName.get('tls')).toBe('yes');
  });

  it('servername override: the socket goes to an IP, the certificate is checked for the name', async () => {
    const tls = lab.server.tls!;
    const redis = client({ port: lab.server.tlsPort!, tls: { ca: tls.ca, servername: 'localhost' } });
    expect(await redis.ping()).toBe('PONG');
  });

  it('a wrong CA fails at once with a typed error (no retry loop)', async () => {
    const tls = lab.server.tls!;
    const redis = client({ port: lab.server.tlsPort!, tls: { ca: tls.otherCa } });
    const error = await redis.connect().catch((e: unknown) => e);
    expect((error as { code: string }).code).toMatch(/CERT|SIGNATURE|ISSUER/);
    expect((error as Error).message).toContain(`127.0.0.1:${lab.server.tlsPort}`);
    expect((error as Error).message).toMatch(/did not verify/);
    await expect(redis.get('k')).rejects.toMatchObject({ code: 'ERR_CLIENT_CLOSED' });
  });

  it('a wrong servername fails with ERR_TLS_CERT_ALTNAME_INVALID', async () => {
    const tls = lab.server.tls!;
    const redis = client({ port: lab.server.tlsPort!, tls: { ca: tls.ca, servername: 'redis.example' } });
    await expect(redis.connect()).rejects.toMatchObject({ code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
  });

  it('a plain client on the TLS port fails with a typed error, no hang', async () => {
    const redis = client({ port: lab.server.tlsPort!, reconnect: false, connectTimeout: 3000 });
    const error = await redis.connect().catch((e: unknown) => e);
    expect(error).toHaveProperty('code');
    expect((error as Error).message).toContain(`127.0.0.1:${lab.server.tlsPort}`);
  });
});

describe('unix socket', () => {
  it('connects by path and by unix:// URL', async () => {
    const path = lab.server.unixSocket!;
    const byConfig = client({ unix: path });
    expect(byConfig.kind).toBe('unix');
    await byConfig.set('unix', 'ok');
    const byUrl = client(`unix://${path}`);
    expect(await byUrl.get('unix')).toBe('ok');
  });

  it('a missing socket names the path', async () => {
    const redis = client({ unix: '/nonexistent/redis.sock', reconnect: false });
    const error = await redis.connect().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ENOENT' });
    expect((error as Error).message).toContain('/nonexistent/redis.sock');
  });
});
