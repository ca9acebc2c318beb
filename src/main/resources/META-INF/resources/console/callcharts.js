// When people call: calls by outcome per hour of the day or per weekday, as stacked columns drawn in SVG from the
// API's rows (GET /api/reports/hourly, /weekdays). Used by the live page (today, per line) and the reports page.
// Keyboard: the chart is one tab stop; the arrow keys, Home and End move from column to column, and each column
// says its figures in words (the same words show under the chart). A table under the chart holds every figure.

import { node, english, bilingual, table } from './dom.js';
import { frame, svg, countMax } from './charts.js';

/**
 * Every outcome of the reports, in stacking order from a listener's answer to no answer at all:
 * [the API's field, French, English, CSS class]. Meanings: docs/reports.md.
 */
export const OUTCOMES = [
  ['answered', 'répondus', 'answered', 's-answered'],
  ['crisisTransfers', 'mis en relation avec une ligne de crise', 'put through to a crisis line', 's-transfer'],
  ['abandoned', 'raccroché en attente', 'hung up while waiting', 's-abandoned'],
  ['shortCalls', 'raccroché aussitôt', 'short calls', 's-short'],
  ['leftDuringNotice', 'raccroché pendant l\'annonce', 'left during the notice', 's-notice'],
  ['timedOut', 'attente maximale atteinte', 'maximum wait reached', 's-timedout'],
  ['noListener', 'sans écoutant·e disponible', 'no listener free', 's-nolistener'],
  ['overload', 'file saturée', 'queue full', 's-overload'],
  ['transfersFailed', 'mise en relation impossible', 'transfer failed', 's-transferfailed'],
  ['closed', 'ligne fermée', 'line closed', 's-closed'],
  ['unknownLine', 'numéro sans ligne', 'no such line', 's-unknown'],
  ['failed', 'issue inconnue', 'outcome unknown', 's-failed']
];

const WEEKDAYS = [['MONDAY', 'lun.', 'le lundi'], ['TUESDAY', 'mar.', 'le mardi'], ['WEDNESDAY', 'mer.', 'le mercredi'],
  ['THURSDAY', 'jeu.', 'le jeudi'], ['FRIDAY', 'ven.', 'le vendredi'], ['SATURDAY', 'sam.', 'le samedi'],
  ['SUNDAY', 'dim.', 'le dimanche']];

/** The 24 hours as columns, starting at {@code first} (the service day's first hour on the live page). */
export function hourColumns(first) {
  const start = first || 0;
  return Array.from({ length: 24 }, (_, i) => {
    const h = (start + i) % 24;
    return { key: h, label: h + ' h', words: 'de ' + h + ' h à ' + ((h + 1) % 24) + ' h' };
  });
}

/** The seven weekdays as columns, Monday first. */
export function weekdayColumns() {
  return WEEKDAYS.map(([key, label, words]) => ({ key: key, label: label, words: words }));
}

/** "3 appels : 2 ligne fermée, 1 répondus" (or "aucun appel") for one row of the API. */
function inWords(row, outcomes) {
  const total = outcomes.reduce((s, o) => s + (row[o[0]] || 0), 0);
  if (total === 0) return 'aucun appel';
  const parts = outcomes.filter((o) => row[o[0]] > 0).map((o) => row[o[0]] + ' ' + o[1]);
  return total + (total === 1 ? ' appel' : ' appels') + ' : ' + parts.join(', ');
}

/**
 * Stacked columns of calls by outcome.
 * o.title, o.description: the chart's name and what it shows, in words;
 * o.columns: [{key, label, words}] in drawing order; o.rows: the API's rows, found by o.keyOf(row) (a column's key);
 * o.outcomes: the outcomes' fields to draw (default every one); o.attr: the data attribute naming a column ("hour").
 * Returns an element holding the chart, its legend, the words of the column in focus and the figures' table.
 */
