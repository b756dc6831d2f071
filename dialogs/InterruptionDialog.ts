/**
 * Another request in the middle of a question (« mes heures » while the
 * booking asks for a moment): its flow runs on top of the question, which
 * stays where it was; when the flow ends, the person is told we come back
 * (« Je reviens à votre réservation : ») and the question is asked again —
 * the prompt below re-asks it when resumed (botbuilder's Prompt and
 * ComponentDialog re-prompt on resume). The Bot Framework samples'
 * interruption pattern, for every request rather than help and cancel.
 *
 * The result tells the question below who the person proved to be meanwhile,
 * so that a pending carnet question is not asked again (IdentifyDialog), and
 * the commune they gave meanwhile, so that a pending commune question is not
 * either (« suis-je éligible ? » at the places' « Dans quelle commune… ? »).
 */
import { type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { senderOf, verifiedBeneficiary } from '../src/bot/state';
import { sendReply } from '../src/channels/send';
import type { DialogDeps } from './deps';
import { communeGiven } from './communeGiven';
import { type ComeBack, type FlowStart, isPassOn } from './threadTypes';

export const INTERRUPTION_DIALOG = 'thread.interruption';

export interface InterruptionOptions {
  start: FlowStart;
  /** The flow interrupted (its dialog id): how to introduce the question asked again. */
  thread: string;
}

/** « Je reviens à votre réservation : » for a flow's dialog id (a generic one for the others); on SMS « Reprenons : », shorter. */
export function comeBackLine(deps: DialogDeps, thread: string): string {
  const lines = deps.t('conversation:back_to', { returnObjects: true }) as unknown as Record<string, string>;
  return deps.t(`conversation:back_to.${thread in lines ? thread : 'default'}`);
}

interface InterruptionValues {
  /** The commune given before the flow ran (INSEE code): one given since answers the question below. */
  communeBefore?: string;
}

export class InterruptionDialog extends WaterfallDialog<InterruptionOptions> {
  constructor(private readonly deps: DialogDeps) {
    super(INTERRUPTION_DIALOG);
    this.addStep(async (step: WaterfallStepContext<InterruptionOptions>) => {
      (step.values as InterruptionValues).communeBefore = (await communeGiven(step.context, deps))?.insee;
      return step.beginDialog(step.options.start.dialogId, step.options.start.options);
    });
    this.addStep(this.comeBack.bind(this));
  }

  private async comeBack(step: WaterfallStepContext<InterruptionOptions>): Promise<DialogTurnResult> {
    await sendReply(step.context, comeBackLine(this.deps, step.options.thread), this.deps.t);
    const data = await this.deps.state.conversationData.get(step.context, {});
    const verified = verifiedBeneficiary(data, senderOf(step.context.activity), this.deps.clock.now());
    const commune = (await communeGiven(step.context, this.deps))?.insee;
    const given = commune !== (step.values as InterruptionValues).communeBefore ? commune : undefined;
    return step.endDialog({
      comeBack: true,
      ...(verified ? { verified } : {}),
      ...(given ? { commune: given } : {}),
      ...(isPassOn(step.result) ? { passOn: true } : {}),
    } satisfies ComeBack);
  }
}
