// One line's settings: created and edited by operators (POST /api/lines, PUT /api/lines/{code}), read by everyone.
// line.html?code=… edits that line; line.html alone creates one.

import { el, node, bilingual, field, select, checkbox, button, submit, say, showFieldErrors } from './dom.js';
import { start, read, api, problem, failure, param, lineTabs, session, Refusal } from './shell.js';
import { knownZones } from './zoned.js';

// The service and wellbeing rules: API name, French, English, default, min, max (as LineService checks them).
const RULES = [
  ['maxWaitingCallers', 'Appelant·es en attente au plus', 'most callers waiting', 10, 1, 500],
  ['serviceLevelSeconds', 'Objectif de réponse (s)', 'service-level target, seconds', 30, 5, 3600],
  ['wrapUpSeconds', 'Temps après chaque appel (s)', 'wrap-up, seconds', 30, 0, 1800],
  ['longCallMinutes', 'Appel long à partir de (min)', 'long call from, minutes', 45, 1, 600],
  ['restAfterLongCallSeconds', 'Repos après un appel long (s)', 'rest after a long call, seconds', 300, 0, 7200],
  ['breakReminderMinutes', 'Rappel de pause après (min)', 'break reminder after, minutes', 120, 10, 1440],
  ['breakReminderCalls', 'Rappel de pause après (appels)', 'break reminder after, calls', 8, 1, 200]
];

const code = param('code');
let line = null;

async function load() {
  const message = el('page-message');
  say(message, '', '');
  el('tabs').replaceChildren(code ? lineTabs(code, 'line.html') : node('span'));
  if (!code) {
    document.querySelector('h1').firstChild.textContent = 'Nouvelle ligne ';
    document.title = 'Nouvelle ligne — helpline-router';
    el('summary').hidden = true;
    el('danger').hidden = true;
    if (!session.operator) {
      say(message, 'error', 'Seuls les opérateur·rices créent des lignes.');
    }
    buildForm(null);
    return;
  }
  try {
    line = await read('/lines/' + encodeURIComponent(code));
  } catch (e) {
    say(message, 'error', failure(e));
    return;
  }
  document.querySelector('h1').firstChild.textContent = line.name + ' — réglages ';
  document.title = line.name + ' — réglages — helpline-router';
  summary(line);
  buildForm(line);
  el('danger').hidden = false;
}

function summary(l) {
  const list = el('summary-list');
  const rows = [
    ['Code', 'code', l.code],
    ['Nom', 'name', l.name],
    ['Numéro', 'number', l.number],
    ['Fuseau horaire', 'time zone', l.timeZone],
    ['Langue', 'language', l.language === 'en' ? 'anglais' : 'français'],
    ['Numéros de crise', 'crisis numbers', l.crisisNumbers.map((c) => c.label + ' (' + c.number + ')').join(', ') || '—'],
    ['Touche 1 vers le premier numéro de crise', 'press 1 transfer', l.crisisTransfer ? 'oui' : 'non'],
    ['Attente maximale (s)', 'maximum wait', String(l.maxWaitSeconds)],
    ['File Asterisk', 'Asterisk queue', l.queue]
  ].concat(RULES.map(([key, fr, en]) => [fr, en, String(l.rules[key])]));
  list.replaceChildren(...rows.map(([fr, en, value]) => {
    const div = node('div');
    div.append(bilingual('dt', fr, en), node('dd', null, value));
    return div;
  }));
  el('summary').hidden = false;
}

