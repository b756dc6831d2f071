/**
 * Before the beneficiary dialogs: is this a professional? Only in Teams,
 * from the Entra object id and the tenant of THIS activity, matched to an
 * active record in the store on every turn. A recognised professional gets
 * ProfessionalDialog; an unregistered Teams user asking professional things
 * is told how to get access (and it is audited); everyone else, and every
 * other channel, goes on to the beneficiary MainDialog.
 */
import { type StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { ProfessionalDialog } from '../../dialogs/pro/ProfessionalDialog';
import { sendProText } from '../../dialogs/pro/cards';
import { coordinationContact } from '../../dialogs/pro/proFormat';
import type { Programme } from '../domain/programme';
import { PRO_CHANNEL } from '../domain/rights';
import { isSharedConversation } from '../channels/conversationKind';
import type { Translate } from '../i18n';
import { asksAboutAccess, looksLikeProRequest } from '../nlu/proRequest';
import type { ProfessionalDirectory } from '../services/pro/professionalDirectory';
import type { Contacts } from '../services/reminders/contacts';
import { conversationAddress } from './proactive/conversationReference';
import { teamsIdentity } from './teamsIdentity';
import { knowProgramme } from '../programmeScope';

export class ProfessionalGate {
  constructor(
    private readonly directory: ProfessionalDirectory,
    private readonly dialog: ProfessionalDialog,
    private readonly dialogState: StatePropertyAccessor<DialogState>,
    private readonly t: Translate,
    /** Where prescriber alerts go: the professional's own chat with the bot. */
    private readonly contacts?: Contacts,
    private readonly now: () => Date = () => new Date(),
    /** Whose coordination an unregistered professional is sent to. */
    private readonly programmes: readonly Programme[] = [],
    /** This conversation was told how a professional gets access: « comment j'ai accès ? » next is about that. */
    private readonly accessExplained?: StatePropertyAccessor<boolean>,
  ) {}

  /** true when the turn was handled here (the beneficiary dialogs must not run). */
  async handle(context: TurnContext): Promise<boolean> {
    const channelId = context.activity.channelId;
    if (channelId !== PRO_CHANNEL) return false;
    const identity = teamsIdentity(context);
    const professional = await this.directory.recognise(channelId, identity);
    if (professional && isSharedConversation(context.activity)) {
      // A group chat or channel: everyone there would read the files and session lists.
      await sendProText(context, this.t('pro:access.shared_conversation'), this.t);
      return true;
    }
    if (professional) {
      // The professional's programme is the one their texts name (« la coordination du Pass'numérique »).
      const programme = this.programmes.find((p) => p.id === professional.programmeId);
      knowProgramme(programme?.name, programme?.voucherBook.word);
      if (this.contacts && professional.role !== 'trainer') {
        await this.contacts.rememberProfessional(professional.id, conversationAddress(context.activity), this.now());
      }
      await this.dialog.run(context, this.dialogState, professional);
      return true;
    }
    const text = context.activity.text;
    const followUp = text !== undefined && asksAboutAccess(text) && (await this.accessExplained?.get(context, false)) === true;
    if (text && (followUp || looksLikeProRequest(text))) {
      await this.directory.recordUnknown(channelId, identity);
      await sendProText(context, howToGetAccess(this.programmes, this.t), this.t);
      await this.accessExplained?.set(context, true);
      return true;
    }
    return false;
  }
}

/**
 * Who gives access, for each département served: the coordination's
 * phone when it is published for the pass, else the Département's
 * switchboard (to ask for the coordination) with its website, else its
 * website, else its name (proFormat.coordinationContact).
 */
export function howToGetAccess(programmes: readonly Programme[], t: Translate): string {
  const lines = [t('pro:access.how_to_get')];
  for (const programme of programmes) lines.push(`- ${coordinationContact(programme, t)}`);
  lines.push(t('pro:access.own_hours'));
  return lines.join('\n');
}
