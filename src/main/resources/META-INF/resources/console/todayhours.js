// Today's calls per hour on the live page: each line's chart, read from GET /api/reports/hourly for the line's
// current service day (the same figures as the reports). A line's chart is read again when a call of its day has
// ended (the snapshot's today.offered changed), at most once every 10 s, and at least once a minute; while the
// reads fail, the last chart stays and the line says so.

import { node, english } from './dom.js';
import { api } from './shell.js';
import { wallClock } from './zoned.js';
import { outcomeColumns, hourColumns, replaceChart } from './callcharts.js';

const MIN_GAP_MS = 10000;
const MAX_AGE_MS = 60000;

const lines = new Map(); // line code → { line, asked, readAt, busy, timer }
let generation = 0;

/** The line's panel, empty until its first read. */
export function create(line) {
  const panel = node('section', 'today-hours');
  const id = 'hours-' + line.line.replace(/[^A-Za-z0-9_-]/g, '_');
  panel.setAttribute('aria-labelledby', id);
  const h = node('h3', null, 'Appels d\'aujourd\'hui par heure');
  h.id = id;
  h.appendChild(english('today\'s calls per hour'));
  panel.append(h, node('p', 'hint hours-state', 'Lecture…'), node('div', 'hours-chart'));
  return panel;
}

/** A new snapshot of the line: reads its hours again when the day's calls changed, bounded as said above. */
export function update(line) {
  let s = lines.get(line.line);
  if (!s) {
    s = { line: line, asked: null, readAt: 0, busy: false, timer: null };
    lines.set(line.line, s);
  }
  s.line = line;
  if (s.busy) return; // the read in flight is checked against the latest snapshot when it ends
  const age = Date.now() - s.readAt;
  const newDay = !s.asked || s.asked.day !== line.serviceDay;
  const changed = newDay || s.asked.offered !== offered(line);
  if (newDay || (changed && age >= MIN_GAP_MS) || age >= MAX_AGE_MS) {
    read(line.line, generation);
  } else if (changed && !s.timer) {
    s.timer = setTimeout(() => {
      s.timer = null;
      if (!s.busy) read(line.line, generation);
    }, MIN_GAP_MS - age);
  }
}

/** Signed out: forget every line and stop what was planned. */
export function reset() {
  generation++;
  lines.forEach((s) => clearTimeout(s.timer));
  lines.clear();
}

function offered(line) {
  return line.today ? line.today.offered : -1;
}

async function read(code, asked) {
  const s = lines.get(code);
  const line = s.line;
  clearTimeout(s.timer);
  s.timer = null;
  s.busy = true;
  s.asked = { day: line.serviceDay, offered: offered(line) };
  s.readAt = Date.now();
  const panel = () => document.querySelector('section[data-line="' + CSS.escape(code) + '"] .today-hours');
  try {
    const day = encodeURIComponent(line.serviceDay);
    const response = await api('/reports/hourly?line=' + encodeURIComponent(code) + '&from=' + day + '&to=' + day);
    if (asked !== generation) return;
    if (!response.ok) throw new Error('HTTP ' + response.status);
    const rows = await response.json();
    if (asked !== generation || !panel()) return;
    draw(panel(), line, rows);
  } catch (e) {
    if (asked !== generation || !panel()) return;
    const state = panel().querySelector('.hours-state');
    state.textContent = 'Chiffres par heure momentanément illisibles ; nouvel essai dans une minute au plus.';
    state.dataset.kind = 'error';
  } finally {
    s.busy = false;
  }
  if (asked === generation && lines.get(code) === s
      && (s.asked.day !== s.line.serviceDay || s.asked.offered !== offered(s.line))) {
    update(s.line); // calls ended (or a new day began) while reading: read again, within the same bounds
  }
}

function draw(panel, line, rows) {
  const zone = line.timeZone;
  const first = line.serviceDayStartedAt ? wallClock(line.serviceDayStartedAt, zone).hour : 0;
  const chart = outcomeColumns({
    title: 'Appels d\'aujourd\'hui par heure, ' + line.name,
    description: 'Colonnes empilées, une par heure de la journée de service (heures de la ligne, ' + zone + '), de '
      + first + ' h à ' + first + ' h le lendemain ; chaque couleur est une issue d\'appel, comptée quand l\'appel est terminé.',
    columns: hourColumns(first),
    rows: rows,
    keyOf: (r) => r.hour,
    attr: 'hour',
    columnHeading: 'Heure'
  });
  replaceChart(panel.querySelector('.hours-chart'), chart, 'hour');
  const state = panel.querySelector('.hours-state');
  state.dataset.kind = '';
  const total = rows.reduce((n, r) => n + r.offered, 0);
  state.textContent = (total === 0 ? 'Aucun appel terminé' : total + (total === 1 ? ' appel terminé' : ' appels terminés'))
    + ' depuis ' + first + ' h (heure de la ligne) ; relevé à '
    + new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit', timeZone: zone }).format(new Date()) + '.';
}
