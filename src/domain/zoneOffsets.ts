/**
 * luxon's time-zone offsets, remembered per UTC hour.
 *
 * Every luxon DateTime in a zone (`{ zone: 'Europe/Paris' }`, `setZone`,
 * `plus`, `startOf`…) asks its IANAZone for the offset at an instant, and
 * luxon answers each time with `Intl.DateTimeFormat#formatToParts` and a
 * parse of its parts: the largest single cost of a date turn (« mardi
 * prochain à 14h30 » read, sessions listed and put in words: 7 % of its CPU
 * in `partsOffset` alone, more in the garbage it leaves) and a large one of
 * a place list's opening hours.
 *
 * Zones change offset on the hour (France at 01:00 UTC), so an hour has one
 * offset: it is computed at the hour's first and last second, and kept
 * only when both agree; an hour holding a change (a zone that changes on
 * the half hour) is computed at each call, as luxon did. Same answers as
 * luxon's own (checked over years of instants, both DST changes and old
 * dates, in test/unit/zoneOffsets.test.ts), without Intl on the way.
 */
import { IANAZone } from 'luxon';

const HOUR_MS = 3_600_000;
/** Hours remembered per zone before starting over: ~11 years of hours, ~2 MB. */
const MAX_HOURS = 100_000;

type Offset = (this: IANAZone, ts: number) => number;

let luxonOffset: Offset | undefined;

/** Replaces IANAZone's offset with the remembering one (once per process; later calls do nothing). */
export function rememberZoneOffsets(): void {
  if (luxonOffset) return;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the zone as `this`
  const compute = (luxonOffset = IANAZone.prototype.offset);
  const byZone = new WeakMap<IANAZone, Map<number, number>>();
  IANAZone.prototype.offset = function rememberedOffset(this: IANAZone, ts: number): number {
    if (!Number.isFinite(ts)) return compute.call(this, ts);
    let hours = byZone.get(this);
    if (!hours) byZone.set(this, (hours = new Map<number, number>()));
    const hour = Math.floor(ts / HOUR_MS);
    const known = hours.get(hour);
    if (known !== undefined) return known;
    const first = compute.call(this, hour * HOUR_MS);
    const last = compute.call(this, hour * HOUR_MS + HOUR_MS - 1);
    // An invalid zone (NaN) or a change within this hour: not remembered.
    if (first !== last) return compute.call(this, ts);
    if (hours.size >= MAX_HOURS) hours.clear();
    hours.set(hour, first);
    return first;
  };
}

/** luxon's own computation (tests compare against it). */
export function luxonZoneOffset(zone: IANAZone, ts: number): number {
  return (luxonOffset ?? IANAZone.prototype.offset).call(zone, ts);
}
