/**
 * A programme (dispositif) is data, not code: one JSON preset per
 * département in data/programmes/, validated here at start-up. Adding a
 * third département is a new file.
 *
 * Values the public sources do not give are wrapped in `assumed(...)`:
 * `{ "value": …, "assumed": true, "note": "why this default" }`, so that
 * nobody mistakes a default for a published fact.
 */
import { z } from 'zod';

/** A value with its provenance: published by the programme, or our default. */
const sourced = <T extends z.ZodTypeAny>(inner: T) =>
  z.object({
    value: inner,
    /** true = not published, a default the département should confirm. */
    assumed: z.boolean(),
    note: z.string().optional(),
  });

/** Which places of the national data play a role for this programme. */
const placeRuleSchema = z
  .object({
    /** Explicit place ids. */
    ids: z.array(z.string()).default([]),
    /** `source` values (dataset names) whose places match, prefix match. */
    sources: z.array(z.string()).default([]),
    /** Case- and accent-insensitive fragments of the place name. */
    nameContains: z.array(z.string()).default([]),
    /** Place ids excluded even when another rule matches. */
    excludeIds: z.array(z.string()).default([]),
    /** Why these places were chosen: a configuration decision staff should confirm. */
    note: z.string().optional(),
  })
  .strict();

/** What an answer to an eligibility question leads to. */
export const ELIGIBILITY_OUTCOMES = ['next', 'likely', 'ask_prescriber', 'not_needed', 'too_young'] as const;
export type EligibilityOutcome = (typeof ELIGIBILITY_OUTCOMES)[number];

/**
 * Personal situations a person may state (« je suis agriculteur »), and a
 * programme may name as welcome. `social_worker`: they are followed by one
 * (« je vois l'assistante sociale »), who can give them a carnet.
 */
export const PERSON_SITUATIONS = [
  'farmer',
  'job_seeker',
  'retired',
  'minimum_income',
  'disability',
  'student',
  'single_parent',
  'social_worker',
] as const;
export type Situation = (typeof PERSON_SITUATIONS)[number];

/**
 * A pre-orientation question: `text` and each choice's `label` are keys of
 * locales/fr/eligibility.json (what people read stays with the wording);
 * `then` says where the answer leads; `impliedBy`, which situations a
 * person may state give it. Choices only: never free text about health,
 * income or benefits.
 */
const eligibilityQuestionSchema = z
  .object({
    id: z.string().min(1),
    text: z.string().min(1),
    choices: z
      .array(
        z
          .object({
            label: z.string().min(1),
            then: z.enum(ELIGIBILITY_OUTCOMES),
            /**
             * Situations that give this answer when the person states one (« je suis au chômage » answers
             * « Avez-vous 18 ans ou plus ? »): the question is not asked. A reading of the programme's rules, so sourced.
             */
            impliedBy: sourced(z.array(z.enum(PERSON_SITUATIONS)).min(1)).optional(),
          })
          .strict(),
      )
      .min(2)
      .max(4),
  })
  .strict();

/**
 * A theme of the catalogue: `label` is what people read (plain words, short on SMS); `officialName` the
 * programme's own name for it, where it differs (« Accès aux droits »): for trainers and figures, and still
 * understood when a person types it.
 */
export const themeSchema = z
  .object({ id: z.string().min(1), label: z.string().min(1), officialName: z.string().min(1).optional() })
  .strict();

