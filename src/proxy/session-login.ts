/**
 * The proxy's own login (`--client-password-file`), per session: until a client has passed AUTH (or
 * HELLO … AUTH) to the proxy, nothing but AUTH, HELLO, RESET and QUIT reaches the server. AUTH is
 * answered by the proxy; HELLO is forwarded without its AUTH option; RESET logs the client out and the
 * proxy authenticates the backend connection again.
 */
import type { ClientAuth } from './client-auth.js';
import type { ProxyMetrics } from './metrics.js';
import type { RequestInfo } from './request-parser.js';

/** What the login does with the backend connection. */
export interface LoginIo {
  /** Answers in place of the server (through a substitute, so replies stay in order). */
  answer(reply: string): void;
  /** Sends `args` to the server as the request `request` (paired as such). */
  send(args: Buffer[], request: RequestInfo): void;
  /** Sends the proxy's own AUTH, whose reply is not the client's. */
  sendBackendAuth(auth: Buffer): void;
  readonly inMulti: boolean;
}

const NOAUTH_HELLO =
  '-NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO <proto> AUTH <user> <pass> option can be used to authenticate the client and select the RESP protocol version at the same time\r\n';

export class SessionLogin {
  /** The client passed the proxy's AUTH. */
  authenticated = false;

  constructor(
    readonly auth: ClientAuth,
    private readonly metrics: ProxyMetrics,
  ) {}

  /** Commands the login takes over (their arguments are captured, never forwarded as sent). */
  static captures(name: string): boolean {
    return name === 'auth' || name === 'hello' || name === 'reset';
  }

  /** AUTH, HELLO or RESET, with its arguments (undefined when they were too long to capture). */
  handle(request: RequestInfo, args: Buffer[] | undefined, io: LoginIo): void {
    if (args === undefined) {
      io.answer(`-ERR syntax error (slotbridge proxy: ${request.name.toUpperCase()} arguments too long)\r\n`);
      return;
    }
    if (io.inMulti) {
      io.answer(`-ERR slotbridge proxy: ${request.name.toUpperCase()} is not allowed inside MULTI\r\n`);
      return;
    }
    if (request.name === 'reset') {
      // The server's RESET also logs the connection out: so does the proxy's, and the backend
      // connection is authenticated again for the next login.
      this.authenticated = false;
      io.send([Buffer.from('RESET')], request);
      if (this.auth.backendAuth !== undefined) io.sendBackendAuth(this.auth.backendAuth);
      return;
    }
    if (request.name === 'auth') {
      if (args.length < 2 || args.length > 3) {
        io.answer("-ERR wrong number of arguments for 'auth' command\r\n");
        return;
      }
      if (!this.auth.verify(args.length === 3 ? args[1] : undefined, args[args.length - 1])) {
        this.metrics.authFailures++;
        io.answer('-WRONGPASS invalid username-password pair or user is disabled.\r\n');
        return;
      }
      this.authenticated = true;
      io.answer('+OK\r\n');
      return;
    }
    this.hello(args, io);
  }

  /** HELLO [protover [AUTH user pass] [SETNAME name]]: the proxy checks AUTH and forwards the rest. */
  private hello(args: Buffer[], io: LoginIo): void {
    const forwarded: Buffer[] = [Buffer.from('HELLO')];
    let login: { user: Buffer; pass: Buffer } | undefined;
    if (args.length > 1) forwarded.push(args[1]);
    for (let i = 2; i < args.length; i++) {
      const option = args[i].toString('latin1').toLowerCase();
      if (option === 'auth' && i + 2 < args.length) {
        login = { user: args[i + 1], pass: args[i + 2] };
        i += 2;
      } else if (option === 'setname' && i + 1 < args.length) {
        forwarded.push(Buffer.from('SETNAME'), args[i + 1]);
        i += 1;
      } else {
        io.answer(`-ERR Syntax error in HELLO option '${option.replace(/[^ -~]/g, '?')}'\r\n`);
        return;
      }
    }
    if (login !== undefined) {
      if (!this.auth.verify(login.user, login.pass)) {
        this.metrics.authFailures++;
        io.answer('-WRONGPASS invalid username-password pair or user is disabled.\r\n');
        return;
      }
      this.authenticated = true;
    }
    if (!this.authenticated) {
      this.metrics.commandsRefusedUnauthenticated++;
      io.answer(NOAUTH_HELLO);
      return;
    }
    io.send(forwarded, {
      name: 'hello',
      sub: args[1]?.toString('latin1').toLowerCase() ?? '',
      argc: forwarded.length,
    });
  }
}
