// Reports of one line over a range of days: from GET /api/reports/daily, calls per day by outcome, service level
// against a goal, waits (median and 90th percentile), the figures as a table; from /api/reports/hourly and
// /weekdays, when people call (by hour of the line's clock and by weekday), above all the calls that met a closed
// line; each as the API's CSV.

import { el, node, say, table } from './dom.js';
import { start, read, api, problemText, failure, param } from './shell.js';
import { today, addDays, shortDate } from './zoned.js';
import { stackedBars, ratioBars, lines as lineChart } from './charts.js';
import { OUTCOMES as ALL_OUTCOMES, outcomeColumns, hourColumns, weekdayColumns } from './callcharts.js';

// Outcomes in stacking order: what the caller lived, from a listener to no answer at all.
const OUTCOMES = ALL_OUTCOMES.map(([key, label, , cls]) => [key, label, cls]);

let lineList = [];

function query() {
  const f = el('report-form').elements;
  return '?line=' + encodeURIComponent(f.line.value) + '&from=' + encodeURIComponent(f.from.value)
    + '&to=' + encodeURIComponent(f.to.value);
}

async function load() {
  try {
    lineList = await read('/lines');
  } catch (e) {
    say(el('page-message'), 'error', failure(e));
    return;
  }
  const select = el('report-line');
  select.replaceChildren(...lineList.map((l) => {
    const o = node('option', null, l.name + ' (' + l.code + ')');
    o.value = l.code;
    return o;
  }));
  if (lineList.length === 0) {
    say(el('page-message'), '', 'Aucune ligne n\'est configurée.');
    return;
  }
  if (param('line')) select.value = param('line');
  const zone = (lineList.find((l) => l.code === select.value) || lineList[0]).timeZone;
  const end = param('to') || today(zone);
  el('report-to').value = end;
  el('report-from').value = param('from') || addDays(end, -6);
  await show();
}

let latest = 0; // only the last report asked for is drawn, whichever answer comes back last

async function show(event) {
  if (event) event.preventDefault();
  const asked = ++latest;
  const message = el('page-message');
  say(message, '', '');
  const q = query();
  let rows;
  let hours;
  let weekdays;
  try {
    [rows, hours, weekdays] = await Promise.all([read('/reports/daily' + q), read('/reports/hourly' + q),
      read('/reports/weekdays' + q)]);
  } catch (e) {
    if (asked !== latest) return;
    say(message, 'error', failure(e));
    el('report').hidden = true;
    return;
  }
  if (asked !== latest) return;
  history.replaceState(null, '', q);
  draw(rows);
  callTimes = { hours: hours, weekdays: weekdays };
  drawCallTimes();
}

let callTimes = null; // the last hourly and weekday rows drawn, redrawn when the view changes

// When people call: by hour of the line's clock and by weekday, the calls that met a closed line or every outcome.
function drawCallTimes() {
  if (!callTimes) return;
  const closedOnly = el('hours-closed').checked;
  const line = lineList.find((l) => l.code === el('report-line').value);
  const zone = line ? line.timeZone : '';
  const what = closedOnly ? 'appels tombés sur la ligne fermée' : 'appels selon leur issue';
  const days = callTimes.hours.length ? callTimes.hours[0].days : 0;
  el('hours-hint').textContent = 'Sur ' + days + (days === 1 ? ' jour' : ' jours') + ', à l\'heure de la ligne ('
    + zone + ') où chaque appel a commencé. Les appels de la nuit comptent dans la journée de service commencée la '
    + 'veille, et dans son jour de la semaine. La nuit du passage à l\'heure d\'hiver, 2 h compte deux heures '
    + 'd\'appels ; celle du passage à l\'heure d\'été, aucune.';
  const outcomes = closedOnly ? ['closed'] : null;
  el('chart-hours').replaceChildren(outcomeColumns({
    title: 'Par heure de la journée : ' + what,
    description: 'Une colonne par heure, de 0 h à 23 h, ' + (closedOnly ? 'hauteur : nombre d\'appels tombés sur la '
      + 'ligne fermée.' : 'chaque couleur est une issue d\'appel.'),
    columns: hourColumns(0), rows: callTimes.hours, keyOf: (r) => r.hour, attr: 'hour', outcomes: outcomes,
    columnHeading: 'Heure'
  }));
  el('chart-weekdays').replaceChildren(outcomeColumns({
    title: 'Par jour de la semaine : ' + what,
    description: 'Une colonne par jour de la semaine, du lundi au dimanche, ' + (closedOnly ? 'hauteur : nombre '
      + 'd\'appels tombés sur la ligne fermée.' : 'chaque couleur est une issue d\'appel.'),
    columns: weekdayColumns(), rows: callTimes.weekdays, keyOf: (r) => r.weekday, attr: 'weekday', outcomes: outcomes,
    columnHeading: 'Jour'
  }));
}

