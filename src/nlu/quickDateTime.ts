/**
 * The answers people give most at the session prompt — « mardi prochain à
 * 14h30 », « jeudi 10h », « demain matin », « lundi » — read without the
 * recognizers-text DateTime model, which costs 20–30 ms a call (its French
 * number grammar alone is a regular expression of hundreds of kilobytes
 * tried at every position) and blocks every other conversation meanwhile.
 *
 * Only a whole message of the form
 *   DAY [ [à|a|vers] TIME | matin | après-midi | soir ]   or   [à|a|vers] TIME
 * with DAY one of « lundi »…« dimanche » (optionally « prochain »), « demain »,
 * « après-demain », « aujourd'hui », « hier », « avant-hier » and TIME « 9h », « 14h30 », « 9h00 » or
 * « 14:30 », is read here; anything else goes to the model as before.
 *
 * It yields what the model yields for these forms — the same resolution
 * values (timex, type, wall-clock value or range, in the model's order),
 * which dateTimeEntity.ts then turns into an entity exactly as it does the
 * model's — so an answer never depends on which path read it.
 * test/nlu/quickDateTime.test.ts compares both on generated messages and
 * reference times.
 */
import type { DateTime } from 'luxon';

/** One resolution value, as recognizers-text writes it. */
export interface QuickResolution {
  timex: string;
  type: 'date' | 'datetime' | 'time' | 'datetimerange';
  value?: string;
  start?: string;
  end?: string;
}

export interface QuickResult {
  /** The words that said it, lower case, as the model reports them. */
  text: string;
  values: QuickResolution[];
}

const WEEKDAYS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];
// « hier » is read here, not by the model: the model resolves « hier matin » to this morning.
const OFFSETS: Record<string, number> = { 'avant-hier': -2, hier: -1, "aujourd'hui": 0, demain: 1, 'après-demain': 2 };
/** The model's day periods: timex code and wall-clock hours. */
const PERIODS: Record<string, { code: string; from: number; to: number }> = {
  matin: { code: 'MO', from: 8, to: 12 },
  'après-midi': { code: 'AF', from: 12, to: 16 },
  soir: { code: 'EV', from: 16, to: 20 },
};

const DAY = `(${WEEKDAYS.join('|')})(?: (prochain))?|(aujourd'hui|demain|après-demain|avant-hier|hier)`;
const TIME = `(?:(?:à|a|vers) )?(\\d{1,2})(?:h(\\d\\d)?|:(\\d\\d))`;
const PERIOD = Object.keys(PERIODS).join('|');
const WITH_DAY = new RegExp(`^(?:${DAY})(?: (?:${TIME}|(${PERIOD})))?$`);
const TIME_ONLY = new RegExp(`^(?:à |a |vers )?((\\d{1,2})(?:h(\\d\\d)?|:(\\d\\d)))$`);

const two = (n: number) => String(n).padStart(2, '0');

interface Time {
  hour: number;
  minute: number;
  /** Minutes were written ("9h00", "14:30"): the timex then carries them. */
  minutesSaid: boolean;
}

function time(hour: string | undefined, minutesH: string | undefined, minutesColon: string | undefined): Time | undefined | null {
  if (hour === undefined) return undefined;
  const h = Number(hour);
  const said = minutesH ?? minutesColon;
  const m = said === undefined ? 0 : Number(said);
  // The model reads "0h" as nothing and "12h" as noon or midnight: left to it.
  if (h < 1 || h > 23 || h === 12 || m > 59) return null;
  return { hour: h, minute: m, minutesSaid: said !== undefined };
}

/** The hours a time may mean, as the model lists them: "9h" is 9:00 or 21:00, "14h" only 14:00. */
function readings(t: Time): number[] {
  return t.hour < 12 ? [t.hour, t.hour + 12] : [t.hour];
}

const timexTime = (hour: number, t: Time) => `T${two(hour)}${t.minutesSaid ? `:${two(t.minute)}` : ''}`;
const wall = (day: DateTime, hour: number, minute: number) => `${day.toISODate()} ${two(hour)}:${two(minute)}:00`;

/** The resolution of a message of the forms above, or undefined (the model reads it). */
export function quickDateTime(message: string, today: DateTime): QuickResult | undefined {
  const text = message
    .trim()
    .toLowerCase()
    .replace(/[.!]+$/, '');
  if (text.length === 0 || text.length > 40) return undefined;

  const only = TIME_ONLY.exec(text);
  if (only) {
    const t = time(only[2], only[3], only[4]);
    if (!t) return undefined;
    return {
      text: only[1],
      values: readings(t).map((hour) => ({ timex: timexTime(hour, t), type: 'time', value: `${two(hour)}:${two(t.minute)}:00` })),
    };
  }

  const match = WITH_DAY.exec(text);
  if (!match) return undefined;
  const [, weekday, next, relative, hour, minutesH, minutesColon, period] = match;
  const t = time(hour, minutesH, minutesColon);
  if (t === null) return undefined;

  // Days meant, with the timex naming them: a weekday alone means the last one
  // before today or the next one from today; "prochain" and "demain" one date.
  let days: DateTime[];
  let timexDay: (day: DateTime) => string;
  if (weekday) {
    const dow = WEEKDAYS.indexOf(weekday) + 1;
    if (next) {
      days = [today.startOf('week').plus({ weeks: 1, days: dow - 1 })];
      timexDay = (day) => day.toISODate()!;
    } else {
      const coming = today.plus({ days: (dow - today.weekday + 7) % 7 });
      days = [coming.minus({ days: 7 }), coming];
      timexDay = () => `XXXX-WXX-${dow}`;
    }
  } else {
    days = [today.plus({ days: OFFSETS[relative] })];
    timexDay = (day) => day.toISODate()!;
  }

  let values: QuickResolution[];
  if (t) {
    values = days.flatMap((day) =>
      readings(t).map((h) => ({ timex: `${timexDay(day)}${timexTime(h, t)}`, type: 'datetime' as const, value: wall(day, h, t.minute) })),
    );
  } else if (period) {
    const { code, from, to } = PERIODS[period];
    values = days.map((day) => ({
      timex: `${timexDay(day)}T${code}`,
      type: 'datetimerange',
      start: wall(day, from, 0),
      end: wall(day, to, 0),
    }));
  } else {
    values = days.map((day) => ({ timex: timexDay(day), type: 'date', value: day.toISODate()! }));
  }
  return { text, values };
}
