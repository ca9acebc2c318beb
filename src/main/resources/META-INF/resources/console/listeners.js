// Listeners: who they are and which lines they serve (operators register and change them), their state now from
// the live view, and their shifts (log in, pause with a reason, resume, log out: coordinators and operators).

import { el, node, button, say, table, confirmDialog, showFieldErrors, checkbox } from './dom.js';
import { start, read, api, problem, failure, Refusal } from './shell.js';
import { STATES, actionsFor, actionButton } from './shifts.js';

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
  const t = table('Écoutant·es', ['Écoutant·e', 'Lignes', 'État', 'Actions'], 'listeners');
  listeners.forEach((l) => {
    const tr = node('tr');
    tr.dataset.listenerId = String(l.id);
    const name = node('th');
    name.scope = 'row';
    name.append(node('span', 'name', l.displayName), node('span', 'endpoint', l.endpoint));
    const served = node('td', 'lines', l.lines.map(lineName).join(', ') || '—');
    const state = node('td', 'state', '…');
    const actions = node('td', 'actions');
    const shifts = node('span', 'shifts');
    const manage = node('span', 'manage');
    manage.dataset.operatorOnly = '';
    const edit = button('Modifier', () => startEdit(l), 'quiet');
    edit.setAttribute('aria-label', 'Modifier : ' + l.displayName);
    const remove = button('Désinscrire', () => unregister(l), 'quiet danger');
    remove.setAttribute('aria-label', 'Désinscrire : ' + l.displayName);
    manage.append(edit, remove);
    actions.append(shifts, manage);
    tr.append(name, served, state, actions);
    t.tBodies[0].appendChild(tr);
  });
  container.replaceChildren(t);
}

function lineName(code) {
  const l = lines.find((x) => x.code === code);
  return l ? l.name : code;
}

// The live view: each listener's state on each of their lines, and the actions that fit it.
async function states() {
  let snapshot;
  try {
    snapshot = await read('/supervision');
  } catch (e) {
    return; // the table keeps its last states; an expired session is handled by the shell
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

function startEdit(l) {
  editing = l;
  const form = el('listener-form');
  form.elements.displayName.value = l.displayName;
  form.elements.endpoint.value = l.endpoint;
  choices(l.lines);
  el('editor-title').firstChild.textContent = 'Modifier ' + l.displayName + ' ';
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
  el('editor-title').firstChild.textContent = 'Inscrire un·e écoutant·e ';
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
    endpoint: form.elements.endpoint.value.trim(),
    lines: Array.from(form.querySelectorAll('input[name="lines"]:checked')).map((c) => c.value)
  };
  try {
    const response = await api(editing ? '/listeners/' + editing.id : '/listeners',
      { method: editing ? 'PUT' : 'POST', json: body });
    if (!response.ok) throw new Refusal(await problem(response));
    const saved = await response.json();
    say(el('action-message'), 'ok', saved.displayName + (editing ? ' : modifications enregistrées.' : ' est inscrit·e.'));
    stopEdit();
    listeners = await read('/listeners');
    render();
    await states();
  } catch (e) {
    const left = e instanceof Refusal ? showFieldErrors(form, e.problem.errors) : [];
    errors.appendChild(node('p', 'error', failure(e)));
    left.forEach((x) => errors.appendChild(node('p', 'error', x.field + ' : ' + x.message)));
  }
}

async function unregister(l) {
  if (!await confirmDialog(l.displayName + ' ne recevra plus d\'appels et disparaîtra de la liste.', 'Désinscrire')) return;
  try {
    await read('/listeners/' + l.id, { method: 'DELETE' });
    say(el('action-message'), 'ok', l.displayName + ' est désinscrit·e.');
    if (editing && editing.id === l.id) stopEdit();
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
    el('listeners').replaceChildren();
  }
});