export function outcomeColumns(o) {
  const outcomes = OUTCOMES.filter((x) => !o.outcomes || o.outcomes.includes(x[0]));
  const byKey = new Map(o.rows.map((r) => [String(o.keyOf(r)), r]));
  const rowOf = (c) => byKey.get(String(c.key)) || {};
  const totals = o.columns.map((c) => outcomes.reduce((s, x) => s + (rowOf(c)[x[0]] || 0), 0));
  const yMax = countMax(Math.max(...totals, 0));
  const labels = new Map(o.columns.map((c) => [c.key, c.label]));
  const f = frame(o.title, o.description, o.columns.map((c) => c.key), yMax, (v) => String(v), (key) => labels.get(key));
  f.root.setAttribute('role', 'group'); // its columns speak for themselves: not a single image
  f.root.classList.add('columns');
  const readout = node('p', 'readout');
  const columns = svg('g', { class: 'bars' });
  o.columns.forEach((c, i) => {
    const row = rowOf(c);
    const words = c.words + ' : ' + inWords(row, outcomes);
    const g = svg('g', { class: 'column', tabindex: i === 0 ? 0 : -1, role: 'img', 'aria-label': words });
    g.dataset[o.attr] = String(c.key);
    g.appendChild(svg('rect', { class: 'hit', x: f.x(i), width: f.band, y: f.y(yMax), height: f.y(0) - f.y(yMax) }));
    let base = 0;
    outcomes.forEach(([key, fr, , cls]) => {
      const v = row[key] || 0;
      if (v > 0) {
        const rect = svg('rect', { x: f.x(i) + f.band * 0.15, width: f.band * 0.7, y: f.y(base + v),
          height: f.y(base) - f.y(base + v), class: cls });
        rect.dataset.series = key;
        rect.appendChild(svg('title', null, c.words + ' — ' + fr + ' : ' + v));
        g.appendChild(rect);
      }
      base += v;
    });
    const say = () => { readout.textContent = words.charAt(0).toUpperCase() + words.slice(1) + '.'; };
    g.addEventListener('focus', say);
    g.addEventListener('mouseenter', say);
    columns.appendChild(g);
  });
  columns.addEventListener('keydown', (e) => move(e, columns));
  f.root.appendChild(columns);

  const shown = outcomes.filter((x) => o.columns.some((c) => rowOf(c)[x[0]] > 0));
  const wrap = node('div', 'chart-wrap call-times');
  wrap.append(f.root, legend(shown));
  const hint = node('p', 'hint readout-hint', 'Tabulation puis flèches : le détail de chaque colonne.');
  hint.appendChild(english('Tab, then arrow keys: each column in words'));
  wrap.append(readout, hint, figures(o, shown, rowOf, totals));
  return wrap;
}

// One tab stop for the chart: the arrows, Home and End move the focus between its columns.
function move(e, columns) {
  const all = Array.from(columns.querySelectorAll('g.column'));
  const at = all.indexOf(e.target.closest('g.column'));
  const to = { ArrowRight: at + 1, ArrowDown: at + 1, ArrowLeft: at - 1, ArrowUp: at - 1, Home: 0, End: all.length - 1 }[e.key];
  if (to === undefined || at < 0) return;
  e.preventDefault();
  const next = all[Math.max(0, Math.min(all.length - 1, to))];
  all.forEach((g) => g.setAttribute('tabindex', g === next ? '0' : '-1'));
  next.focus();
}

function legend(outcomes) {
  const list = node('ul', 'legend');
  if (outcomes.length === 0) {
    list.appendChild(bilingual('li', 'Aucun appel', 'no calls'));
  }
  outcomes.forEach(([, fr, en, cls]) => {
    const li = node('li');
    li.append(node('span', 'swatch ' + cls), document.createTextNode(fr), english(en));
    list.appendChild(li);
  });
  return list;
}

function figures(o, outcomes, rowOf, totals) {
  const details = node('details', 'figures-by-column');
  details.appendChild(bilingual('summary', 'Les chiffres', 'the figures'));
  const t = table(o.title, [o.columnHeading, 'Appels', ...outcomes.map((x) => x[1])], 'call-times-table');
  o.columns.forEach((c, i) => {
    const row = rowOf(c);
    const tr = node('tr');
    tr.dataset[o.attr] = String(c.key);
    const th = node('th', null, c.label);
    th.scope = 'row';
    tr.append(th, node('td', null, String(totals[i])), ...outcomes.map((x) => node('td', null, String(row[x[0]] || 0))));
    t.tBodies[0].appendChild(tr);
  });
  details.appendChild(t);
  return details;
}

/**
 * Puts a freshly drawn chart in place of the container's content, keeping the focus on the same column (and the
 * table open) when it was there: the live page redraws while someone reads it with the keyboard.
 */
export function replaceChart(container, chart, attr) {
  const focused = container.contains(document.activeElement) && document.activeElement.closest('g.column');
  const key = focused ? focused.dataset[attr] : null;
  const open = container.querySelector('details[open]') !== null;
  container.replaceChildren(chart);
  if (open) chart.querySelector('details').open = true;
  if (key != null) {
    const same = chart.querySelector('g.column[data-' + attr + '="' + CSS.escape(key) + '"]');
    if (same) {
      chart.querySelectorAll('g.column').forEach((g) => g.setAttribute('tabindex', g === same ? '0' : '-1'));
      same.focus();
    }
  }
}