function draw(rows) {
  const days = rows.map((r) => r.from);
  const goalInput = el('report-target').value;
  const goal = goalInput === '' ? null : Math.min(100, Math.max(0, Number(goalInput))) / 100;
  const target = rows.length ? rows[0].serviceLevelSeconds : null;
  const sum = (k) => rows.reduce((s, r) => s + r[k], 0);
  const queued = sum('queued');
  const level = queued ? sum('answeredWithinTarget') / queued : null;
  const line = lineList.find((l) => l.code === el('report-line').value);
  el('report-summary').textContent = (line ? line.name : '') + ', ' + (rows.length ? shortDate(days[0]) + ' – '
    + shortDate(days[days.length - 1]) : '') + ' : ' + sum('offered') + ' appels, ' + sum('answered') + ' répondus'
    + (level == null ? '' : ', ' + Math.round(level * 100) + ' % en moins de ' + target + ' s') + '.';

  el('chart-outcomes').replaceChildren(stackedBars('Appels par jour selon leur issue',
    'Barres empilées, une par jour, de bas en haut : ' + OUTCOMES.map((o) => o[1]).join(', ') + '.', days,
    OUTCOMES.map(([key, label, cls]) => ({ key: key, label: label, cls: cls, values: rows.map((r) => r[key]) }))));

  el('level-hint').textContent = 'Part des appels mis en file répondus en moins de ' + target + ' s (le délai cible de la ligne)'
    + (goal == null ? '.' : ', face à l\'objectif de ' + Math.round(goal * 100) + ' % choisi ci-dessus.')
    + ' Un tiret : aucun appel en file ce jour-là.';
  el('chart-level').replaceChildren(ratioBars('Niveau de service par jour',
    'Une barre par jour : part des appels répondus en moins de ' + target + ' s.', days,
    rows.map((r) => r.serviceLevel), goal, 'répondus en moins de ' + target + ' s'));

  el('chart-waits').replaceChildren(lineChart('Attente des appels répondus',
    'Deux courbes, en secondes : la médiane et le 90e centile de l\'attente, jour par jour.', days, [
      { key: 'waitP50', label: 'médiane', cls: 's-p50', values: rows.map((r) => r.waitP50) },
      { key: 'waitP90', label: '90e centile', cls: 's-p90', values: rows.map((r) => r.waitP90) }
    ], 's'));

  const t = table('Chiffres par jour', ['Jour', 'Appels', ...OUTCOMES.map((o) => o[1]), 'Niveau de service',
    'Attente médiane', 'Attente 90e centile'], 'figures-table');
  rows.forEach((r) => {
    const tr = node('tr');
    tr.dataset.day = r.from;
    const day = node('th', null, shortDate(r.from));
    day.scope = 'row';
    tr.append(day, node('td', null, String(r.offered)), ...OUTCOMES.map(([key]) => node('td', null, String(r[key]))),
      node('td', null, r.serviceLevel == null ? '—' : Math.round(r.serviceLevel * 100) + ' %'),
      node('td', null, r.waitP50 == null ? '—' : r.waitP50 + ' s'),
      node('td', null, r.waitP90 == null ? '—' : r.waitP90 + ' s'));
    t.tBodies[0].appendChild(tr);
  });
  el('report-table').replaceChildren(t);
  el('report').hidden = false;
}

// The same figures as the API's CSV, saved under a name that says what they are.
async function downloadCsv(report, name) {
  const message = el('page-message');
  say(message, '', '');
  try {
    const response = await api('/reports/' + report + query(), { headers: { Accept: 'text/csv' } });
    if (!response.ok) {
      if (response.status !== 401) say(message, 'error', await problemText(response));
      return;
    }
    const f = el('report-form').elements;
    const url = URL.createObjectURL(await response.blob());
    const a = node('a');
    a.href = url;
    a.download = name + '-' + f.line.value + '-' + f.from.value + '-' + f.to.value + '.csv';
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    say(message, 'ok', 'CSV téléchargé : ' + a.download);
  } catch (e) {
    say(message, 'error', failure(e));
  }
}

document.addEventListener('DOMContentLoaded', () => {
  el('report-form').addEventListener('submit', show);
  el('report-csv').addEventListener('click', () => downloadCsv('daily', 'rapport-quotidien'));
  el('hours-csv').addEventListener('click', () => downloadCsv('hourly', 'appels-par-heure'));
  el('weekdays-csv').addEventListener('click', () => downloadCsv('weekdays', 'appels-par-jour-de-la-semaine'));
  el('hours-closed').addEventListener('change', drawCallTimes);
  el('hours-all').addEventListener('change', drawCallTimes);
});

start({
  ready: load,
  signedOut: () => {
    callTimes = null;
    el('report').hidden = true;
    el('report-line').replaceChildren();
  }
});
