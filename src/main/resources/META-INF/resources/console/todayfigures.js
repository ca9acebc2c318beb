// Every figure of the day on the live page: the snapshot's today (GET /api/supervision), which carries each figure
// of the daily report (GET /api/reports/daily) for the line's current service day, under the report's names and
// with the report's definitions (docs/reports.md). Folded under the line's main figures; opening it is kept across
// updates, since only the numbers are rewritten.

import { node, english } from './dom.js';
import { OUTCOMES } from './callcharts.js';

const percent = (ratio) => (ratio == null ? '—' : Math.round(ratio * 100) + ' %');
const seconds = (s) => (s == null ? '—' : s + ' s');
const count = (n) => String(n);

function talk(total) {
  const m = Math.floor(total / 60);
  return m < 60 ? m + ' min' : Math.floor(m / 60) + ' h ' + String(m % 60).padStart(2, '0') + ' min';
}

// [the API's field, French, English, how the value is written]; the outcomes in the reports' order of stacking.
const FIGURES = [
  ['offered', 'Appels terminés', 'calls ended', count],
  ...OUTCOMES.map(([key, fr, en]) => [key, fr.charAt(0).toUpperCase() + fr.slice(1), en, count]),
  ['queued', 'Mis en file', 'queued', count],
  ['answeredWithinTarget', 'Répondus dans le délai cible', 'answered within the target', count],
  ['serviceLevel', 'Niveau de service', 'service level', percent],
  ['waitP50', 'Attente médiane (répondus)', 'median wait, answered', seconds],
  ['waitP90', 'Attente, 90e centile (répondus)', '90th percentile wait, answered', seconds],
  ['talkSeconds', 'Temps d\'écoute', 'talk time', talk],
  ['identifiedCallers', 'Appelant·es distinct·es', 'distinct callers', count],
  ['repeatCallers', 'Dont déjà appelé ce mois-ci', 'of whom called before this month', count],
  ['repeatCallerShare', 'Part d\'appelant·es déjà venu·es', 'repeat caller share', percent],
  ['withheldCalls', 'Numéros masqués', 'withheld numbers', count],
  ['crisisHeard', 'Ont entendu tous les numéros de crise', 'heard every crisis number', count]
];

/** The folded list of the day's figures, empty until the first update. */
export function create(line) {
  const box = node('details', 'today-all');
  const summary = node('summary', null, 'Tous les chiffres du jour');
  summary.appendChild(english('every figure of today, as in the daily report'));
  const list = node('dl', 'summary today-figures');
  list.setAttribute('aria-label', 'Chiffres du jour de la ligne ' + line.name);
  FIGURES.forEach(([key, fr, en]) => {
    const item = node('div');
    item.dataset.today = key;
    const dt = node('dt', null, fr);
    dt.appendChild(english(en));
    item.append(dt, node('dd'));
    list.appendChild(item);
  });
  box.append(summary, list);
  return box;
}

/** Writes the snapshot's figures; a line without figures yet shows dashes. */
export function update(section, line) {
  const today = line.today;
  FIGURES.forEach(([key, , , write]) => {
    const dd = section.querySelector('.today-figures [data-today="' + key + '"] dd');
    if (dd) dd.textContent = today ? write(today[key]) : '—';
  });
  const target = section.querySelector('.today-figures [data-today="answeredWithinTarget"] dt');
  if (target && today && target.dataset.seconds !== String(today.serviceLevelSeconds)) {
    target.dataset.seconds = String(today.serviceLevelSeconds);
    target.firstChild.textContent = 'Répondus en moins de ' + today.serviceLevelSeconds + ' s';
  }
}
