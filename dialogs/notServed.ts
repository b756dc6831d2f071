/**
 * Where the person lives is not served here (« j'habite à Privas », in the
 * Ardèche): said kindly, naming the place they gave and the départements
 * this assistant answers for, with whom to call there — the national
 * helpline, their mairie or a France services. Never the question again.
 */
import type { Commune } from '../src/domain/communes';
import type { Programme } from '../src/domain/programme';
import { joinWithAnd } from '../src/wording';
import type { DialogDeps } from './deps';

export function notServedText(t: DialogDeps['t'], programmes: readonly Programme[], commune?: Commune): string {
  if (!commune) return t('programme.not_served');
  const served = joinWithAnd(
    programmes.map((p) => p.departement.name),
    t,
  );
  return t('programme.not_served_commune', { commune: commune.name, served });
}
