/**
 * « parler à quelqu'un », from the menu, by the command at any point, or
 * after a scam told (« un sms me demande mon code de carte, c'est vous ? »):
 * whom to call, with phones. Who that is depends on where the person lives
 * (services/humanContacts.ts): the département's places that give carnets,
 * its published number. Known from their file, from what they said before,
 * or from a commune in the sentence, the contacts come at once; else the
 * national helpline comes at once and the département is asked (numbered,
 * a commune is an answer too), then its contacts. A scam gets the safety
 * answer first (never give a code, do not answer, do not click, the free
 * Info Escroqueries line); an upset person one kind sentence before the
 * contacts; a carnet number not known, where it is written. Asked to be
 * called back, it says it cannot (and keeps no number); someone who cannot
 * phone (« je suis sourde ») gets places to go to, their hours and e-mails. Nobody is asked who they are here: no carnet, no birth date.
 */
import type { TurnContext } from 'botbuilder';
import { ComponentDialog, type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Commune } from '../src/domain/communes';
import type { Programme } from '../src/domain/programme';
import { voucherBookPrefix } from '../src/domain/programmeRules';
import { parseVoucherBookNumber } from '../src/domain/voucherBookNumber';
import { sendReply } from '../src/channels/send';
import { asksCallBack, cannotPhone, saysFrustration } from '../src/nlu/conversationSignals';
import type { HumanContact } from '../src/services/humanContacts';
import { CHOOSE_PROGRAMME_DIALOG, ChooseProgrammeDialog, type ChooseProgrammeOptions, hasVoucherBook } from './ChooseProgrammeDialog';
import type { DialogDeps } from './deps';
import { contactLine, contactsFor, humanContactsText, inPersonText } from './humanContacts';
import { communeSaid, knownProgramme } from './programmeOf';

export const HUMAN_DIALOG = 'human';
const FLOW = 'human.flow';

export interface HumanOptions {
  /** The person told of a scam: the safety answer comes first. */
  scam?: boolean;
  /** « je sais pas mon numéro de carnet » with nothing under way: where it is written comes first, then who can give it again. */
  numberUnknown?: boolean;
}

interface HumanValues {
  /** The helpline was given while the département was asked: not again in the list. */
  helplineGiven?: boolean;
  /** « je suis sourde »: places to go to and e-mails, not phones. */
  inPerson?: boolean;
}

export class HumanDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(HUMAN_DIALOG);
    this.addDialog(new ChooseProgrammeDialog(deps));
    this.addDialog(new WaterfallDialog(FLOW, [this.start.bind(this), this.answer.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private async start(step: WaterfallStepContext<HumanOptions>): Promise<DialogTurnResult> {
    const { t } = this.deps;
    const lines: string[] = [];
    if (step.options?.scam) lines.push(t('safety.scam'));
    if (step.options?.numberUnknown) lines.push(t('human.number_unknown'));
    // The sentence that asked: « je suis très en colère, personne ne répond ».
    const { text } = step.context.activity;
    if (saysFrustration(text)) lines.push(t('human.sorry'));
    // « rappelez-moi au 06… »: said plainly that no one will call, then whom to call (the number is not kept).
    if (asksCallBack(text)) lines.push(t('human.no_call_back'));
    const values = step.values as HumanValues;
    if (cannotPhone(text)) values.inPerson = true;
    const said = await communeSaid(step, this.deps);
    const { commune } = said;
    const programme = said.programme ?? (await knownProgramme(step.context, this.deps));
    if (programme) {
      lines.push(await this.contactsText(step.context, programme, commune, false, values.inPerson));
      await sendReply(step.context, lines.join('\n'), t);
      return step.endDialog();
    }
    if (values.inPerson) {
      // The helpline is a phone only: the département first, for places to go to.
      lines.push(t('human.in_person_where'));
    } else {
      // Someone to call right now, then the département for one near them.
      const helpline = await contactsFor(step.context, this.deps);
      lines.push(humanContactsText(helpline, t, undefined, this.deps.clock.now()), t('human.nearer'));
      values.helplineGiven = true;
    }
    await sendReply(step.context, lines.join('\n'), t);
    return step.beginDialog(CHOOSE_PROGRAMME_DIALOG, { retryPrompt: t('human.which_departement') } satisfies ChooseProgrammeOptions);
  }

  private async answer(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = this.deps;
    // « LOZ-MEND-E4L » at the département question: its prefix says the programme.
    const programme = hasVoucherBook(step.result)
      ? this.programmeOfBook(step.result.voucherBookNumber)
      : (step.result as Programme | undefined);
    // « Ailleurs »: the question's own answer said where to turn.
    if (!programme) return step.endDialog();
    const { commune } = await communeSaid(step, this.deps);
    const { helplineGiven, inPerson } = step.values as HumanValues;
    const text = await this.contactsText(step.context, programme, commune, helplineGiven, inPerson);
    await sendReply(step.context, text, t);
    return step.endDialog();
  }

  private programmeOfBook(number: string): Programme | undefined {
    const parsed = parseVoucherBookNumber(number);
    return parsed.ok ? this.deps.programmes.find((p) => voucherBookPrefix(p) === parsed.prefix) : undefined;
  }

  /**
   * « Vous pouvez parler à une personne : » and the contacts; the helpline left out when it was just given.
   * `inPerson`: the places to go to, with their e-mails, for someone who cannot phone (their phones where none has an address).
   */
  private async contactsText(
    context: TurnContext,
    programme: Programme,
    commune?: Commune,
    helplineGiven = false,
    inPerson = false,
  ): Promise<string> {
    const { t, clock } = this.deps;
    const contacts = await contactsFor(context, this.deps, { programme, ...(commune ? { commune } : {}) });
    const visit = inPerson ? inPersonText(contacts, t, clock.now()) : undefined;
    if (visit) return visit;
    const local = contacts.filter((c: HumanContact) => c.kind !== 'helpline');
    if (!helplineGiven || local.length === 0) return humanContactsText(contacts, t, programme, clock.now());
    return [t('human.intro'), ...local.map((c) => contactLine(c, t, programme, clock.now()))].join('\n');
  }
}