function buildForm(l) {
  const form = el('line-form');
  form.replaceChildren();
  const v = l || { timeZone: 'Europe/Paris', language: 'fr', crisisNumbers: [{ label: '3114 — prévention du suicide', number: '3114' }],
    crisisTransfer: false, maxWaitSeconds: 300, queue: '', rules: {} };

  const identity = node('fieldset');
  identity.appendChild(bilingual('legend', 'La ligne', 'the line'));
  const codeField = field('Code', 'code (letters, digits, dashes)', { name: 'code', field: 'code', value: l ? l.code : '',
    required: true, maxLength: 40, readOnly: !!l, autocomplete: 'off' });
  codeField.control.setAttribute('pattern', '[a-z0-9]+(-[a-z0-9]+)*');
  const codeWrapper = l ? codeField.wrapper
    : withHint(codeField, 'minuscules, chiffres et tirets, p. ex. ecoute-nuit ; ne change plus ensuite');
  const zones = node('datalist');
  zones.id = 'zones';
  knownZones().forEach((z) => {
    const o = node('option');
    o.value = z;
    zones.appendChild(o);
  });
  const zone = field('Fuseau horaire', 'time zone', { name: 'timeZone', field: 'timeZone', value: v.timeZone, required: true });
  zone.control.setAttribute('list', 'zones');
  identity.append(codeWrapper,
    field('Nom', 'name', { name: 'name', field: 'name', value: l ? l.name : '', required: true, maxLength: 200 }).wrapper,
    withHint(field('Numéro appelé', 'number dialled', { name: 'number', field: 'number', value: l ? l.number : '',
      required: true, type: 'tel', autocomplete: 'off' }), 'au format international, p. ex. +33800123456'),
    zone.wrapper, zones,
    select('Langue des messages', 'language', [['fr', 'français'], ['en', 'anglais']],
      { name: 'language', field: 'language', value: v.language }).wrapper);
  form.appendChild(identity);

  const crisis = node('fieldset', 'crisis');
  crisis.appendChild(bilingual('legend', 'Numéros de crise', 'crisis numbers'));
  crisis.appendChild(node('p', 'hint', 'Annoncés quand personne ne peut répondre, dans cet ordre.'));
  const rows = node('ol', 'crisis-rows');
  rows.id = 'crisis-rows';
  crisis.appendChild(rows);
  (v.crisisNumbers || []).forEach((c) => rows.appendChild(crisisRow(c)));
  crisis.appendChild(button('Ajouter un numéro de crise', () => {
    rows.appendChild(crisisRow({ label: '', number: '' }));
    renumber(rows);
    rows.lastChild.querySelector('input').focus();
  }, 'quiet add-crisis'));
  crisis.appendChild(checkbox('Taper 1 transfère vers le premier numéro de crise', 'press 1 transfers',
    { name: 'crisisTransfer', field: 'crisisTransfer', checked: !!v.crisisTransfer }).wrapper);
  form.appendChild(crisis);
  renumber(rows);

  const queue = node('fieldset', 'grid');
  queue.appendChild(bilingual('legend', 'File d\'attente et règles', 'queue and rules'));
  queue.append(
    field('Attente maximale (s)', 'maximum wait, seconds', { name: 'maxWaitSeconds', field: 'maxWaitSeconds',
      type: 'number', min: 10, max: 3600, value: v.maxWaitSeconds }).wrapper,
    withHint(field('File Asterisk', 'Asterisk queue', { name: 'queue', field: 'queue', value: v.queue || '',
      maxLength: 80 }), 'vide : le code de la ligne'));
  RULES.forEach(([key, fr, en, def, min, max]) => {
    queue.appendChild(field(fr, en, { name: 'rules.' + key, field: 'rules.' + key, type: 'number', min: min, max: max,
      value: v.rules[key] != null ? v.rules[key] : def }).wrapper);
  });
  form.appendChild(queue);

  const errors = node('div', 'form-errors');
  errors.id = 'line-errors';
  errors.setAttribute('role', 'alert');
  const actions = node('p', 'buttons');
  const save = submit(l ? 'Enregistrer les réglages' : 'Créer la ligne');
  save.id = 'save-line';
  actions.appendChild(save);
  form.append(errors, actions);
  form.onsubmit = saveLine;
  el('editor').hidden = false;
}

function withHint(f, text) {
  const hint = node('span', 'hint', text);
  hint.id = f.control.id + '-hint';
  f.control.setAttribute('aria-describedby', hint.id);
  f.wrapper.appendChild(hint);
  return f.wrapper;
}

