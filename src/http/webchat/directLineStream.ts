/**
 * The Direct Line WebSocket stream (the `streamUrl` of a conversation):
 * on connection it sends what the client has not seen yet (after the
 * watermark in the URL, or everything), then every new activity, each time
 * as an ActivitySet { activities, watermark } — what Web Chat's client
 * expects. Built on `ws`, the reference WebSocket server for Node.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Server } from 'restify';
import { WebSocket, WebSocketServer } from 'ws';
import { DIRECT_LINE_BASE } from './directLineRoutes';
import type { LocalDirectLine } from './localDirectLine';

const STREAM_PATH = new RegExp(`^${DIRECT_LINE_BASE}/conversations/([^/]+)/stream$`);

export function attachDirectLineStream(server: Server, store: LocalDirectLine): void {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const httpServer = server.server;

  httpServer.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://local');
    const match = STREAM_PATH.exec(url.pathname);
    if (!match) return refuse(socket, 404, 'Not Found');
    const lookup = store.get(decodeURIComponent(match[1]), `Bearer ${url.searchParams.get('t') ?? ''}`);
    if (!lookup.ok) return refuse(socket, lookup.status, lookup.code);
    const raw = url.searchParams.get('watermark');
    let seen = raw !== null && /^-?\d{1,9}$/.test(raw) ? Number(raw) : -1;
    const conversation = lookup.conversation;

    wss.handleUpgrade(req, socket, head, (ws) => {
      const flush = () => {
        if (ws.readyState !== WebSocket.OPEN) return;
        const set = store.since(conversation, seen);
        if (set.activities.length === 0) return;
        seen = Number(set.watermark);
        ws.send(JSON.stringify(set));
      };
      const stop = store.onAppend((id) => {
        if (id === conversation.id) flush();
      });
      // The client sends empty messages as keep-alives; nothing else is read.
      ws.on('message', () => store.touch(conversation));
      ws.on('close', stop);
      ws.on('error', stop);
      flush();
    });
  });

  // server.close() waits for every connection to end, and a stream never
  // does by itself: closing the server first closes the streams (clients
  // then reconnect to the restarted server, or tell the person).
  const close = httpServer.close.bind(httpServer);
  httpServer.close = ((callback?: (error?: Error) => void) => {
    for (const client of wss.clients) client.terminate();
    return close(callback);
  }) as typeof httpServer.close;
}

function refuse(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
