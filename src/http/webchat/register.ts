/**
 * Everything the Web Chat page needs on the server, registered in one call
 * from app.ts: the page and the privacy page, their static files (the
 * botframework-webchat bundle straight from node_modules: no CDN), the
 * token route, and — when the bot runs without an app id and no Azure
 * Direct Line secret is set — the local Direct Line with its connector
 * routes and WebSocket stream.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ActivityHandler, CloudAdapter } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import { projectRoot } from '../../data/paths';
import type { Programme } from '../../domain/programme';
import type { Translate } from '../../i18n';
import type { Logger } from '../../logger';
import { BotBridge } from './botBridge';
import { registerConnectorRoutes } from './connectorRoutes';
import { registerDirectLineRoutes } from './directLineRoutes';
import { attachDirectLineStream } from './directLineStream';
import { LOCAL_DIRECT_LINE_LIMITS, LocalDirectLine } from './localDirectLine';
import { ASSET_BASE, faviconSvg, renderChatPage, renderPrivacyPage } from './page';
import { pageProgrammes, type WebChatSettings } from './settings';
import { resumeKeys } from './resumeKey';
import { registerTokenRoute } from './tokenRoute';
import { routeParam } from '../routeParam';

export interface WebChatDeps {
  adapter: CloudAdapter;
  bot: ActivityHandler;
  programmes: Programme[];
  settings: WebChatSettings;
  t: Translate;
  logger: Logger;
}

/** The local Direct Line, when served (tests reach its store through this). */
export interface WebChat {
  localDirectLine?: LocalDirectLine;
}

function webChatBundle(): Buffer {
  // The package's exports map hides dist/; its main entry sits in lib/, beside it.
  return readFileSync(path.join(path.dirname(require.resolve('botframework-webchat')), '..', 'dist', 'webchat.js'));
}

function originOf(url: string | undefined): string {
  try {
    return url && /^https?:/.test(url) ? new URL(url).origin : '';
  } catch {
    return '';
  }
}

/** Only this server (and the Azure Direct Line and the logo, when configured) may be reached. */
function contentSecurityPolicy(req: Request, settings: WebChatSettings): string {
  const host = req.header('host') ?? '';
  const connect = ["'self'", `ws://${host}`, `wss://${host}`];
  if (settings.directLineSecret) {
    const azure = originOf(settings.directLineEndpoint);
    connect.push(azure, azure.replace(/^http/, 'ws'));
  }
  return [
    "default-src 'self'",
    "script-src 'self'",
    // Web Chat styles its components with inline styles (emotion).
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob: ${originOf(settings.logoUrl)}`.trim(),
    "font-src 'self' data:",
    `connect-src ${connect.join(' ')}`,
    "base-uri 'none'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ');
}

export function registerWebChat(server: Server, deps: WebChatDeps): WebChat {
  const { settings, t, logger } = deps;
  const programmes = pageProgrammes(settings, deps.programmes);
  const chatPage = renderChatPage(t, programmes, settings);
  const privacyPage = renderPrivacyPage(t, programmes, settings);
  const web = path.join(projectRoot(), 'web');
  const assets: Record<string, { body: Buffer; type: string; cache: string }> = {
    'chat.js': { body: readFileSync(path.join(web, 'chat.js')), type: 'text/javascript; charset=utf-8', cache: 'no-cache' },
    'chat.css': { body: readFileSync(path.join(web, 'chat.css')), type: 'text/css; charset=utf-8', cache: 'no-cache' },
    'webchat.js': { body: webChatBundle(), type: 'text/javascript; charset=utf-8', cache: 'public, max-age=86400' },
    'favicon.svg': { body: Buffer.from(faviconSvg(settings.accentColor)), type: 'image/svg+xml', cache: 'public, max-age=86400' },
  };

  const html = (body: string) => async (req: Request, res: Response) => {
    res.sendRaw(200, body, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-cache',
      'content-security-policy': contentSecurityPolicy(req, settings),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'permissions-policy': 'geolocation=(self), camera=(), microphone=()',
    });
  };
  server.get('/', html(chatPage));
  // The pages link their icon (favicon.svg); a browser or a tool that asks for /favicon.ico anyway gets no error.
  server.get('/favicon.ico', async (_req: Request, res: Response) => {
    res.sendRaw(204, '', { 'cache-control': 'public, max-age=86400' });
  });
  server.get('/confidentialite', html(privacyPage));
  server.get(`${ASSET_BASE}/:file`, async (req: Request, res: Response) => {
    // Own keys only: `__proto__`, `constructor` or `toString` are not files.
    const file = routeParam(req, 'file');
    const asset = Object.hasOwn(assets, file) ? assets[file] : undefined;
    if (!asset) {
      res.send(404, { error: 'not_found' });
      return;
    }
    res.sendRaw(200, asset.body, { 'content-type': asset.type, 'cache-control': asset.cache, 'x-content-type-options': 'nosniff' });
  });

  const botName = t('webchat:page.heading_many');
  const localDirectLine =
    settings.localDirectLine && !settings.directLineSecret
      ? new LocalDirectLine({
          ...LOCAL_DIRECT_LINE_LIMITS,
          tokenSeconds: settings.localTokenSeconds ?? LOCAL_DIRECT_LINE_LIMITS.tokenSeconds,
        })
      : undefined;
  if (localDirectLine) {
    const bridge = new BotBridge(deps.adapter, deps.bot, logger, botName);
    registerDirectLineRoutes(server, localDirectLine, bridge);
    registerConnectorRoutes(server, localDirectLine, botName);
    attachDirectLineStream(server, localDirectLine, logger);
  }
  registerTokenRoute(server, settings, localDirectLine, resumeKeys(settings.directLineSecret, Date.now), logger);
  return { localDirectLine };
}
