/**
 * The options of a question read the same wherever they are shown: a
 * session's button says « mer. 2 déc. 14 h » and the message lists it in
 * full. The full list (asked for by the number of a button that is no
 * option) showed the full values on its buttons instead — found by a
 * stranger (issue 14).
 */
import assert from 'node:assert/strict';
import { ActionTypes, type Activity, ConversationState, MemoryStorage } from 'botbuilder';
import { ComponentDialog, ListStyle, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { DialogTestClient } from 'botbuilder-testing';
import { NumberedChoicePrompt, type ShortcutPromptOptions, shownChoices } from '../../dialogs/prompts/NumberedChoicePrompt';
import { french } from '../../src/i18n';

const t = french();
const PROMPT = 'prompt';
const choices = [
  { value: 'mercredi 2 décembre à 14 h', action: { type: ActionTypes.ImBack, title: 'mer. 2 déc. 14 h', value: 'mer. 2 déc. 14 h' } },
  { value: 'jeudi 3 décembre à 9 h', action: { type: ActionTypes.ImBack, title: 'jeu. 3 déc. 9 h', value: 'jeu. 3 déc. 9 h' } },
  { value: "Voir d'autres dates" },
];

/** A question whose options are hidden behind one button that is no option: its number lists them all. */
class HiddenOptions extends ComponentDialog {
  constructor() {
    super('hidden');
    this.addDialog(new NumberedChoicePrompt(PROMPT, t));
    this.addDialog(
      new WaterfallDialog('flow', [
        (step: WaterfallStepContext) => {
          const options: ShortcutPromptOptions = { prompt: 'Quel moment ?', choices, style: ListStyle.none, shortcuts: ['Voir tout'] };
          return step.prompt(PROMPT, options);
        },
        (step: WaterfallStepContext) => step.endDialog(step.result),
      ]),
    );
    this.initialDialogId = 'flow';
  }
}

describe('NumberedChoicePrompt: the options as their buttons show them', () => {
  it('gives a choice its button title, and its full value in the text', () => {
    assert.deepEqual(shownChoices(choices), {
      choices: ['mer. 2 déc. 14 h', 'jeu. 3 déc. 9 h', "Voir d'autres dates"],
      details: ['mercredi 2 décembre à 14 h', 'jeudi 3 décembre à 9 h', "Voir d'autres dates"],
    });
    assert.deepEqual(shownChoices(['Oui', 'Non']), { choices: ['Oui', 'Non'] });
  });

  it('lists every option with its button title when the whole list is asked for', async () => {
    const client = new DialogTestClient('webchat', new HiddenOptions(), undefined, [], new ConversationState(new MemoryStorage()));
    await client.sendActivity('bonjour');
    // « 1 »: the one button in sight, « Voir tout », which is no option: the whole list, numbered.
    const listed: Partial<Activity> = await client.sendActivity('1');
    const titles = (listed.suggestedActions?.actions ?? []).map((a) => a.title);
    assert.deepEqual(titles, ['1. mer. 2 déc. 14 h', '2. jeu. 3 déc. 9 h', "3. Voir d'autres dates"]);
    assert.match(listed.text ?? '', /^Quel moment \?\n1\. mercredi 2 décembre à 14 h\n2\. jeudi 3 décembre à 9 h$/);
  });
});
