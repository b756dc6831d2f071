/**
 * The two Bot Connector routes CloudAdapter calls to send activities
 * (sendToConversation and replyToActivity), served by this server for the
 * conversations of the local Direct Line. The serviceUrl of those
 * conversations points here, so both turn replies and later proactive
 * messages (continueConversationAsync with a stored reference) land in the
 * conversation's store and reach the page.
 *
 * Only registered in anonymous mode (no app id: the adapter signs nothing),
 * and only accepted from this machine.
 */
import type { Request, Response, Server } from 'restify';
import { botActivitySchema, firstProblem } from './activityShape';
import { LOCAL_BOT_ID } from './botBridge';
import type { LocalDirectLine } from './localDirectLine';
import { fromThisMachine } from './requestOrigin';
import { routeParam } from '../routeParam';

export function registerConnectorRoutes(server: Server, store: LocalDirectLine, botName: string): void {
  const receive = async (req: Request, res: Response) => {
    if (!fromThisMachine(req)) {
      res.send(403, { error: { code: 'Forbidden', message: 'local connector only' } });
      return;
    }
    const lookup = store.forBot(routeParam(req, 'conversationId'));
    if (!lookup.ok) {
      res.send(lookup.status, { error: { code: lookup.code, message: lookup.message } });
      return;
    }
    const parsed = botActivitySchema.safeParse(req.body);
    if (!parsed.success) {
      res.send(400, { error: { code: 'BadArgument', message: firstProblem(parsed.error) } });
      return;
    }
    const { id: _ignored, serviceUrl: _internal, ...activity } = parsed.data as Record<string, unknown>;
    const stored = store.append(lookup.conversation, {
      ...activity,
      from: { id: LOCAL_BOT_ID, name: botName, role: 'bot' },
      ...(routeParam(req, 'activityId') ? { replyToId: routeParam(req, 'activityId') } : {}),
    });
    res.send(200, { id: stored.id });
  };
  server.post('/v3/conversations/:conversationId/activities', receive);
  server.post('/v3/conversations/:conversationId/activities/:activityId', receive);
}
