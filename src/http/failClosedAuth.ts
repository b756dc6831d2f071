/**
 * Bot Framework authentication that fails closed. botbuilder's own answers
 * 500 (with the error's text) when the token-signing keys cannot be fetched
 * — no network, DNS down, login.botframework.com slow — so a request with
 * a token we could not check looked like our fault and waited as long as
 * the fetch did. Here any failure to authenticate, or taking longer than
 * AUTH_TIMEOUT_MS, is an AuthenticationError: the adapter answers 401 and
 * the bot never runs.
 *
 * Two checks botframework-connector leaves out are added: a token without
 * an expiry (`exp`) is refused (jsonwebtoken accepts one, and it would be
 * valid for ever), and the token's `serviceurl` claim must name the
 * activity's serviceUrl (the library only compares them when the activity
 * has one; activityCheck.ts requires it on every signed request).
 */
import type { Activity } from 'botbuilder';
import {
  AuthenticationError,
  BotFrameworkAuthentication,
  type AuthenticateRequestResult,
  type ClaimsIdentity,
  type ConnectorFactory,
  type UserTokenClient,
} from 'botframework-connector';
import { describeError, type Logger } from '../logger';
import { ReusedClients } from './reusedClients';

/** Long enough for a cold key fetch from Azure, short enough not to hold connections open. */
export const AUTH_TIMEOUT_MS = 5_000;
const UNAUTHORIZED = 401;
const SERVICE_URL_CLAIM = 'serviceurl';

/** A bearer JWT whose payload has no numeric `exp`: refused before any key is fetched. */
export function refuseWithoutExpiry(authHeader: string | undefined): void {
  const token = /^Bearer\s+(\S+)$/i.exec(authHeader?.trim() ?? '')?.[1];
  if (!token) return;
  let exp: unknown;
  try {
    exp = (JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown }).exp;
  } catch {
    exp = undefined;
  }
  if (typeof exp !== 'number' || !Number.isFinite(exp)) throw new AuthenticationError('Unauthorized', UNAUTHORIZED);
}

export class FailClosedAuthentication extends BotFrameworkAuthentication {
  private readonly clients = new ReusedClients();

  constructor(
    private readonly inner: BotFrameworkAuthentication,
    private readonly logger: Logger,
    private readonly timeoutMs = AUTH_TIMEOUT_MS,
  ) {
    super();
  }

  private async checked<T>(what: string, attempt: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`authentication took longer than ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    try {
      return await Promise.race([attempt(), timeout]);
    } catch (error) {
      if (error instanceof AuthenticationError) throw error;
      // Could not check the token (keys unreachable, timeout): refuse, as for a bad token.
      this.logger.warn({ err: describeError(error), what }, 'request refused: token could not be checked');
      throw new AuthenticationError('Unauthorized: the token could not be checked', UNAUTHORIZED);
    } finally {
      clearTimeout(timer);
    }
  }

  async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    refuseWithoutExpiry(authHeader);
    const result = await this.checked('request', () => this.inner.authenticateRequest(activity, authHeader));
    const claimed = result.claimsIdentity?.getClaimValue?.(SERVICE_URL_CLAIM);
    if (authHeader.trim() !== '' && claimed !== null && claimed !== undefined && claimed !== activity.serviceUrl) {
      this.logger.info({ what: 'request' }, 'request refused: serviceUrl differs from the token');
      throw new AuthenticationError('Unauthorized', UNAUTHORIZED);
    }
    return result.connectorFactory
      ? { ...result, connectorFactory: this.clients.connectorFactory(result.connectorFactory, result.claimsIdentity) }
      : result;
  }

  authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    refuseWithoutExpiry(authHeader);
    return this.checked('streaming request', () => this.inner.authenticateStreamingRequest(authHeader, channelIdHeader));
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    refuseWithoutExpiry(authHeader);
    return this.checked('channel request', () => this.inner.authenticateChannelRequest(authHeader));
  }

  createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.clients.connectorFactory(this.inner.createConnectorFactory(claimsIdentity), claimsIdentity);
  }

  createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.clients.userTokenClient(claimsIdentity, () => this.inner.createUserTokenClient(claimsIdentity));
  }

  override createBotFrameworkClient() {
    return this.inner.createBotFrameworkClient();
  }

  override getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }
}
