// A line's calendar subscriptions, on its hours page (/api/lines/{code}/calendar-subscriptions): each calendar's
// address exactly as the API gives it (masked: a secret in it never comes back to the page once typed), whether
// its events close or open the line, when it was last read and last read well, its last error, how many
// occurrences it put on the line and the events it left aside with why. Operators subscribe, change, read now
// and unsubscribe; coordinators read (the controls are operator-only, and the API refuses them anyway).

import { el, node, bilingual, field, select, say, showFieldErrors, confirmDialog } from './dom.js';
import { read, api, problem, failure, Refusal } from './shell.js';
import { spoken } from './zoned.js';

const KINDS = {
  CLOSURE: { tag: 'fermetures', en: 'closures', one: 'fermeture', many: 'fermetures' },
  SPECIAL_OPENING: { tag: 'ouvertures exceptionnelles', en: 'special openings', one: 'ouverture exceptionnelle',
    many: 'ouvertures exceptionnelles' }
};
const KIND_OPTIONS = [['CLOSURE', 'ferment la ligne (fermetures)'],
  ['SPECIAL_OPENING', 'ouvrent la ligne (ouvertures exceptionnelles)']];

let page = { path: '', zone: () => 'Europe/Paris', changed: async () => {} };
let labels = new Map();

/**
 * Wires the subscription form. {@code path}: the line's API path; {@code zone()}: the line's zone, for times;
 * {@code changed()}: redraws what a subscription changes on the page (the ranges, the state now).
 */
export function setUpSubscriptions(options) {
  page = options;
  el('subscription-form').addEventListener('submit', subscribe);
}

/** The name of one of the line's subscriptions, for the ranges it brought (undefined when unknown). */
export function subscriptionLabel(id) {
  return labels.get(id);
}

export async function showSubscriptions() {
  const target = el('subscriptions-list');
  let subscriptions;
  try {
    subscriptions = await read(page.path + '/calendar-subscriptions');
  } catch (e) {
    target.replaceChildren(node('p', 'error', failure(e)));
    return;
  }
  labels = new Map(subscriptions.map((s) => [s.id, s.label]));
  if (subscriptions.length === 0) {
    target.replaceChildren(node('p', 'empty', 'Aucun calendrier abonné.'));
    return;
  }
  target.replaceChildren(...subscriptions.map(card));
}

export function forgetSubscriptions() {
  labels = new Map();
  el('subscriptions-list').replaceChildren();
}

function card(s) {
  const kind = KINDS[s.kind] || KINDS.CLOSURE;
  const article = node('article', 'subscription');
  article.dataset.subscriptionId = String(s.id);
  article.setAttribute('aria-labelledby', 'subscription-' + s.id);
  const h = node('h3', null, s.label);
  h.id = 'subscription-' + s.id;
  h.appendChild(node('span', 'tag kind', kind.tag));
  const facts = node('dl', 'facts');
  fact(facts, 'url', 'Adresse', 'address', node('code', null, s.url));
  fact(facts, 'brought', 'Sur la ligne', 'on the line', plural(s.eventsImported, kind.one, kind.many));
  fact(facts, 'last-refreshed', 'Dernière lecture', 'last refreshed', when(s.lastRefreshedAt, 'pas encore'));
  fact(facts, 'last-success', 'Dernière lecture réussie', 'last successful', when(s.lastSuccessAt, 'jamais'));
  fact(facts, 'next', 'Prochaine lecture', 'next', when(s.nextRefreshAt, 'dès que possible'));
  if (s.excluded > 0) {
    fact(facts, 'excluded', 'Retirées à la main', 'deleted by hand', plural(s.excluded, 'occurrence', 'occurrences'));
  }
  const error = node('p', 'error last-error');
  if (s.lastError) {
    error.textContent = 'Dernière erreur : ' + s.lastError + (s.lastSuccessAt
      ? ' — la dernière copie lue reste en vigueur.' : ' — rien n\'a encore pu être lu de ce calendrier.');
  }
  article.append(h, facts, error);
  if (s.skipped && s.skipped.length > 0) article.appendChild(skippedList(s.skipped));
  const form = editor(s);
  article.append(actions(s, form), form);
  return article;
}

