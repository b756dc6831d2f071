/**
 * The answer to a question about the programme's figures, over the period
 * it names (the year so far when none): the card with a link to the CSV;
 * one number when one was asked (« combien de carnets ce mois ci »); a
 * plain sentence when the period has not begun or nothing happened in it,
 * rather than a card of zeros. Every answer names the département and the
 * period. Another département's figures are refused by the rights check
 * (audited like any access) and those of one's own are offered instead;
 * so are they for a département the programme does not serve.
 */
import type { TurnContext } from 'botbuilder';
import { DateTime } from 'luxon';
import type { Programme } from '../../src/domain/programme';
import type { ProgrammeReport } from '../../src/domain/programmeReport';
import { grantedActions } from '../../src/domain/rights';
import { teamsIdentity } from '../../src/bot/teamsIdentity';
import { FIGURES_CSV_PATH } from '../../src/http/figuresCsvRoute';
import { turnOrigin } from '../../src/http/turnOrigin';
import type { FiguresMeasure, FiguresRequest } from '../../src/nlu/figuresRequest';
import type { ReportPeriod } from '../../src/nlu/reportPeriod';
import type { Translate } from '../../src/i18n';
import { sendProCard } from './cards';
import { figuresCard } from './figuresCard';
import { currentProfessional, proContext, type ProDialogDeps, proProgramme } from './proContext';
import { frenchPeriod } from './proFormat';

/**
 * Another département's figures were asked: the same question for one's own département, offered (« oui »).
 * Only dates and words: it waits in the dialog state.
 */
export type FiguresOffer = Omit<FiguresRequest, 'departementCode' | 'unservedDepartementCode'> & { period: ReportPeriod };

/** The figures asked for, sent; an offer when they were refused for being another département's. */
export async function answerFigures(context: TurnContext, deps: ProDialogDeps, request: FiguresRequest): Promise<FiguresOffer | undefined> {
  const { t, pro } = deps;
  const professional = currentProfessional(context)!;
  const own = proProgramme(context, deps);
  const asked = request.departementCode ? deps.programmes.find((p) => p.departement.code === request.departementCode) : own;
  const now = deps.clock.now();
  const period = request.period ?? yearSoFar(now);
  // « les chiffres de l'Ardèche »: no programme there, so no figures; which départements it covers, and one's own offered.
  if (request.unservedDepartementCode && own && grantedActions(professional.role).includes('figures.view')) {
    const served = deps.programmes.map((p) => p.departement.name).join(', ');
    await sendProCard(context, { lines: [t('pro:figures.not_served', { departements: served })] }, t);
    return { period, ...(request.measure ? { measure: request.measure } : {}) };
  }
  const result = await pro.figures.report(proContext(context), asked?.id ?? professional.programmeId, period.from, period.to);
  if (result.outcome !== 'report' || !asked) {
    if (result.outcome === 'refused' && result.reason === 'other_programme' && own && asked) {
      const line = t('pro:figures.other_programme', {
        own: own.departement.name,
        asked: asked.departement.name,
        askedProgramme: asked.name,
      });
      await sendProCard(context, { lines: [line] }, t);
      return { period, ...(request.measure ? { measure: request.measure } : {}) };
    }
    await sendProCard(context, { lines: [t('pro:figures.not_allowed')] }, t);
    return undefined;
  }
  const { report } = result;
  const named = { departement: asked.departement.name, period: frenchPeriod(report.from, report.to, t), book: asked.voucherBook.word };
  if (period.future) {
    await sendProCard(context, { lines: [t('pro:figures.future', named)] }, t);
  } else if (request.measure) {
    await sendProCard(
      context,
      { lines: [t('pro:figures.measure', { ...named, value: measureValue(report, request.measure, asked, t) })] },
      t,
    );
  } else if (isEmpty(report)) {
    await sendProCard(context, { lines: [t('pro:figures.nothing', named)] }, t);
  } else {
    await sendProCard(context, figuresCard(report, asked, t, await csvUrl(context, deps, asked, period, now)), t);
  }
  return undefined;
}

/** The question that offers one's own figures after another département's were refused. */
export function offerQuestion(offer: FiguresOffer, context: TurnContext, deps: ProDialogDeps): string {
  const own = proProgramme(context, deps);
  return deps.t('pro:figures.offer_own', {
    own: own?.departement.name ?? '',
    period: frenchPeriod(offer.period.from, offer.period.to, deps.t),
  });
}

/** From 1 January (Paris) to today: what « les chiffres » alone mean. */
function yearSoFar(now: Date): ReportPeriod {
  const today = DateTime.fromJSDate(now, { zone: 'Europe/Paris' });
  return { from: `${today.year}-01-01`, to: today.toISODate()!, future: false, words: '' };
}

/** Nothing moved in the period: no hour, no carnet, no session held, no rating. */
function isEmpty(report: ProgrammeReport): boolean {
  const { beneficiaries, attended, missed, ratings } = report.totals;
  return beneficiaries === 0 && attended + missed === 0 && ratings === 0;
}

function measureValue(report: ProgrammeReport, measure: FiguresMeasure, programme: Programme, t: Translate): string {
  const totals = report.totals;
  const book = programme.voucherBook.word;
  if (measure === 'books') return t('pro:figures.measure_books', { count: totals.books, hours: totals.hoursPrescribed, book });
  if (measure === 'beneficiaries') return t('pro:figures.measure_beneficiaries', { count: totals.beneficiaries, book });
  if (measure === 'cancelled') return t('pro:figures.measure_cancelled', { count: totals.cancelled });
  return t('pro:figures.measure_sessions', { count: totals.attended + totals.missed, attended: totals.attended, missed: totals.missed });
}

/** The CSV of the same figures, through a signed link (Teams cannot take a file from a card). */
async function csvUrl(
  context: TurnContext,
  deps: ProDialogDeps,
  programme: Programme,
  period: ReportPeriod,
  now: Date,
): Promise<string | undefined> {
  const origin = turnOrigin(context);
  const token = origin ? await deps.pro.figuresLinks.sign(teamsIdentity(context), programme.id, period.from, period.to, now) : undefined;
  return token ? `${origin}${FIGURES_CSV_PATH}?t=${encodeURIComponent(token)}` : undefined;
}
