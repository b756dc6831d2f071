/** Addresses derived from the request: where the browser reached us, and where this server reaches itself. */
import type { Request } from 'restify';

/** "http://host:port" as the browser sees this server (for the Direct Line domain and stream URLs). */
export function publicOrigin(req: Request): string {
  const forwarded = String(req.header('x-forwarded-proto') ?? '')
    .split(',')[0]
    .trim();
  const secure = forwarded === 'https' || req.isSecure();
  return `${secure ? 'https' : 'http'}://${req.header('host') ?? 'localhost'}`;
}

/**
 * "http://127.0.0.1:port": the serviceUrl the bot's connector client calls
 * back. The local address the request arrived on is this machine; a
 * wildcard-bound server answers on loopback too.
 */
export function selfServiceUrl(req: Request): string {
  const { localAddress, localPort } = req.socket;
  const address = plainAddress(localAddress ?? '127.0.0.1');
  return `http://${address.includes(':') ? `[${address}]` : address}:${localPort}`;
}

/** Headers a reverse proxy adds: a request carrying one came through it, from anywhere. */
const PROXY_HEADERS = ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-real-ip', 'via'];

/**
 * True when the caller is this machine (loopback, or our own address calling itself).
 * A request relayed by a proxy running on this machine also arrives from loopback:
 * one carrying a proxy's header is not trusted as local, whatever the header says.
 */
export function fromThisMachine(req: Request): boolean {
  if (PROXY_HEADERS.some((name) => req.headers?.[name] !== undefined)) return false;
  const remote = plainAddress(req.socket.remoteAddress ?? '');
  const local = plainAddress(req.socket.localAddress ?? '');
  return remote === '127.0.0.1' || remote === '::1' || remote.startsWith('127.') || (remote !== '' && remote === local);
}

function plainAddress(address: string): string {
  return address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
}