function crisisRow(c) {
  const li = node('li', 'crisis-row');
  const label = field('Libellé', 'label', { name: 'crisis-label', value: c.label, maxLength: 200 });
  const number = field('Numéro', 'number', { name: 'crisis-number', value: c.number, type: 'tel' });
  const remove = button('Retirer', () => {
    const list = li.parentElement;
    li.remove();
    renumber(list);
  }, 'quiet');
  li.append(label.wrapper, number.wrapper, remove);
  return li;
}

// Each row's controls carry the API's names (crisisNumbers[1].number) so its complaints land beside them.
function renumber(list) {
  Array.from(list.children).forEach((li, i) => {
    li.querySelector('[name="crisis-label"]').dataset.field = 'crisisNumbers[' + i + '].label';
    li.querySelector('[name="crisis-number"]').dataset.field = 'crisisNumbers[' + i + '].number';
    li.querySelector('button').setAttribute('aria-label', 'Retirer le numéro de crise ' + (i + 1));
  });
}

function body(form) {
  const value = (name) => form.elements[name].value.trim();
  const number = (name) => (value(name) === '' ? null : Number(value(name)));
  const rules = {};
  RULES.forEach(([key]) => { rules[key] = number('rules.' + key); });
  return {
    code: value('code'),
    name: value('name'),
    number: value('number'),
    timeZone: value('timeZone') || null,
    language: value('language'),
    crisisNumbers: Array.from(form.querySelectorAll('.crisis-row')).map((li) => ({
      label: li.querySelector('[name="crisis-label"]').value.trim(),
      number: li.querySelector('[name="crisis-number"]').value.trim()
    })),
    crisisTransfer: form.elements.crisisTransfer.checked,
    maxWaitSeconds: number('maxWaitSeconds'),
    queue: value('queue') || null,
    rules: rules
  };
}

async function saveLine(event) {
  event.preventDefault();
  const form = event.target;
  const message = el('page-message');
  const errors = el('line-errors');
  errors.replaceChildren();
  say(message, '', '');
  const save = el('save-line');
  save.disabled = true;
  try {
    const b = body(form);
    const response = await api(code ? '/lines/' + encodeURIComponent(code) : '/lines',
      { method: code ? 'PUT' : 'POST', json: b });
    if (!response.ok) throw new Refusal(await problem(response));
    const saved = await response.json();
    showFieldErrors(form, []);
    if (!code) {
      location.assign('hours.html?line=' + encodeURIComponent(saved.code) + '&created=1');
      return;
    }
    line = saved;
    summary(saved);
    document.querySelector('h1').firstChild.textContent = saved.name + ' — réglages ';
    say(message, 'ok', 'Réglages enregistrés.');
  } catch (e) {
    if (e instanceof Refusal) {
      const left = showFieldErrors(form, e.problem.errors);
      errors.appendChild(node('p', 'error', e.message));
      left.forEach((x) => errors.appendChild(node('p', 'error', x.field + ' : ' + x.message)));
    } else {
      errors.appendChild(node('p', 'error', failure(e)));
    }
  } finally {
    save.disabled = false;
  }
}

async function deleteLine(event) {
  event.preventDefault();
  el('delete-dialog').close();
  const message = el('page-message');
  try {
    await read('/lines/' + encodeURIComponent(code), { method: 'DELETE' });
    location.assign('lines.html');
  } catch (e) {
    say(message, 'error', failure(e));
  }
}

document.addEventListener('DOMContentLoaded', () => {
  el('delete-line').addEventListener('click', () => {
    el('delete-what').textContent = (line ? line.name + ' (' + line.code + ')' : code) + ' sera supprimée.';
    el('delete-dialog').showModal();
    el('delete-cancel').focus();
  });
  el('delete-cancel').addEventListener('click', () => el('delete-dialog').close());
  el('delete-form').addEventListener('submit', deleteLine);
});

start({
  ready: load,
  signedOut: () => {
    el('line-form').replaceChildren();
    el('summary-list').replaceChildren();
  }
});
