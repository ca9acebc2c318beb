// One line's hours: the override (close or open now until …, coordinators and operators), the weekly hours,
// closures (with iCalendar upload), special openings and calendar subscriptions (operators change them,
// everyone reads them; subscriptions.js).
// Every time is the line's local time; the override's "until" is turned into an instant in the line's zone.

import { el, node, button, say, showFieldErrors, table } from './dom.js';
import { start, read, api, problem, failure, param, lineTabs, session, Refusal } from './shell.js';
import { lineState, stateParagraph } from './linestate.js';
import { instantOf, localInput, tomorrowAt, spoken, spokenLocal, dayName } from './zoned.js';
import { WeeklyEditor } from './weekly.js';
import { setUpSubscriptions, showSubscriptions, forgetSubscriptions, subscriptionLabel } from './subscriptions.js';

const code = param('line');
const path = '/lines/' + encodeURIComponent(code || '');
let line = null;
let weekly = null;

async function load() {
  const message = el('page-message');
  if (!code) {
    say(message, 'error', 'Aucune ligne choisie : ouvrez cette page depuis la liste des lignes.');
    return;
  }
  el('tabs').replaceChildren(lineTabs(code, 'hours.html'));
  try {
    line = await read(path);
  } catch (e) {
    say(message, 'error', failure(e));
    return;
  }
  document.querySelector('h1').firstChild.textContent = line.name + ' — horaires et fermetures ';
  document.title = line.name + ' — horaires — helpline-router';
  document.querySelectorAll('.zone-name').forEach((s) => { s.textContent = line.timeZone; });
  el('override-zone').textContent = 'heure de ' + line.timeZone;
  if (param('created')) say(message, 'ok', 'Ligne créée. Définissez maintenant ses horaires.');
  weekly = new WeeklyEditor(el('weekly-days'));
  showWeekly(line.openingHours);
  // The subscriptions first: the ranges say which calendar they came from.
  await Promise.all([showState(true), showSubscriptions().then(() => Promise.all([showRanges('closures'),
    showRanges('special-openings')]))]);
  if (location.hash === '#override') el('override-reason').focus();
}

// ---- state and override ---------------------------------------------------------------------------

async function showState(resetForm) {
  try {
    line = await read(path);
    const state = await lineState(line);
    el('state').replaceChildren(stateParagraph(state));
    const now = el('override-now');
    if (line.override) {
      now.textContent = 'Forçage en cours : ' + (line.override.state === 'CLOSED' ? 'fermée' : 'ouverte')
        + ' jusqu\'à ' + spoken(line.override.until, line.timeZone) + ' — motif : ' + line.override.reason + '.';
      now.hidden = false;
    } else {
      now.hidden = true;
    }
    el('override-lift').hidden = !line.override;
    if (resetForm) {
      el(state.open ? 'force-closed' : 'force-open').checked = true;
      el('override-until').value = tomorrowAt(line.timeZone, '08:00');
      el('override-until').min = localInput(Date.now(), line.timeZone);
    }
  } catch (e) {
    el('state').replaceChildren(node('p', 'error', 'État inconnu — ' + failure(e)));
  }
}

async function applyOverride(event) {
  event.preventDefault();
  const form = event.target;
  const error = el('override-error');
  error.textContent = '';
  showFieldErrors(form, []);
  const state = form.elements.state.value;
  const until = instantOf(el('override-until').value, line.timeZone);
  const reason = el('override-reason').value.trim();
  el('override-apply').disabled = true;
  try {
    const response = await api(path + '/override', { method: 'PUT', json: { state: state, until: until, reason: reason } });
    if (!response.ok) throw new Refusal(await problem(response));
    el('override-reason').value = '';
    await showState(false);
    say(el('page-message'), 'ok', (state === 'CLOSED' ? 'Ligne fermée' : 'Ligne ouverte') + ' jusqu\'à '
      + spoken(until, line.timeZone) + '.');
  } catch (e) {
    if (e instanceof Refusal) showFieldErrors(form, e.problem.errors);
    error.textContent = failure(e);
  } finally {
    el('override-apply').disabled = false;
  }
}

