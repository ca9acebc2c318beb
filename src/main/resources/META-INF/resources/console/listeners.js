// Listeners: who they are and which lines they serve (operators register, change, disable and unregister them;
// registering creates their SIP account and shows its softphone settings once), their state now from the live
// view, their phone's registration, and their shifts (log in, pause with a reason, resume, log out: coordinators
// and operators).

import { el, node, button, say, table, confirmDialog, showFieldErrors, checkbox } from './dom.js';
import { start, read, api, problem, failure, Refusal } from './shell.js';
import { STATES, actionsFor, actionButton } from './shifts.js';
import { registrationCell, showSoftphone, openSoftphone, hideSoftphone, softphoneListener } from './softphone.js';

const POLL_MS = 5000;
let lines = [];
let listeners = [];
let editing = null; // the listener being changed, or null when registering a new one
let timer = null;

async function load() {
  try {
    [lines, listeners] = await Promise.all([read('/lines'), read('/listeners')]);
  } catch (e) {
    say(el('action-message'), 'error', failure(e));
    return;
  }
  render();
  choices(editing ? editing.lines : []);
  await states();
}

function render() {
  const container = el('listeners');
  el('no-listeners').hidden = listeners.length > 0;
  if (listeners.length === 0) {
    container.replaceChildren();
    return;
  }
  const t = table('Écoutant·es', ['Écoutant·e', 'Lignes', 'État', 'Téléphone', 'Actions'], 'listeners');
  listeners.forEach((l) => {
    const tr = node('tr');
    tr.dataset.listenerId = String(l.id);
    tr.dataset.enabled = String(l.enabled);
    const name = node('th');
    name.scope = 'row';
    name.append(node('span', 'name', l.displayName),
      node('span', 'endpoint', l.sipUsername ? 'compte ' + l.sipUsername : l.endpoint + ' (écrit à la main)'));
    const served = node('td', 'lines', l.lines.map(lineName).join(', ') || '—');
    const state = node('td', 'state', l.enabled ? '…' : 'Désactivé·e');
    const phone = node('td', 'registration');
    registrationCell(phone, l);
    const actions = node('td', 'actions');
    const shifts = node('span', 'shifts');
    const account = node('span', 'account');
    if (l.sipUsername) {
      const settings = button('Softphone', null, 'quiet open-softphone');
      settings.setAttribute('aria-label', 'Réglages du softphone : ' + l.displayName);
      settings.addEventListener('click', () => openSoftphone(l, settings, el('action-message')));
      account.appendChild(settings);
    }
    const manage = node('span', 'manage');
    manage.dataset.operatorOnly = '';
    const edit = button('Modifier', () => startEdit(l), 'quiet');
    edit.setAttribute('aria-label', 'Modifier : ' + l.displayName);
    const toggle = button(l.enabled ? 'Désactiver' : 'Réactiver', () => setEnabled(l, !l.enabled), 'quiet enable');
    toggle.dataset.enabled = String(l.enabled);
    toggle.setAttribute('aria-label', (l.enabled ? 'Désactiver : ' : 'Réactiver : ') + l.displayName);
    const remove = button('Désinscrire', () => unregister(l), 'quiet danger');
    remove.setAttribute('aria-label', 'Désinscrire : ' + l.displayName);
    manage.append(edit, toggle, remove);
    actions.append(shifts, account, manage);
    tr.append(name, served, state, phone, actions);
    t.tBodies[0].appendChild(tr);
  });
  container.replaceChildren(t);
}

/** What the table shows of each listener but the live parts: a change in it means drawing the table again. */
function roster(list) {
  return JSON.stringify(list.map((l) => [l.id, l.displayName, l.endpoint, l.sipUsername, l.enabled, l.lines]));
}

function lineName(code) {
  const l = lines.find((x) => x.code === code);
  return l ? l.name : code;
}

