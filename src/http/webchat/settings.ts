/**
 * What the Web Chat page and its Direct Line need from the configuration:
 * the programme whose identity the page carries, its colour and logo, the
 * retention stated on the notice, and how to reach Direct Line.
 */
import type { Config } from '../../config';
import type { Programme } from '../../domain/programme';
import { AZURE_DIRECT_LINE } from './azureDirectLine';

export interface WebChatSettings {
  /** The programme named on the page; undefined = every served programme. */
  programmeId?: string;
  /** Accent colour (#rrggbb), checked in config.ts for contrast with white text. */
  accentColor: string;
  /** The département's logo (https URL or a path on this server); none by default. */
  logoUrl?: string;
  /** Days conversations are kept, stated on the notice before the chat starts. */
  retentionDays: number;
  /** Azure Direct Line secret: when set, the page uses Azure instead of the local Direct Line. */
  directLineSecret?: string;
  directLineEndpoint: string;
  /**
   * Serve the local Direct Line (and its connector routes): only when the bot runs without an app id,
   * and never in production, even with ALLOW_ANONYMOUS (it keeps conversations in memory, for one machine).
   */
  localDirectLine: boolean;
  /** The local Direct Line's token life in seconds (tests shorten it); one hour by default. */
  localTokenSeconds?: number;
}

/** A dark blue giving 9:1 with white text (RGAA asks 4.5:1). */
export const DEFAULT_ACCENT = '#1d4e89';

export function webChatSettings(config: Partial<Config>): WebChatSettings {
  return {
    programmeId: config.WEBCHAT_PROGRAMME,
    accentColor: config.WEBCHAT_ACCENT_COLOR ?? DEFAULT_ACCENT,
    logoUrl: config.WEBCHAT_LOGO_URL,
    retentionDays: config.CONVERSATION_RETENTION_DAYS ?? 30,
    directLineSecret: config.DIRECTLINE_SECRET,
    directLineEndpoint: config.DIRECTLINE_ENDPOINT ?? AZURE_DIRECT_LINE,
    localDirectLine: !config.MicrosoftAppId && !config.DIRECTLINE_SECRET && config.NODE_ENV !== 'production',
  };
}

/** The programmes the page speaks for: the configured one, or all served. */
export function pageProgrammes(settings: WebChatSettings, programmes: readonly Programme[]): Programme[] {
  const chosen = programmes.find((p) => p.id === settings.programmeId);
  return chosen ? [chosen] : [...programmes];
}
