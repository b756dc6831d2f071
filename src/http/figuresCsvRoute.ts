/**
 * GET /api/figures.csv?t=TOKEN — the CSV behind a Teams figures card (see
 * services/pro/figuresLinks.ts). 200 with the file as a download, or 404
 * for a link that is not ours, 410 for an expired one, 403 when its
 * professional may no longer read the figures; never a hint of which
 * figures the link was for.
 */
import type { Request, Response, Server } from 'restify';
import type { Clock } from '../domain/clock';
import type { Translate } from '../i18n';
import { reportCsv } from '../services/programmeReport';
import type { FiguresLinks } from '../services/pro/figuresLinks';

/** The token goes in the query: a signed token is longer than the router allows a path segment. */
export const FIGURES_CSV_PATH = '/api/figures.csv';

const STATUS = { invalid: 404, expired: 410, refused: 403 } as const;

export function registerFiguresCsvRoute(server: Server, links: FiguresLinks, t: Translate, clock: Clock): void {
  server.get(FIGURES_CSV_PATH, async (req: Request, res: Response) => {
    res.header('cache-control', 'no-store');
    const token = new URLSearchParams(req.getQuery() ?? '').get('t') ?? '';
    const opened = await links.open(token, clock.now());
    if (opened.outcome !== 'report') {
      res.send(STATUS[opened.outcome], { error: opened.outcome });
      return;
    }
    const { report } = opened;
    const name = t('pro:figures.csv_file', { programme: report.programmeId, from: report.from, to: report.to });
    res.header('content-type', 'text/csv; charset=utf-8');
    res.header('content-disposition', `attachment; filename="${name}"`);
    res.sendRaw(
      200,
      reportCsv(report, (key, options) => t(key, options)),
    );
  });
}
