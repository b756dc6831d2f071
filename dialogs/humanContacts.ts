/**
 * The human route, offered from the menu, by "parler à quelqu'un" at any
 * point, and wherever a flow cannot go on. When we know who the person is,
 * the people who already know them come first.
 */
import type { TurnContext } from 'botbuilder';
import type { Programme } from '../src/domain/programme';
import type { Place } from '../src/domain/types';
import { senderOf, verifiedBeneficiary } from '../src/bot/state';
import type { Translate } from '../src/i18n';
import type { DialogDeps } from './deps';
import { knownProgramme } from './programmeOf';
import { sendReply } from '../src/channels/send';

interface KnownContacts {
  lastPlace?: Place;
  structure?: string;
}

export function humanContactsText(t: Translate, programme?: Programme, known: KnownContacts = {}): string {
  const lines = [t('human.intro')];
  if (known.lastPlace?.phone) {
    lines.push(t('human.last_place', { name: known.lastPlace.name, phone: known.lastPlace.phone }));
  }
  if (known.structure && programme) {
    lines.push(t('human.structure', { structure: known.structure, book: programme.voucherBook.word }));
  }
  if (programme) {
    // A number we assumed (not published for the pass) is never given to the public.
    const phone = programme.contact.phone?.assumed === false ? programme.contact.phone.value : undefined;
    lines.push(
      phone
        ? t('human.programme_contact', { name: programme.contact.name, phone })
        : t('human.programme_contact_no_phone', { name: programme.contact.name }),
    );
    if (!known.structure) lines.push(t('human.prescriber', { book: programme.voucherBook.word }));
  }
  lines.push(t('human.helpline'));
  return lines.join('\n');
}

export async function sendHumanContacts(context: TurnContext, t: Translate, programme?: Programme): Promise<void> {
  await sendReply(context, humanContactsText(t, programme), t);
}

/** The human route for this person: their last place and prescribing structure when they proved who they are. */
export async function sendPersonalContacts(context: TurnContext, deps: DialogDeps): Promise<void> {
  const programme = await knownProgramme(context, deps);
  const verified = verifiedBeneficiary(await deps.state.conversationData.get(context, {}), senderOf(context.activity), deps.clock.now());
  const known = verified ? await deps.services.account.contacts(verified) : {};
  await sendReply(context, humanContactsText(deps.t, programme, known), deps.t);
}
