/**
 * A link to download the figures' CSV from a Teams card. Teams cannot
 * receive a file from a bot in a card, so the card opens a link in the
 * browser instead. The link carries who asked, for which programme and
 * period, and until when it works (15 minutes), signed with a secret kept
 * in the store (so any instance can check it); nothing is kept per link.
 * When opened, the professional is recognised again and the reading goes
 * through the same rights check and audit as the card: a disabled account
 * or an expired link gets nothing. The CSV holds counts only, no person.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { TeamsIdentity } from '../../domain/professional';
import { PRO_CHANNEL } from '../../domain/rights';
import type { Stores } from '../../store/repositories';
import { storedSecret } from '../storedSecret';
import type { ProgrammeFigures } from './figures';
import type { ProfessionalDirectory } from './professionalDirectory';
import type { ProgrammeReport } from '../../domain/programmeReport';

const SECRET_KEY = 'figuresLinks.secret';
export const FIGURES_LINK_LIFE_MS = 15 * 60 * 1000;

interface Claims {
  aad: string;
  tenant?: string;
  programmeId: string;
  from: string;
  to: string;
  until: number;
}

export type OpenedLink = { outcome: 'report'; report: ProgrammeReport } | { outcome: 'invalid' | 'expired' | 'refused' };

export class FiguresLinks {
  private secret: Promise<string> | undefined;

  constructor(
    private readonly stores: Stores,
    private readonly directory: ProfessionalDirectory,
    private readonly figures: ProgrammeFigures,
  ) {}

  /** The token of a link for this professional's figures over a period. */
  async sign(identity: TeamsIdentity, programmeId: string, from: string, to: string, now: Date): Promise<string | undefined> {
    if (!identity.aadObjectId) return undefined;
    const claims: Claims = {
      aad: identity.aadObjectId,
      tenant: identity.tenantId,
      programmeId,
      from,
      to,
      until: now.getTime() + FIGURES_LINK_LIFE_MS,
    };
    const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return `${body}.${await this.mac(body)}`;
  }

  /** The report a token gives, if it is ours, still valid, and its professional may still read it. */
  async open(token: string, now: Date): Promise<OpenedLink> {
    const [body, mac] = token.split('.');
    if (!body || !mac) return { outcome: 'invalid' };
    const expected = Buffer.from(await this.mac(body));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { outcome: 'invalid' };
    let claims: Claims;
    try {
      claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Claims;
    } catch {
      return { outcome: 'invalid' };
    }
    if (!(claims.until > now.getTime())) return { outcome: 'expired' };
    const professional = await this.directory.recognise(PRO_CHANNEL, { aadObjectId: claims.aad, tenantId: claims.tenant });
    if (!professional) return { outcome: 'refused' };
    const result = await this.figures.report({ professional, channelId: PRO_CHANNEL }, claims.programmeId, claims.from, claims.to);
    return result.outcome === 'report' ? result : { outcome: 'refused' };
  }

  private async mac(body: string): Promise<string> {
    this.secret ??= storedSecret(this.stores, SECRET_KEY);
    return createHmac('sha256', await this.secret)
      .update(body)
      .digest('base64url');
  }
}
