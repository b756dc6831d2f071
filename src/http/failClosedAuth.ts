/**
 * Bot Framework authentication that fails closed. botbuilder's own answers
 * 500 (with the error's text) when the token-signing keys cannot be fetched
 * — no network, DNS down, login.botframework.com slow — so a request with
 * a token we could not check looked like our fault and waited as long as
 * the fetch did. Here any failure to authenticate, or taking longer than
 * AUTH_TIMEOUT_MS, is an AuthenticationError: the adapter answers 401 and
 * the bot never runs.
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

/** Long enough for a cold key fetch from Azure, short enough not to hold connections open. */
export const AUTH_TIMEOUT_MS = 5_000;
const UNAUTHORIZED = 401;

export class FailClosedAuthentication extends BotFrameworkAuthentication {
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

  authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.checked('request', () => this.inner.authenticateRequest(activity, authHeader));
  }

  authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    return this.checked('streaming request', () => this.inner.authenticateStreamingRequest(authHeader, channelIdHeader));
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.checked('channel request', () => this.inner.authenticateChannelRequest(authHeader));
  }

  createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.inner.createConnectorFactory(claimsIdentity);
  }

  createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.inner.createUserTokenClient(claimsIdentity);
  }

  override createBotFrameworkClient() {
    return this.inner.createBotFrameworkClient();
  }

  override getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }
}