// The live view: each listener's state on each of their lines, the actions that fit it, and their phone's
// registration (from the listeners' list, read again: a change made elsewhere redraws the table).
async function states() {
  let snapshot;
  let fresh;
  try {
    [snapshot, fresh] = await Promise.all([read('/supervision'), read('/listeners')]);
  } catch (e) {
    return; // the table keeps its last states; an expired session is handled by the shell
  }
  if (roster(fresh) !== roster(listeners)) {
    listeners = fresh;
    render();
  } else {
    listeners = fresh;
  }
  const known = snapshot.liveStateKnown;
  const live = el('live-state');
  live.textContent = known ? '' : 'État en direct inconnu : Asterisk est injoignable. Les actions sont tentées, '
    + 'l\'API dira si Asterisk les refuse.';
  live.dataset.known = String(known);
  const byId = new Map();
  snapshot.lines.forEach((line) => line.listeners.forEach((s) => {
    if (s.listenerId == null) return;
    if (!byId.has(s.listenerId)) byId.set(s.listenerId, []);
    byId.get(s.listenerId).push({ line: line.name, state: s.state, reason: s.pausedReason });
  }));
  listeners.forEach((l) => {
    const row = el('listeners').querySelector('tr[data-listener-id="' + l.id + '"]');
    if (!row) return;
    registrationCell(row.querySelector('.registration'), l);
    if (!l.enabled) {
      row.dataset.state = 'DISABLED';
      row.querySelector('.shifts').replaceChildren(); // a disabled listener cannot be logged in (409 enabled)
      return;
    }
    const seen = known ? byId.get(l.id) || [] : [];
    const distinct = [...new Set(seen.map((s) => s.state))];
    const cell = row.querySelector('.state');
    cell.replaceChildren();
    if (!known || seen.length === 0) {
      cell.textContent = known ? 'Hors service' : 'inconnu';
    } else {
      seen.forEach((s) => {
        const line = node('span', 'state-line');
        const badge = node('span', 'badge', (STATES[s.state] || [s.state])[0]);
        badge.dataset.state = s.state;
        line.append(badge);
        if (seen.length > 1) line.append(document.createTextNode(' ' + s.line));
        if (s.state === 'PAUSED' && s.reason) line.appendChild(node('span', 'reason', ' — ' + s.reason));
        cell.appendChild(line);
      });
    }
    const active = distinct.filter((x) => x !== 'LOGGED_OUT');
    const state = !known ? null : active.length === 0 ? 'LOGGED_OUT' : active.includes('PAUSED') ? 'PAUSED' : active[0];
    row.dataset.state = state || 'UNKNOWN';
    // Logged in on some lines but not all: logging in again adds the missing queues.
    const wanted = (state && state !== 'LOGGED_OUT' && distinct.includes('LOGGED_OUT') ? ['login'] : [])
      .concat(actionsFor(state));
    const shifts = row.querySelector('.shifts');
    const current = Array.from(shifts.querySelectorAll('button')).map((b) => b.dataset.action);
    if (current.join() !== wanted.join()) {
      const target = { id: l.id, name: l.displayName };
      shifts.replaceChildren(...wanted.map((a) => actionButton(a, target, el('action-message'), states)));
    }
  });
}

// ---- registering and changing listeners (operators) -------------------------------------------------

function choices(selected) {
  const box = el('listener-line-choices');
  box.replaceChildren(...lines.map((line) => {
    const c = checkbox(line.name, line.code, { name: 'lines', value: line.code, checked: selected.includes(line.code) });
    return c.wrapper;
  }));
  if (lines.length === 0) box.appendChild(node('p', 'empty', 'Créez d\'abord une ligne.'));
}

// A generated account keeps its username for good; a hand-written endpoint may be changed (it stays hand-written).
function startEdit(l) {
  editing = l;
  const form = el('listener-form');
  form.reset();
  showFieldErrors(form, []);
  form.elements.displayName.value = l.displayName;
  form.elements.endpoint.value = l.sipUsername ? '' : l.endpoint;
  choices(l.lines);
  el('listener-username-field').hidden = true;
  el('listener-account').hidden = false;
  el('listener-account').textContent = l.sipUsername
    ? 'Compte SIP ' + l.sipUsername + ' : son nom ne change pas (pour un autre nom, inscrivez un·e nouvel·le écoutant·e).'
    : 'Poste écrit à la main dans Asterisk : ' + l.endpoint + '.';
  el('listener-advanced').hidden = !!l.sipUsername;
  el('listener-advanced').open = !l.sipUsername;
  el('editor-title').firstChild.textContent = 'Modifier ' + l.displayName + ' ';
  el('editor-hint').hidden = true;
  el('listener-save').textContent = 'Enregistrer';
  el('listener-cancel').hidden = false;
  el('listener-errors').replaceChildren();
  form.elements.displayName.focus();
}

function stopEdit() {
  editing = null;
  const form = el('listener-form');
  form.reset();
  showFieldErrors(form, []);
  choices([]);
  el('listener-username-field').hidden = false;
  el('listener-account').hidden = true;
  el('listener-advanced').hidden = false;
  el('listener-advanced').open = false;
  el('editor-title').firstChild.textContent = 'Inscrire un·e écoutant·e ';
  el('editor-hint').hidden = false;
  el('listener-save').textContent = 'Inscrire';
  el('listener-cancel').hidden = true;
}