function fact(list, key, fr, en, value) {
  const div = node('div');
  div.dataset.fact = key;
  const dd = node('dd');
  dd.append(value);
  div.append(bilingual('dt', fr, en), dd);
  list.appendChild(div);
}

/** An instant in words in the line's zone, its ISO form kept in datetime. */
function when(instant, none) {
  if (!instant) return none;
  const t = node('time', null, spoken(instant, page.zone()));
  t.dateTime = instant;
  return t;
}

function skippedList(skipped) {
  const details = node('details', 'skipped');
  details.appendChild(bilingual('summary', plural(skipped.length, 'événement laissé de côté', 'événements laissés de côté'),
    'skipped'));
  const list = node('ul');
  skipped.forEach((k) => {
    const li = node('li');
    li.append(node('strong', null, k.summary || k.uid), document.createTextNode(' — ' + k.reason));
    list.appendChild(li);
  });
  details.appendChild(list);
  return details;
}

function actions(s, form) {
  const p = node('p', 'buttons start');
  p.dataset.operatorOnly = '';
  const refresh = action('Relire maintenant', 'refresh now', 'Relire maintenant le calendrier « ' + s.label + ' »',
    () => refreshNow(s, refresh));
  refresh.classList.add('refresh');
  const edit = action('Modifier', 'edit', 'Modifier le calendrier « ' + s.label + ' »', () => {
    form.hidden = !form.hidden;
    edit.setAttribute('aria-expanded', String(!form.hidden));
    if (!form.hidden) form.elements.label.focus();
  }, 'quiet');
  edit.classList.add('edit');
  edit.setAttribute('aria-expanded', 'false');
  const remove = action('Se désabonner', 'unsubscribe', 'Se désabonner du calendrier « ' + s.label + ' »',
    () => unsubscribe(s), 'quiet danger');
  remove.classList.add('remove');
  p.append(refresh, edit, remove);
  return p;
}

function action(fr, en, label, onClick, className) {
  const b = bilingual('button', fr, en, className);
  b.type = 'button';
  b.setAttribute('aria-label', label);
  b.addEventListener('click', onClick);
  return b;
}

/**
 * Changing a subscription: its name, its kind, and a new address only if one is typed. The address field starts
 * empty because the page only has the masked one; left empty, no url is sent and the stored address stays.
 */
function editor(s) {
  const form = node('form', 'range-form subscription-edit');
  form.noValidate = true;
  form.hidden = true;
  form.dataset.operatorOnly = '';
  const fieldset = node('fieldset');
  fieldset.appendChild(bilingual('legend', 'Modifier « ' + s.label + ' »', 'edit'));
  const label = field('Nom', 'label', { name: 'label', value: s.label, maxLength: 200, field: 'label' });
  const kind = select('Ses événements', 'its events are', KIND_OPTIONS, { name: 'kind', value: s.kind, field: 'kind' });
  const url = field('Nouvelle adresse', 'new URL', { name: 'url', type: 'url', maxLength: 2000, autocomplete: 'off',
    spellcheck: false, placeholder: 'vide : garder l\'adresse actuelle', field: 'url' });
  const hint = node('p', 'hint', 'Laissez l\'adresse vide pour garder l\'actuelle (' + s.url + ').');
  const error = node('p', 'error');
  error.setAttribute('role', 'alert');
  const buttons = node('p', 'buttons start');
  const save = bilingual('button', 'Enregistrer', 'save');
  save.type = 'submit';
  const cancel = action('Annuler', 'cancel', 'Annuler la modification de « ' + s.label + ' »', () => {
    form.reset();
    form.hidden = true;
  }, 'quiet');
  buttons.append(save, cancel);
  fieldset.append(label.wrapper, kind.wrapper, url.wrapper, hint, error, buttons);
  form.appendChild(fieldset);
  form.addEventListener('submit', (event) => change(event, s, save));
  return form;
}