async function liftOverride() {
  const error = el('override-error');
  error.textContent = '';
  try {
    await read(path + '/override', { method: 'DELETE' });
    await showState(true);
    say(el('page-message'), 'ok', 'Forçage levé : la ligne suit de nouveau ses horaires.');
    el('override-reason').focus();
  } catch (e) {
    error.textContent = failure(e);
  }
}

// ---- weekly hours -----------------------------------------------------------------------------------

function showWeekly(periods) {
  const view = el('weekly-view');
  const byDay = new Map();
  periods.forEach((p) => {
    if (!byDay.has(p.day)) byDay.set(p.day, []);
    byDay.get(p.day).push(p);
  });
  const list = node('ul', 'weekly-summary');
  ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'].forEach((day) => {
    const li = node('li');
    li.dataset.day = day;
    li.appendChild(node('strong', null, dayName(day) + ' : '));
    const ps = (byDay.get(day) || []).sort((a, b) => a.from.localeCompare(b.from));
    li.appendChild(document.createTextNode(ps.length === 0 ? 'fermée'
      : ps.map((p) => p.from + '–' + p.to + (p.to <= p.from ? ' (jusqu\'au lendemain)' : '')).join(', ')));
    list.appendChild(li);
  });
  view.replaceChildren(list);
  if (session.operator) weekly.show(periods);
}

async function saveWeekly(event) {
  event.preventDefault();
  const errors = el('weekly-errors');
  errors.replaceChildren();
  weekly.clearErrors();
  const periods = weekly.periods();
  el('weekly-save').disabled = true;
  try {
    const response = await api(path + '/opening-hours', { method: 'PUT', json: { periods: periods } });
    if (!response.ok) throw new Refusal(await problem(response));
    const saved = await response.json();
    showWeekly(saved.periods);
    await showState(false);
    say(el('page-message'), 'ok', 'Horaires enregistrés.');
  } catch (e) {
    errors.appendChild(node('p', 'error', failure(e)));
    if (e instanceof Refusal) weekly.showErrors(e.problem.errors);
  } finally {
    el('weekly-save').disabled = false;
  }
}

// ---- closures and special openings ------------------------------------------------------------------

const RANGES = {
  closures: { list: 'closures-list', form: 'closures-form', noun: 'fermeture', none: 'Aucune fermeture prévue.' },
  'special-openings': { list: 'openings-list', form: 'openings-form', noun: 'ouverture exceptionnelle',
    none: 'Aucune ouverture exceptionnelle prévue.' }
};

async function showRanges(kind) {
  const spec = RANGES[kind];
  const target = el(spec.list);
  let ranges;
  try {
    ranges = await read(path + '/' + kind);
  } catch (e) {
    target.replaceChildren(node('p', 'error', failure(e)));
    return;
  }
  if (ranges.length === 0) {
    target.replaceChildren(node('p', 'empty', spec.none));
    return;
  }
  const now = localInput(Date.now(), line.timeZone);
  const t = table(spec.noun, ['Du', 'Au', 'Motif', 'Origine', 'Actions']);
  ranges.sort((a, b) => a.from.localeCompare(b.from)).forEach((r) => {
    const tr = node('tr');
    tr.dataset.id = String(r.id);
    const past = r.to.slice(0, 16) <= now;
    if (past) tr.className = 'past';
    const reason = node('td', 'reason', r.reason);
    if (past) reason.appendChild(node('span', 'tag', 'passée'));
    const calendar = r.subscriptionId == null ? null
      : subscriptionLabel(r.subscriptionId) || 'n° ' + r.subscriptionId;
    const origin = node('td', 'origin', calendar ? 'calendrier « ' + calendar + ' »' : r.uid ? 'fichier .ics' : 'saisie');
    if (r.subscriptionId != null) tr.dataset.subscriptionId = String(r.subscriptionId);
    const actions = node('td', 'actions');
    const remove = button('Supprimer', () => removeRange(kind, r, calendar), 'quiet');
    remove.setAttribute('aria-label', 'Supprimer la ' + spec.noun + ' « ' + r.reason + ' » du ' + spokenLocal(r.from)
      + (calendar ? ' (le calendrier « ' + calendar + ' » ne la remettra pas)' : ''));
    remove.dataset.operatorOnly = '';
    actions.appendChild(remove);
    tr.append(node('td', 'from', spokenLocal(r.from)), node('td', 'to', spokenLocal(r.to)), reason, origin, actions);
    t.tBodies[0].appendChild(tr);
  });
  target.replaceChildren(t);
}

