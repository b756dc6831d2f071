/**
 * POST /api/directline/token — what the page calls when the person starts
 * the conversation. Answers { token, conversationId, expiresIn, domain }:
 * - with DIRECTLINE_SECRET: a token from Azure Direct Line (the secret stays here);
 * - otherwise, in anonymous mode: a token of the local Direct Line;
 * - otherwise (an app id but no secret): 503, the page says chat is unavailable.
 */
import type { Request, Response, Server } from 'restify';
import type { Logger } from '../../logger';
import { DirectLineExchangeError, generateToken } from './azureDirectLine';
import { DIRECT_LINE_BASE } from './directLineRoutes';
import type { LocalDirectLine } from './localDirectLine';
import { peerAddress } from '../clientScope';
import { publicOrigin } from './requestOrigin';
import type { WebChatSettings } from './settings';

export function registerTokenRoute(
  server: Server,
  settings: WebChatSettings,
  local: LocalDirectLine | undefined,
  logger: Logger,
): void {
  server.post('/api/directline/token', async (req: Request, res: Response) => {
    res.header('cache-control', 'no-store');
    if (settings.directLineSecret) {
      try {
        const token = await generateToken(settings.directLineSecret, settings.directLineEndpoint);
        res.send(200, {
          token: token.token,
          conversationId: token.conversationId,
          expiresIn: token.expires_in,
          domain: settings.directLineEndpoint,
        });
      } catch (error) {
        const status = error instanceof DirectLineExchangeError ? error.status : undefined;
        logger.error({ status }, 'direct line token exchange failed');
        res.send(502, { error: 'directline_unavailable' });
      }
      return;
    }
    if (!local) {
      res.send(503, { error: 'webchat_not_configured' });
      return;
    }
    // Counted per address, and never at the cost of a conversation in use (localDirectLine.ts).
    const admitted = await local.admit('token', peerAddress(req));
    const conversation = admitted.ok ? local.issue() : undefined;
    if (!conversation) {
      res.header('Retry-After', String(admitted.ok ? 60 : admitted.retryAfterSeconds));
      logger.warn({ reason: admitted.ok ? 'full' : 'rate' }, 'local direct line token refused');
      res.send(admitted.ok ? 503 : 429, { error: admitted.ok ? 'webchat_busy' : 'too_many_requests' });
      return;
    }
    res.send(200, {
      token: conversation.token,
      conversationId: conversation.id,
      expiresIn: local.tokenSeconds,
      domain: `${publicOrigin(req)}${DIRECT_LINE_BASE}`,
    });
  });
}
