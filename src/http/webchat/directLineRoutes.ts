/**
 * The subset of the Direct Line 3.0 API that Web Chat's own client
 * (botframework-directlinejs) uses, served locally when no Azure Direct
 * Line is configured: start or resume a conversation, post an activity,
 * poll activities after a watermark, refresh the token. The WebSocket
 * stream is in directLineStream.ts.
 *
 * Errors follow Direct Line's shape, { error: { code, message } }, and the
 * statuses its client understands: 401/403 for tokens, 404 for an unknown,
 * expired or ended conversation (the client then stops), 400 for a bad body
 * (413 for a too large one comes from the body parser).
 */
import type { Request, Response, Server } from 'restify';
import { type BotBridge, LOCAL_BOT_ID } from './botBridge';
import { clientActivitySchema, firstProblem } from './activityShape';
import type { LocalConversation, LocalDirectLine, Lookup } from './localDirectLine';
import { publicOrigin, selfServiceUrl } from './requestOrigin';
import { routeParam } from '../routeParam';

export const DIRECT_LINE_BASE = '/v3/directline';

export function registerDirectLineRoutes(server: Server, store: LocalDirectLine, bridge: BotBridge): void {
  const refuse = (res: Response, status: number, code: string, message: string): void => {
    res.send(status, { error: { code, message } });
  };

  const open = (res: Response, lookup: Lookup): LocalConversation | undefined => {
    if (lookup.ok) return lookup.conversation;
    refuse(res, lookup.status, lookup.code, lookup.message);
    return undefined;
  };

  const describe = (req: Request, conversation: LocalConversation, watermark?: number) => {
    const stream = new URL(`${publicOrigin(req).replace(/^http/, 'ws')}${DIRECT_LINE_BASE}/conversations/${conversation.id}/stream`);
    stream.searchParams.set('t', conversation.token);
    if (watermark !== undefined) stream.searchParams.set('watermark', String(watermark));
    return {
      conversationId: conversation.id,
      token: conversation.token,
      expires_in: store.tokenSeconds,
      streamUrl: stream.toString(),
    };
  };

  // Start the conversation the token was issued for (Azure returns the same one if asked twice).
  server.post(`${DIRECT_LINE_BASE}/conversations`, async (req: Request, res: Response) => {
    const conversation = open(res, store.byToken(req.header('authorization')));
    if (!conversation) return;
    const first = !conversation.started;
    conversation.started = true;
    store.touch(conversation);
    if (first) {
      // As Azure does: the bot learns that the user and itself joined, and greets.
      // Sent to the bot only: Web Chat shows nothing for it, so it is not kept for the client.
      const joined = {
        type: 'conversationUpdate',
        id: `${conversation.id}|start`,
        membersAdded: [{ id: conversation.userId }, { id: LOCAL_BOT_ID }],
      } as never;
      await bridge.deliver(conversation, joined, selfServiceUrl(req));
    }
    res.send(first ? 201 : 200, describe(req, conversation));
  });

  // Reconnect: a fresh stream URL from a watermark.
  server.get(`${DIRECT_LINE_BASE}/conversations/:conversationId`, async (req: Request, res: Response) => {
    const conversation = open(res, store.get(routeParam(req, 'conversationId'), req.header('authorization')));
    if (!conversation) return;
    const watermark = parseWatermark(req);
    if (watermark === null) {
      refuse(res, 400, 'BadArgument', 'watermark must be a whole number');
      return;
    }
    res.send(200, describe(req, conversation, watermark));
  });

  server.get(`${DIRECT_LINE_BASE}/conversations/:conversationId/activities`, async (req: Request, res: Response) => {
    const conversation = open(res, store.get(routeParam(req, 'conversationId'), req.header('authorization')));
    if (!conversation) return;
    const watermark = parseWatermark(req);
    if (watermark === null) {
      refuse(res, 400, 'BadArgument', 'watermark must be a whole number');
      return;
    }
    res.send(200, store.since(conversation, watermark));
  });

  server.post(`${DIRECT_LINE_BASE}/conversations/:conversationId/activities`, async (req: Request, res: Response) => {
    const conversation = open(res, store.get(routeParam(req, 'conversationId'), req.header('authorization')));
    if (!conversation) return;
    if (!/json/i.test(req.contentType())) {
      refuse(res, 400, 'BadArgument', 'content type must be application/json');
      return;
    }
    const parsed = clientActivitySchema.safeParse(req.body);
    if (!parsed.success) {
      refuse(res, 400, 'BadArgument', firstProblem(parsed.error));
      return;
    }
    const { id: _ignored, conversation: _c, recipient: _r, serviceUrl: _s, ...activity } = parsed.data as Record<string, unknown>;
    // The echo Web Chat waits for: same activity, with our id, from the conversation's user.
    const stored = store.append(conversation, {
      ...activity,
      from: { ...((activity.from as object) ?? {}), id: conversation.userId, role: 'user' },
    } as never);
    const ok = await bridge.deliver(conversation, stored, selfServiceUrl(req));
    if (!ok) {
      refuse(res, 502, 'BotError', 'the bot could not handle this activity');
      return;
    }
    res.send(200, { id: stored.id });
  });

  server.post(`${DIRECT_LINE_BASE}/tokens/refresh`, async (req: Request, res: Response) => {
    const conversation = open(res, store.byToken(req.header('authorization')));
    if (!conversation) return;
    const token = store.refresh(conversation);
    res.send(200, { conversationId: conversation.id, token, expires_in: store.tokenSeconds });
  });
}

/** undefined when absent or empty, null when malformed. */
export function parseWatermark(req: Request): number | undefined | null {
  const raw = new URLSearchParams(req.getQuery() ?? '').get('watermark');
  if (raw === null || raw === '' || raw === '-') return undefined;
  return /^-?\d{1,9}$/.test(raw) && Number(raw) >= -1 ? Number(raw) : null;
}