async function addRange(kind, event) {
  event.preventDefault();
  const form = event.target;
  const error = form.querySelector('.error');
  error.textContent = '';
  showFieldErrors(form, []);
  const body = { from: form.elements.from.value, to: form.elements.to.value, reason: form.elements.reason.value.trim() };
  try {
    const response = await api(path + '/' + kind, { method: 'POST', json: body });
    if (!response.ok) throw new Refusal(await problem(response));
    form.reset();
    await Promise.all([showRanges(kind), showState(false)]);
    say(el('page-message'), 'ok', (kind === 'closures' ? 'Fermeture' : 'Ouverture exceptionnelle') + ' « '
      + body.reason + ' » ajoutée.');
  } catch (e) {
    if (e instanceof Refusal) showFieldErrors(form, e.problem.errors);
    error.textContent = failure(e);
  }
}

async function removeRange(kind, range, calendar) {
  try {
    await read(path + '/' + kind + '/' + range.id, { method: 'DELETE' });
    await Promise.all([showRanges(kind), showState(false)]);
    say(el('page-message'), 'ok', '« ' + range.reason + ' » supprimée'
      + (calendar ? ' ; le calendrier « ' + calendar + ' » ne la remettra pas.' : '.'));
  } catch (e) {
    say(el('page-message'), 'error', failure(e));
  }
}

async function importCalendar(event) {
  event.preventDefault();
  const result = el('ical-result');
  say(result, '', '');
  const file = el('ical-file').files[0];
  if (!file) {
    say(result, 'error', 'Choisissez un fichier .ics.');
    return;
  }
  el('ical-import').disabled = true;
  try {
    const outcome = await read(path + '/closures', { method: 'POST', body: await file.text(),
      headers: { 'Content-Type': 'text/calendar; charset=utf-8' } });
    const skipped = outcome.skipped || [];
    say(result, 'ok', plural(outcome.imported, 'fermeture importée', 'fermetures importées') + ', '
      + plural(outcome.updated, 'mise à jour', 'mises à jour')
      + (skipped.length ? ' ; laissés de côté : ' + skipped.map((k) => (k.summary || k.uid) + ' (' + k.reason + ')')
        .join(' ; ') : '') + '.');
    el('ical-form').reset();
    await Promise.all([showRanges('closures'), showState(false)]);
  } catch (e) {
    say(result, 'error', failure(e));
  } finally {
    el('ical-import').disabled = false;
  }
}

function plural(n, one, many) {
  return n + ' ' + (n === 1 ? one : many);
}

document.addEventListener('DOMContentLoaded', () => {
  el('override-form').addEventListener('submit', applyOverride);
  el('override-lift').addEventListener('click', liftOverride);
  el('weekly-form').addEventListener('submit', saveWeekly);
  el('closures-form').addEventListener('submit', (e) => addRange('closures', e));
  el('openings-form').addEventListener('submit', (e) => addRange('special-openings', e));
  el('ical-form').addEventListener('submit', importCalendar);
  setUpSubscriptions({ path: path, zone: () => line.timeZone,
    changed: () => Promise.all([showRanges('closures'), showRanges('special-openings'), showState(false)]) });
});

start({
  ready: load,
  signedOut: () => {
    ['state', 'weekly-view', 'weekly-days', 'closures-list', 'openings-list'].forEach((id) => el(id).replaceChildren());
    forgetSubscriptions();
  }
});

