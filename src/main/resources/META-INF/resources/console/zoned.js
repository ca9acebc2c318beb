// Times in a line's own zone, whatever the browser's zone: a volunteer in Lyon may run a line for Réunion.
// Built on Intl only (no date library): the offset of a zone at an instant comes from formatToParts.

const partFormats = new Map();

function partsFormat(zone) {
  let f = partFormats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit',
      day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', weekday: 'long' });
    partFormats.set(zone, f);
  }
  return f;
}

/** The wall-clock fields of an instant in a zone. */
export function wallClock(instant, zone) {
  const out = {};
  partsFormat(zone).formatToParts(new Date(instant)).forEach((p) => { out[p.type] = p.value; });
  return {
    year: Number(out.year), month: Number(out.month), day: Number(out.day),
    hour: Number(out.hour) % 24, minute: Number(out.minute), second: Number(out.second), weekday: out.weekday.toUpperCase()
  };
}

function offsetMs(epochMs, zone) {
  const w = wallClock(epochMs, zone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

/**
 * The instant a local date-time ("2026-12-24T08:00") names in a zone. In the hour skipped by a spring-forward
 * the later offset applies (02:30 becomes 03:30); in the repeated autumn hour, the first one.
 */
export function instantOf(local, zone) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(local || '');
  if (!m) return null;
  const guess = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
  const first = offsetMs(guess - offsetMs(guess, zone), zone);
  const earlier = offsetMs(guess - first - 3600000, zone);
  const candidates = [guess - first, guess - earlier].filter((t) => {
    const w = wallClock(t, zone);
    return w.hour === +m[4] && w.minute === +m[5];
  });
  const t = candidates.length ? Math.min(...candidates) : guess - first;
  return new Date(t).toISOString().replace('.000Z', 'Z');
}

const pad = (n) => String(n).padStart(2, '0');

/** The value of a datetime-local input for an instant in a zone ("2026-12-24T08:00"). */
export function localInput(instant, zone) {
  const w = wallClock(instant, zone);
  return w.year + '-' + pad(w.month) + '-' + pad(w.day) + 'T' + pad(w.hour) + ':' + pad(w.minute);
}

/** Today's date in a zone ("2026-11-30"). */
export function today(zone, now) {
  const w = wallClock(now || Date.now(), zone);
  return w.year + '-' + pad(w.month) + '-' + pad(w.day);
}

/** A calendar date moved by a number of days ("2026-11-30", 1 → "2026-12-01"). */
export function addDays(date, days) {
  const d = new Date(date + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The local date-time of tomorrow at a given hour in a zone: the usual "until" of a closure tonight. */
export function tomorrowAt(zone, hhmm, now) {
  return addDays(today(zone, now), 1) + 'T' + hhmm;
}

const WEEKDAYS = { MONDAY: 'lundi', TUESDAY: 'mardi', WEDNESDAY: 'mercredi', THURSDAY: 'jeudi', FRIDAY: 'vendredi',
  SATURDAY: 'samedi', SUNDAY: 'dimanche' };
const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre',
  'novembre', 'décembre'];

/** French day names by the API's day constant (MONDAY → lundi). */
export function dayName(day) {
  return WEEKDAYS[day] || day;
}

/**
 * An instant said the way people say it, in the zone: "aujourd'hui à 13:00", "demain à 08:00",
 * "vendredi 4 décembre à 20:00" (the year only when it is not this year's).
 */
export function spoken(instant, zone, now) {
  const w = wallClock(instant, zone);
  const date = w.year + '-' + pad(w.month) + '-' + pad(w.day);
  const time = pad(w.hour) + ':' + pad(w.minute);
  const t = today(zone, now);
  if (date === t) return 'aujourd\'hui à ' + time;
  if (date === addDays(t, 1)) return 'demain à ' + time;
  const year = t.slice(0, 4) === String(w.year) ? '' : ' ' + w.year;
  return WEEKDAYS[w.weekday] + ' ' + w.day + (w.day === 1 ? 'er' : '') + ' ' + MONTHS[w.month - 1] + year + ' à ' + time;
}

/** A local date-time of the API ("2026-12-25T00:00") in words: "vendredi 25 décembre 2026, 00:00". */
export function spokenLocal(local) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(local || '');
  if (!m) return local || '';
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  const weekday = ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'][d.getUTCDay()];
  const day = +m[3];
  return weekday + ' ' + day + (day === 1 ? 'er' : '') + ' ' + MONTHS[+m[2] - 1] + ' ' + m[1] + ', ' + m[4] + ':' + m[5];
}

/** A short date "lun. 30/11" for chart axes, from "2026-11-30". */
export function shortDate(date) {
  const d = new Date(date + 'T00:00:00Z');
  return ['dim.', 'lun.', 'mar.', 'mer.', 'jeu.', 'ven.', 'sam.'][d.getUTCDay()] + ' ' + date.slice(8, 10) + '/' + date.slice(5, 7);
}

/** The IANA zones this browser knows, for the zone field's suggestions. */
export function knownZones() {
  return typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['Europe/Paris'];
}
