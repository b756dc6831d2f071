/**
 * The Direct Line WebSocket stream (the `streamUrl` of a conversation):
 * on connection it sends what the client has not seen yet (after the
 * watermark in the URL, or everything), then every new activity, each time
 * as an ActivitySet { activities, watermark } — what Web Chat's client
 * expects. Built on `ws`, the reference WebSocket server for Node.
 *
 * The `upgrade` event is outside restify: nothing catches what its handler
 * throws, and a throw there ends the process. So everything here is caught
 * (a frame that cannot be written closes that one socket), connections are
 * counted per address and capped per conversation (localDirectLine.ts).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Server } from 'restify';
import { WebSocket, WebSocketServer } from 'ws';
import { DIRECT_LINE_BASE } from './directLineRoutes';
import type { LocalConversation, LocalDirectLine } from './localDirectLine';
import { describeError, type Logger } from '../../logger';

const STREAM_PATH = new RegExp(`^${DIRECT_LINE_BASE}/conversations/([^/]+)/stream$`);

export function attachDirectLineStream(server: Server, store: LocalDirectLine, logger: Logger): void {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const httpServer = server.server;

  const stream = (ws: WebSocket, conversation: LocalConversation, watermark: number) => {
    let seen = watermark;
    const flush = () => {
      if (ws.readyState !== WebSocket.OPEN) return;
      try {
        const set = store.since(conversation, seen);
        if (set.activities.length === 0) return;
        seen = Number(set.watermark);
        ws.send(JSON.stringify(set));
      } catch (error) {
        logger.error({ err: describeError(error) }, 'direct line stream frame failed');
        ws.terminate();
      }
    };
    const stop = store.onAppend((id) => {
      if (id === conversation.id) flush();
    });
    // The client sends empty messages as keep-alives; nothing else is read.
    ws.on('message', () => store.touch(conversation));
    ws.once('close', stop);
    ws.on('error', () => ws.terminate());
    flush();
  };

  const upgrade = async (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://local');
    const match = STREAM_PATH.exec(url.pathname);
    if (!match) return refuse(socket, 404, 'Not Found');
    const admitted = await store.admit('upgrade', req.socket.remoteAddress);
    if (!admitted.ok) return refuse(socket, 429, 'Too Many Requests', admitted.retryAfterSeconds);
    let id: string;
    try {
      id = decodeURIComponent(match[1]);
    } catch {
      return refuse(socket, 404, 'Not Found');
    }
    const lookup = store.get(id, `Bearer ${url.searchParams.get('t') ?? ''}`);
    if (!lookup.ok) return refuse(socket, lookup.status, lookup.code);
    if (!store.openSocket(lookup.conversation)) return refuse(socket, 429, 'Too Many Streams', 10);
    // The slot is the TCP connection's: given back however it ends (closed, refused by ws, reset).
    socket.once('close', () => store.closeSocket(lookup.conversation));
    const raw = url.searchParams.get('watermark');
    const watermark = raw !== null && /^-?\d{1,9}$/.test(raw) ? Number(raw) : -1;
    wss.handleUpgrade(req, socket, head, (ws) => stream(ws, lookup.conversation, watermark));
  };

  httpServer.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    upgrade(req, socket, head).catch((error) => {
      logger.error({ err: describeError(error) }, 'direct line stream upgrade failed');
      socket.destroy();
    });
  });

  // server.close() waits for every connection to end, and a stream never
  // does by itself: closing the server first closes the streams (clients
  // then reconnect to the restarted server, or tell the person).
  const close = httpServer.close.bind(httpServer);
  httpServer.close = (callback?: (error?: Error) => void) => {
    for (const client of wss.clients) client.terminate();
    return close(callback);
  };
}

function refuse(socket: Duplex, status: number, reason: string, retryAfterSeconds?: number): void {
  const retry = retryAfterSeconds ? `Retry-After: ${retryAfterSeconds}\r\n` : '';
  socket.end(`HTTP/1.1 ${status} ${reason}\r\n${retry}Connection: close\r\nContent-Length: 0\r\n\r\n`);
}