async function save(event) {
  event.preventDefault();
  const form = event.target;
  const errors = el('listener-errors');
  errors.replaceChildren();
  const body = {
    displayName: form.elements.displayName.value.trim(),
    lines: Array.from(form.querySelectorAll('input[name="lines"]:checked')).map((c) => c.value)
  };
  // Left out when empty: the API then derives the username (a new listener) or keeps what is there (a change).
  const endpoint = form.elements.endpoint.value.trim();
  const username = form.elements.sipUsername.value.trim();
  if (endpoint && !(editing && editing.sipUsername)) body.endpoint = endpoint;
  if (username && !editing) body.sipUsername = username;
  const creating = !editing;
  let saved;
  try {
    const response = await api(editing ? '/listeners/' + editing.id : '/listeners',
      { method: editing ? 'PUT' : 'POST', json: body });
    if (!response.ok) throw new Refusal(await problem(response));
    saved = await response.json();
  } catch (e) {
    const left = e instanceof Refusal ? showFieldErrors(form, e.problem.errors) : [];
    if (form.elements.endpoint.getAttribute('aria-invalid')) el('listener-advanced').open = true;
    errors.appendChild(node('p', 'error', failure(e)));
    left.forEach((x) => errors.appendChild(node('p', 'error', x.field + ' : ' + x.message)));
    return;
  }
  stopEdit();
  if (creating && saved.softphone) {
    // First of all: this answer is the only time the password is ever known.
    say(el('action-message'), 'ok', saved.displayName + ' est inscrit·e : voici les réglages de son softphone.');
    await showSoftphone(saved, saved.softphone, el('listener-name'));
  } else {
    say(el('action-message'), 'ok', saved.displayName + (creating ? ' est inscrit·e.' : ' : modifications enregistrées.'));
  }
  await states(); // reads the listeners again and draws the table with the change
}

/**
 * Disables (after confirmation) or enables a listener: PUT with {@code enabled}, their name and lines unchanged.
 * Disabled, they keep their record and history but have no SIP account and are in no queue.
 */
async function setEnabled(l, enabled) {
  if (!enabled && !await confirmDialog(l.displayName + ' ne recevra plus d\'appels : son téléphone sort de toutes les '
    + 'files' + (l.sipUsername ? ' et son compte SIP est retiré d\'Asterisk' : '') + '. Son historique reste ; '
    + '« Réactiver » ' + (l.sipUsername ? 'rend le compte avec le même mot de passe.' : 'le ou la remet en liste.'),
  'Désactiver')) return;
  try {
    await read('/listeners/' + l.id, { method: 'PUT', json: { displayName: l.displayName, lines: l.lines, enabled: enabled } });
    say(el('action-message'), 'ok', l.displayName + (enabled ? ' est réactivé·e.' : ' est désactivé·e.'));
    listeners = await read('/listeners');
    render();
    await states();
    const again = el('listeners').querySelector('tr[data-listener-id="' + l.id + '"] button.enable');
    if (again) again.focus();
  } catch (e) {
    say(el('action-message'), 'error', failure(e));
  }
}

async function unregister(l) {
  if (!await confirmDialog(l.displayName + ' ne recevra plus d\'appels et disparaîtra de la liste'
    + (l.sipUsername ? ' ; son compte SIP est retiré d\'Asterisk.' : '.'), 'Désinscrire')) return;
  try {
    await read('/listeners/' + l.id, { method: 'DELETE' });
    say(el('action-message'), 'ok', l.displayName + ' est désinscrit·e.');
    if (editing && editing.id === l.id) stopEdit();
    const shown = softphoneListener();
    if (shown && shown.id === l.id) hideSoftphone(false);
    listeners = await read('/listeners');
    render();
    await states();
  } catch (e) {
    say(el('action-message'), 'error', failure(e));
  }
}

document.addEventListener('DOMContentLoaded', () => {
  el('listener-form').addEventListener('submit', save);
  el('listener-cancel').addEventListener('click', stopEdit);
});

start({
  ready: () => {
    load();
    clearInterval(timer);
    timer = setInterval(states, POLL_MS);
  },
  signedOut: () => {
    clearInterval(timer);
    hideSoftphone(false);
    el('listeners').replaceChildren();
  }
});