export const programmeSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, 'lower-case id, letters, digits and dashes'),
    name: z.string().min(1),
    departement: z.object({ code: z.string().regex(/^(\d{2,3}|2A|2B)$/), name: z.string().min(1) }).strict(),
    runBy: z.array(z.string().min(1)).min(1),
    since: z.number().int().optional(),
    fundedBy: z.array(z.string().min(1)),
    /** Who the pass is for, in the département's words. */
    audience: z.string().min(1),
    audienceNotes: z.array(z.string()).default([]),
    /** Situations the département names as welcome (Drôme: farmers), said back to a person who states one. */
    welcomes: z.array(z.enum(PERSON_SITUATIONS)).default([]),
    voucherBook: z
      .object({
        /** What the département calls it: "carnet" or "chéquier". */
        word: z.enum(['carnet', 'chéquier']),
        vouchers: z.number().int().positive(),
        hoursPerVoucher: z.number().positive(),
        /** Face value of one voucher in euros, when the programme gives one. */
        euroPerVoucher: z.number().positive().optional(),
      })
      .strict(),
    limits: z
      .object({
        maxBooksPerBeneficiary: sourced(z.number().int().positive().nullable()),
        maxHoursPerBeneficiary: sourced(z.number().positive().nullable()),
      })
      .strict(),
    validityMonths: sourced(z.number().int().positive()),
    /** How long personal data is kept after a beneficiary's last carnet ends (GDPR retention). */
    retentionMonths: sourced(z.number().int().positive()).default({
      value: 24,
      assumed: true,
      note: 'Default retention: two years after the last carnet ends, to be set by the département (DPO).',
    }),
    minimumAge: sourced(z.number().int().nonnegative()),
    cancellation: z
      .object({
        /** A cancellation at least this long before the session releases the hours. */
        noticeHours: sourced(z.number().nonnegative()),
        /** What a late cancellation does to the hours. */
        lateCancellation: sourced(z.enum(['release', 'consume'])),
        /** What a no-show does to the hours. */
        noShow: sourced(z.enum(['release', 'consume'])),
      })
      .strict(),
    content: z
      .object({
        kind: z.enum(['parcours', 'catalogue']),
        themes: z.array(themeSchema).min(1),
        /** Theme ids offered first when booking, where the catalogue is too long to list (SMS). */
        featured: z.array(z.string()).optional(),
      })
      .strict(),
    prescribedBy: z.array(z.string().min(1)).min(1),
    /** Asked in order; an answer leading to `next` goes on, any other ends with that outcome. */
    eligibility: z.object({ questions: z.array(eligibilityQuestionSchema).min(1) }).strict(),
    trainers: z.string().min(1),
    contact: z
      .object({
        name: z.string().min(1),
        /** A line published for the pass: given to everyone. */
        phone: sourced(z.string().min(1)).optional(),
        /**
         * The Département's general line: no pass line, so never given to the
         * public as one; professionals are sent there to ask for the coordination.
         */
        switchboard: sourced(z.string().min(1)).optional(),
        email: sourced(z.string().min(1)).optional(),
        website: z.string().url().optional(),
      })
      .strict(),
    figures: z.array(z.object({ label: z.string(), value: z.number(), period: z.string() }).strict()).default([]),
    places: z
      .object({
        training: placeRuleSchema,
        prescribing: placeRuleSchema,
        /** OSM opening_hours used where a place publishes none. */
        defaultOpeningHours: sourced(z.string().min(1)),
      })
      .strict(),
    slots: z
      .object({
        sessionMinutes: sourced(z.number().int().positive()),
        capacity: sourced(z.number().int().positive()),
      })
      .strict(),
    /** Messages the assistant writes first (issue #10): when, and which. */
    reminders: z
      .object({
        /** The session reminder: this many days before, at this hour (Europe/Paris). */
        daysBefore: sourced(z.number().int().min(0).max(14)),
        hour: sourced(z.number().int().min(8).max(19)),
        /** Alerts this many days before a carnet with hours left expires. */
        expiryAlertDays: sourced(z.array(z.number().int().positive()).max(4)),
        /** "Comment s'est passée votre séance ?" this many hours after its end (quiet hours apply). */
        feedbackAfterHours: sourced(z.number().nonnegative()).optional(),
        /** Tell prescribers (Teams) when a person they prescribed for has used all hours or missed this many sessions. */
        prescriberAlerts: sourced(
          z.object({ hoursUsed: z.boolean(), missedSessions: z.number().int().min(0).max(10) }).strict(),
        ).optional(),
      })
      .strict()
      .default({
        daysBefore: {
          value: 2,
          assumed: true,
          note: 'Reminder two days before, as RDV Solidarités does; to be confirmed by the département.',
        },
        hour: { value: 9, assumed: true, note: 'Morning, inside the allowed hours (8:00–20:00).' },
        expiryAlertDays: { value: [30, 15], assumed: true, note: 'Two alerts before the carnet expires; to be confirmed.' },
        feedbackAfterHours: { value: 2, assumed: true, note: 'Asked the same day, once the session is over.' },
        prescriberAlerts: {
          value: { hoursUsed: true, missedSessions: 2 },
          assumed: true,
          note: 'Prescribers follow their people; 0 = no missed-session alert.',
        },
      }),
    sources: z.array(z.string()).default([]),
  })
  .strict();

export type Programme = z.infer<typeof programmeSchema>;
export type PlaceRule = z.infer<typeof placeRuleSchema>;
export type Theme = z.infer<typeof themeSchema>;

/** The programme's own name of a theme, for professionals and figures (its label when it has no other). */
export function officialThemeName(theme: Theme): string {
  return theme.officialName ?? theme.label;
}
/** A theme (parcours, thématique) by its id in the programme's catalogue. */
export type ThemeId = Theme['id'];
export type EligibilityQuestion = z.infer<typeof eligibilityQuestionSchema>;

/** Hours in a new book: vouchers × hours per voucher. */
export function hoursPerBook(programme: Programme): number {
  return programme.voucherBook.vouchers * programme.voucherBook.hoursPerVoucher;
}

/** Euro value of `hours`, or undefined when the programme gives no value. */
export function euroValue(programme: Programme, hours: number): number | undefined {
  const perVoucher = programme.voucherBook.euroPerVoucher;
  if (perVoucher === undefined) return undefined;
  return (hours / programme.voucherBook.hoursPerVoucher) * perVoucher;
}
