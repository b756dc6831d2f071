/**
 * How many bot messages the main tasks take, on SMS and Web Chat, for a new
 * person (a fresh conversation and identity, the demo data): counted from
 * the person's first message to the reply that says the task is done. The
 * person answers what is asked (rules below, first match wins), so the
 * count follows the dialogs as they are. `node dist/bench/turnCounts.js`.
 */
import { type BotUnderTest, startBot } from '../test/support/botServer';
import { visibleTexts } from '../test/conversations/invariants';

interface Task {
  /** The person's first message. */
  opening: string;
  /** When the bot's reply matches `when`, the person answers `say`. */
  answers: { when: RegExp; say: string }[];
  done: RegExp;
}

const CARNET = { when: /num[ée]ro de votre carnet/i, say: 'LOZ-MEND-E4L' };
const BIRTH = { when: /date de naissance/i, say: '12/04/1958' };
const YES = { when: /C'est d'accord|D'accord \?|Je déplace votre séance|Annuler votre séance/i, say: 'oui' };

export const TASKS: Record<string, Task> = {
  book: {
    opening: 'je voudrais reserver une seance',
    answers: [CARNET, BIRTH, { when: /parcours|sujet/i, say: '1' }, { when: /Quel moment/i, say: '1' }, YES],
    done: /C'est réservé/,
  },
  // Everything said at once: the place, the moment and the subject.
  'book in one sentence': {
    opening: 'je voudrais un rdv a Florac jeudi apres-midi pour apprendre internet',
    answers: [CARNET, BIRTH, { when: /parcours|sujet/i, say: '1' }, { when: /Quel moment|Laquelle/i, say: '1' }, YES],
    done: /C'est réservé/,
  },
  move: {
    opening: 'je voudrais deplacer mon rendez-vous',
    answers: [CARNET, BIRTH, { when: /Quel moment/i, say: '1' }, { when: /Lequel|Laquelle/i, say: '1' }, YES],
    done: /votre séance est maintenant/,
  },
  cancel: {
    opening: 'je voudrais annuler mon rendez-vous',
    answers: [CARNET, BIRTH, YES],
    done: /C'est annulé/,
  },
  balance: { opening: "il me reste combien d'heures", answers: [CARNET, BIRTH], done: /heures? restantes?/ },
  'find a place': { opening: 'je cherche un lieu a Mende', answers: [], done: /proches de Mende|Près de Mende :/ },
};

export interface TurnCount {
  task: string;
  channel: string;
  /** Bot messages (activities with something to read) from the first message to the one that says done. */
  botMessages: number;
  /** Messages the person sent. */
  personTurns: number;
  done: boolean;
}

const MAX_TURNS = 12;

async function count(bot: BotUnderTest, task: string, channel: string): Promise<TurnCount> {
  const { opening, answers, done } = TASKS[task];
  const chat = bot.conversation(channel);
  let said = opening;
  let botMessages = 0;
  for (let turn = 1; turn <= MAX_TURNS; turn += 1) {
    const replies = (await chat.say(said)).filter((a) => visibleTexts([a]).join('').trim().length > 0);
    botMessages += replies.length;
    const text = visibleTexts(replies).join('\n');
    if (done.test(text)) return { task, channel, botMessages, personTurns: turn, done: true };
    const next = answers.find((a) => a.when.test(text));
    if (!next) return { task, channel, botMessages, personTurns: turn, done: false };
    said = next.say;
  }
  return { task, channel, botMessages, personTurns: MAX_TURNS, done: false };
}

export async function turnCounts(): Promise<TurnCount[]> {
  const results: TurnCount[] = [];
  for (const channel of ['sms', 'webchat']) {
    for (const task of Object.keys(TASKS)) {
      // A bot of its own: a cancellation must not take the session a move needs.
      const bot = await startBot();
      try {
        results.push(await count(bot, task, channel));
      } finally {
        await bot.close();
      }
    }
  }
  return results;
}

export function turnCountTable(results: TurnCount[]): string {
  const lines = ['| task | channel | person messages | bot messages | done |', '| --- | --- | ---: | ---: | --- |'];
  for (const r of results) lines.push(`| ${r.task} | ${r.channel} | ${r.personTurns} | ${r.botMessages} | ${r.done ? 'yes' : 'NO'} |`);
  return lines.join('\n');
}

if (require.main === module) {
  void turnCounts().then(
    (results) => {
      console.log(turnCountTable(results));
      process.exit(0);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