async function subscribe(event) {
  event.preventDefault();
  const form = event.target;
  const error = form.querySelector('.error');
  const message = el('subscriptions-message');
  error.textContent = '';
  showFieldErrors(form, []);
  const body = { url: form.elements.url.value.trim(), kind: form.elements.kind.value };
  const label = form.elements.label.value.trim();
  if (label) body.label = label;
  el('subscription-add').disabled = true;
  say(message, '', 'Lecture du calendrier…');
  try {
    const response = await api(page.path + '/calendar-subscriptions', { method: 'POST', json: body });
    if (!response.ok) throw new Refusal(await problem(response));
    const created = await response.json();
    form.reset();
    await redraw();
    if (created.lastError) {
      say(message, 'error', 'Abonnement « ' + created.label + ' » enregistré, mais sa première lecture a échoué : '
        + created.lastError + '. Il sera relu à chaque tour de relecture.');
    } else {
      say(message, 'ok', 'Abonnement « ' + created.label + ' » enregistré : '
        + plural(created.eventsImported, KINDS[created.kind].one, KINDS[created.kind].many) + ' sur la ligne.');
    }
  } catch (e) {
    say(message, '', '');
    if (e instanceof Refusal) showFieldErrors(form, e.problem.errors);
    error.textContent = failure(e);
  } finally {
    el('subscription-add').disabled = false;
  }
}

async function change(event, s, save) {
  event.preventDefault();
  const form = event.target;
  const error = form.querySelector('.error');
  error.textContent = '';
  showFieldErrors(form, []);
  const body = { label: form.elements.label.value.trim(), kind: form.elements.kind.value };
  const url = form.elements.url.value.trim();
  if (url) body.url = url;   // only an address the operator typed: the masked one would not fetch anything
  save.disabled = true;
  try {
    const changed = await read(page.path + '/calendar-subscriptions/' + s.id, { method: 'PUT', json: body });
    await redraw();
    say(el('subscriptions-message'), 'ok', 'Calendrier « ' + changed.label + ' » modifié.');
  } catch (e) {
    if (e instanceof Refusal) showFieldErrors(form, e.problem.errors);
    error.textContent = failure(e);
    save.disabled = false;
  }
}

async function refreshNow(s, refresh) {
  const message = el('subscriptions-message');
  refresh.disabled = true;
  say(message, '', 'Lecture de « ' + s.label + ' »…');
  try {
    const fresh = await read(page.path + '/calendar-subscriptions/' + s.id + '/refresh', { method: 'POST' });
    await redraw();
    const kind = KINDS[fresh.kind] || KINDS.CLOSURE;
    if (fresh.lastError) {
      say(message, 'error', '« ' + fresh.label + ' » n\'a pas pu être lu : ' + fresh.lastError
        + '. La dernière copie lue reste en vigueur.');
    } else {
      say(message, 'ok', '« ' + fresh.label + ' » relu : ' + plural(fresh.eventsImported, kind.one, kind.many)
        + ' sur la ligne.');
    }
  } catch (e) {
    say(message, 'error', failure(e));
  } finally {
    refresh.disabled = false;
  }
}

async function unsubscribe(s) {
  const kind = KINDS[s.kind] || KINDS.CLOSURE;
  const brought = s.eventsImported === 0 ? 'Il n\'a rien apporté à la ligne.'
    : s.eventsImported === 1 ? 'La ' + kind.one + ' qu\'il a apportée sera retirée de la ligne.'
      : 'Les ' + plural(s.eventsImported, kind.one, kind.many) + ' qu\'il a apportées seront retirées de la ligne.';
  const question = 'Se désabonner de « ' + s.label + ' » ? ' + brought;
  if (!await confirmDialog(question, 'Se désabonner')) return;
  const message = el('subscriptions-message');
  try {
    await read(page.path + '/calendar-subscriptions/' + s.id, { method: 'DELETE' });
    await redraw();
    say(message, 'ok', 'Désabonné de « ' + s.label + ' ».');
    el('subscriptions-title').focus();
  } catch (e) {
    say(message, 'error', failure(e));
  }
}

async function redraw() {
  await showSubscriptions();
  await page.changed();
}

function plural(n, one, many) {
  return n + ' ' + (n === 1 ? one : many);
}
