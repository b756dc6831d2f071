/** The human route, offered from the menu and by "parler à quelqu'un" at any point. */
import type { TurnContext } from 'botbuilder';
import type { Programme } from '../src/domain/programme';
import type { Translate } from '../src/i18n';
import { sendReply } from './send';

export function humanContactsText(t: Translate, programme?: Programme): string {
  const lines = [t('human.intro')];
  if (programme) {
    // A number we assumed (not published for the pass) is never given to the public.
    const phone = programme.contact.phone?.assumed === false ? programme.contact.phone.value : undefined;
    lines.push(
      phone
        ? t('human.programme_contact', { name: programme.contact.name, phone })
        : t('human.programme_contact_no_phone', { name: programme.contact.name }),
    );
    lines.push(t('human.prescriber', { book: programme.voucherBook.word }));
  }
  lines.push(t('human.helpline'));
  return lines.join('\n');
}

export async function sendHumanContacts(context: TurnContext, t: Translate, programme?: Programme): Promise<void> {
  await sendReply(context, humanContactsText(t, programme), t);
}
