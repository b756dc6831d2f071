/**
 * The professional of the current turn. Put in the turn state by
 * ProfessionalDialog.run after the directory recognised them on THIS turn;
 * never stored in conversation state, so a disabled account stops at once.
 */
import type { TurnContext } from 'botbuilder';
import type { Professional } from '../../src/domain/professional';
import type { ProContext } from '../../src/services/pro/proAccess';
import type { ProServices } from '../../src/services/pro/proServices';
import type { DialogDeps } from '../deps';

const PROFESSIONAL = Symbol('professional');

export interface ProDialogDeps extends DialogDeps {
  pro: ProServices;
}

export function setProfessional(context: TurnContext, professional: Professional): void {
  context.turnState.set(PROFESSIONAL, professional);
}

export function currentProfessional(context: TurnContext): Professional | undefined {
  return context.turnState.get<Professional | undefined>(PROFESSIONAL);
}

export function proContext(context: TurnContext): ProContext {
  return { professional: currentProfessional(context), channelId: context.activity.channelId };
}

/** The programme of the professional of this turn. */
export function proProgramme(context: TurnContext, deps: DialogDeps) {
  const pro = currentProfessional(context);
  return deps.programmes.find((p) => p.id === pro?.programmeId);
}
