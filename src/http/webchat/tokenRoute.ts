/**
 * POST /api/directline/token — what the page calls when the person starts
 * the conversation. Answers { token, conversationId, expiresIn, domain }:
 * - with DIRECTLINE_SECRET: a token from Azure Direct Line (the secret stays here);
 * - otherwise, in anonymous mode: a token of the local Direct Line;
 * - otherwise (an app id but no secret): 503, the page says chat is unavailable.
 * Each answer carries a resume key (resumeKey.ts). A page that slept past
 * its token's life posts { conversationId, resume } and gets a fresh token
 * for that same conversation, so the person keeps the thread and the
 * transcript; 404 when the conversation is gone, 403 for a key that is not
 * that conversation's.
 */
import type { Request, Response, Server } from 'restify';
import type { Logger } from '../../logger';
import { z } from 'zod';
import { DirectLineExchangeError, type DirectLineToken, generateToken, resumeToken } from './azureDirectLine';
import { DIRECT_LINE_BASE } from './directLineRoutes';
import type { LocalDirectLine } from './localDirectLine';
import type { ResumeKeys } from './resumeKey';
import { peerAddress } from '../clientScope';
import { publicOrigin } from './requestOrigin';
import type { WebChatSettings } from './settings';

export function registerTokenRoute(
  server: Server,
  settings: WebChatSettings,
  local: LocalDirectLine | undefined,
  resume: ResumeKeys,
  logger: Logger,
): void {
  server.post('/api/directline/token', async (req: Request, res: Response) => {
    res.header('cache-control', 'no-store');
    const asked = resumeRequest.safeParse(req.body);
    if (asked.success && !resume.accepts(asked.data.conversationId, asked.data.resume)) {
      res.send(403, { error: 'resume_refused' });
      return;
    }
    const resuming = asked.success ? asked.data.conversationId : undefined;
    if (settings.directLineSecret) {
      const secret = settings.directLineSecret;
      const endpoint = settings.directLineEndpoint;
      try {
        const token = resuming ? await resumeToken(secret, endpoint, resuming) : await generateToken(secret, endpoint);
        res.send(200, answer(token, endpoint, resume));
      } catch (error) {
        const status = error instanceof DirectLineExchangeError ? error.status : undefined;
        if (resuming && status === 404) {
          res.send(404, { error: 'conversation_gone' });
          return;
        }
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
    if (admitted.ok && resuming) {
      const held = local.forBot(resuming);
      if (!held.ok) {
        res.send(404, { error: 'conversation_gone' });
        return;
      }
      const token = local.refresh(held.conversation);
      res.send(
        200,
        answer({ conversationId: resuming, token, expires_in: local.tokenSeconds }, `${publicOrigin(req)}${DIRECT_LINE_BASE}`, resume),
      );
      return;
    }
    const conversation = admitted.ok && !resuming ? local.issue() : undefined;
    if (!conversation) {
      res.header('Retry-After', String(admitted.ok ? 60 : admitted.retryAfterSeconds));
      logger.warn({ reason: admitted.ok ? 'full' : 'rate' }, 'local direct line token refused');
      res.send(admitted.ok ? 503 : 429, { error: admitted.ok ? 'webchat_busy' : 'too_many_requests' });
      return;
    }
    const token = { conversationId: conversation.id, token: conversation.token, expires_in: local.tokenSeconds };
    res.send(200, answer(token, `${publicOrigin(req)}${DIRECT_LINE_BASE}`, resume));
  });
}

/** A body naming a conversation to come back to; any other body (`{}`) asks for a new one. */
const resumeRequest = z.object({ conversationId: z.string().min(1).max(200), resume: z.string().max(200) });

function answer(token: DirectLineToken, domain: string, resume: ResumeKeys) {
  return {
    token: token.token,
    conversationId: token.conversationId,
    expiresIn: token.expires_in,
    domain,
    resume: resume.issue(token.conversationId),
  };
}
