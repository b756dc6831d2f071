/**
 * Runs one dialog with botbuilder-testing's DialogTestClient over the real
 * services and an in-memory store seeded with the demo data.
 */
import { AutoSaveStateMiddleware, ConversationState, MemoryStorage, UserState } from 'botbuilder';
import type { Dialog } from 'botbuilder-dialogs';
import { DialogTestClient } from 'botbuilder-testing';
import type { DialogDeps } from '../../dialogs/deps';
import { FrenchLocaleMiddleware } from '../../src/bot/frenchLocale';
import { createAccessors } from '../../src/bot/state';
import { communes } from '../../src/data/communes';
import { loadProgrammes } from '../../src/data/programmes';
import { french } from '../../src/i18n';
import { seedDemo } from '../../src/services/demoSeed';
import { testClock } from '../support/clock';
import { createServices } from '../../src/services/services';
import { openStores } from '../../src/store/openStores';
import type { Stores } from '../../src/store/repositories';

export interface DialogFixture {
  stores: Stores;
  /** A fresh client (fresh conversation) for `dialog`, on `channelId`. */
  client(dialog: (deps: DialogDeps) => Dialog, channelId?: string, options?: object): DialogTestClient;
}

export async function dialogFixture(): Promise<DialogFixture> {
  const programmes = loadProgrammes(['lozere', 'drome']);
  const stores = await openStores({ inMemory: true });
  const clock = testClock();
  await seedDemo(stores, { programmes, now: clock.now() });
  const services = createServices(stores, communes(), clock);
  return {
    stores,
    client(dialog, channelId = 'webchat', options) {
      const storage = new MemoryStorage();
      const conversationState = new ConversationState(storage);
      const userState = new UserState(storage);
      const deps: DialogDeps = { t: french(), programmes, state: createAccessors(conversationState, userState), services, clock };
      return new DialogTestClient(
        channelId,
        dialog(deps),
        options,
        [new FrenchLocaleMiddleware(), new AutoSaveStateMiddleware(conversationState, userState)],
        conversationState,
      );
    },
  };
}

/** The texts of every reply to one message. */
export async function repliesTo(client: DialogTestClient, text: string): Promise<string[]> {
  const first = await client.sendActivity(text);
  const texts: string[] = first ? [first.text ?? ''] : [];
  for (let next = client.getNextReply(); next; next = client.getNextReply()) texts.push(next.text ?? '');
  return texts;
}
