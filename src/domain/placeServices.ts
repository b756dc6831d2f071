/**
 * The national service labels as the subjects people ask about. The schema
 * changed its labels (2023: « Prendre en main un smartphone ou une
 * tablette », « Accompagner les démarches de santé »; 2024: « Maîtrise des
 * outils numériques du quotidien », « Aide aux démarches administratives »):
 * a subject (a fragment of the older labels, the keys of
 * locales/fr/themes.json) is found in a label's words, or through this
 * table for the labels that no longer say it. Pure.
 */
import { memoized } from './memo';
import { Service } from '@gouvfr-anct/lieux-de-mediation-numerique';
import { normalizeName } from './communes';

const SUBJECTS_OF_LABEL: ReadonlyMap<string, readonly string[]> = new Map(
  (
    [
      [Service.MaterielInformatiqueAPrixSolidaire, ['ordinateur']],
      [Service.AideAuxDemarchesAdministratives, ['démarches administratives', 'santé']],
      [Service.MaitriseDesOutilsNumeriquesDuQuotidien, ['smartphone', 'ordinateur', 'internet']],
      [Service.InsertionProfessionnelleViaLeNumerique, ['insertion professionnelle']],
      [Service.AccesInternetEtMaterielInformatique, ['internet', 'ordinateur']],
      ['Utiliser le numérique au quotidien', ['smartphone', 'ordinateur', 'internet']],
      ['Accéder à du matériel', ['ordinateur']],
      ['Accéder à une connexion internet', ['internet']],
    ] as const
  ).map(([label, subjects]) => [normalizeName(label), subjects.map(normalizeName)]),
);

/**
 * Normalised labels, remembered: a national file has a few dozen distinct
 * labels, and a filtered search tests them on every place it walks past.
 */
export const labelKey: (label: string) => string = memoized(normalizeName);

/** Whether a published service label covers a subject ("smartphone", "démarches administratives"). */
export function labelCovers(label: string, subject: string): boolean {
  const key = labelKey(label);
  const wanted = labelKey(subject);
  return wanted !== '' && (key.includes(wanted) || (SUBJECTS_OF_LABEL.get(key)?.includes(wanted) ?? false));
}

/** Whether a place offers at least one of the subjects. */
export function offersAny(services: readonly string[], subjects: readonly string[]): boolean {
  return services.some((label) => subjects.some((subject) => labelCovers(label, subject)));
}
