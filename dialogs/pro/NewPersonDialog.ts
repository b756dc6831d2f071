/**
 * A first carnet for someone new: name, birth date, commune, optional
 * phone for SMS (only the fields the programme needs). Each answer that
 * cannot be used is refused with its reason; nothing is written before the
 * final confirmation. A person already on file goes to their file instead.
 */
import { ComponentDialog, type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { frenchPhoneE164 } from '../../src/domain/prescriptionRules';
import { frenchList } from '../../src/i18n';
import { parseBirthDate } from '../../src/nlu/birthDate';
import { communeSearch } from '../../src/data/communeSearch';
import { communesForAnswer } from '../../src/nlu/communeEntity';
import { normalize } from '../../src/nlu/normalize';
import type { NewPerson } from '../../src/services/pro/prescription';
import { ParsedTextPrompt } from '../prompts/ParsedTextPrompt';
import { sendProCard } from './cards';
import { FILE_DIALOG, FileDialog } from './FileDialog';
import { PRESCRIBE_DIALOG, PrescribeDialog } from './PrescribeDialog';
import { type ProDialogDeps, proContext } from './proContext';

export const NEW_PERSON_DIALOG = 'pro.newPerson';
const NAME = 'pro.newPerson.name';
const BIRTH = 'pro.newPerson.birth';
const COMMUNE = 'pro.newPerson.commune';
const PHONE = 'pro.newPerson.phone';
/** A date this far ahead only serves to tell "in the future" from "unreadable". */
const FAR_FUTURE = new Date('2999-12-31T00:00:00Z');

type Draft = Partial<NewPerson> & { noPhone?: boolean };

export class NewPersonDialog extends ComponentDialog {
  constructor(private readonly deps: ProDialogDeps) {
    super(NEW_PERSON_DIALOG);
    const { t } = deps;
    this.addDialog(
      new ParsedTextPrompt(NAME, t, (text) => {
        const words = text
          .trim()
          .split(/\s+/)
          .filter((w) => /\p{L}/u.test(w));
        if (words.length < 2) return { retry: t('pro:new_person.name_unreadable') };
        return { value: { firstName: words[0], lastName: words.slice(1).join(' ') } };
      }),
    );
    this.addDialog(
      new ParsedTextPrompt(BIRTH, t, (text) => {
        const date = parseBirthDate(text, deps.clock.now());
        if (date) return { value: date };
        return { retry: t(parseBirthDate(text, FAR_FUTURE) ? 'pro:new_person.birth_future' : 'pro:new_person.birth_unreadable') };
      }),
    );
    this.addDialog(new ParsedTextPrompt(COMMUNE, t, (text) => this.readCommune(text)));
    this.addDialog(
      new ParsedTextPrompt(PHONE, t, (text) => {
        if (frenchList('pro:new_person.no_phone_words').map(normalize).includes(normalize(text))) return { value: '' };
        const phone = frenchPhoneE164(text);
        return phone ? { value: phone } : { retry: t('pro:new_person.phone_unreadable') };
      }),
    );
    this.addDialog(new FileDialog(deps));
    this.addDialog(new PrescribeDialog(deps));
    this.addDialog(
      new WaterfallDialog(`${NEW_PERSON_DIALOG}.flow`, [
        (step) => step.prompt(NAME, { prompt: t('pro:new_person.ask_name') }),
        this.afterName.bind(this),
        this.afterBirth.bind(this),
        this.afterCommune.bind(this),
        this.afterPhone.bind(this),
      ]),
    );
    this.initialDialogId = `${NEW_PERSON_DIALOG}.flow`;
  }

  private draft(step: WaterfallStepContext): Draft {
    const values = step.values as { draft?: Draft };
    values.draft ??= {};
    return values.draft;
  }

  private async gaveUp(step: WaterfallStepContext): Promise<DialogTurnResult> {
    await sendProCard(step.context, { lines: [this.deps.t('pro:new_person.gave_up')] }, this.deps.t);
    return step.endDialog();
  }

  private async afterName(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (!step.result) return this.gaveUp(step);
    Object.assign(this.draft(step), step.result as { firstName: string; lastName: string });
    return step.prompt(BIRTH, { prompt: this.deps.t('pro:new_person.ask_birth_date') });
  }

  private async afterBirth(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (!step.result) return this.gaveUp(step);
    const draft = this.draft(step);
    draft.birthDate = String(step.result);
    // Already on file? Then it is their file, not a new person.
    const found = await this.deps.pro.lookup.search(proContext(step.context), {
      name: `${draft.firstName} ${draft.lastName}`,
      birthDate: draft.birthDate,
    });
    if (found.outcome === 'found' && found.matches.length > 0) {
      await sendProCard(step.context, { lines: [this.deps.t('pro:new_person.already_known')] }, this.deps.t);
      return step.replaceDialog(FILE_DIALOG, { beneficiaryId: found.matches[0].id });
    }
    return step.prompt(COMMUNE, { prompt: this.deps.t('pro:new_person.ask_commune') });
  }

  private async afterCommune(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (!step.result) return this.gaveUp(step);
    this.draft(step).communeInsee = String(step.result);
    return step.prompt(PHONE, { prompt: this.deps.t('pro:new_person.ask_phone') });
  }

  private async afterPhone(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (step.result === undefined) return this.gaveUp(step);
    const draft = this.draft(step);
    const person: NewPerson = {
      firstName: draft.firstName!,
      lastName: draft.lastName!,
      birthDate: draft.birthDate!,
      communeInsee: draft.communeInsee!,
      ...(step.result ? { phone: String(step.result) } : {}),
    };
    return step.replaceDialog(PRESCRIBE_DIALOG, { newPerson: person });
  }

  /**
   * Communes of the served départements: a commune of another département
   * is refused with its reason by the prescription service, before any write.
   */
  private readCommune(text: string): { value: string } | { retry: string } {
    const departements = this.deps.programmes.map((p) => p.departement.code);
    // Typo-tolerant, and « Florac » is Florac Trois Rivières: the search every commune question uses.
    const found = communesForAnswer(this.deps.services.placeSearch.communes, communeSearch(), text, departements);
    return found[0] ? { value: found[0].insee } : { retry: this.deps.t('pro:new_person.commune_unknown') };
  }
}
