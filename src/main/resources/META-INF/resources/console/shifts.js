// A listener's shift from the console: log in, log out, pause with a reason, resume. Shared by the live page
// and the listeners' page; the API carries each out in Asterisk at once (POST /api/listeners/{id}/…).

import { el, node, english, say } from './dom.js';
import { api, problemText } from './shell.js';

export const ACTIONS = {
  pause: 'Mettre en pause',
  resume: 'Reprendre',
  logout: 'Retirer de la file',
  login: 'Mettre en service'
};

/** The listener's state words, as the live page shows them. */
export const STATES = {
  AVAILABLE: ['Disponible', 'available'],
  RINGING: ['Sonne', 'ringing'],
  IN_CALL: ['En appel', 'in call'],
  WRAP_UP: ['Après-appel', 'wrap-up'],
  PAUSED: ['En pause', 'paused'],
  UNREACHABLE: ['Injoignable', 'unreachable'],
  LOGGED_OUT: ['Hors service', 'logged out']
};

/** The actions that make sense in a state; every action when the live state is unknown. */
export function actionsFor(state) {
  if (state == null) return ['login', 'pause', 'resume', 'logout'];
  if (state === 'LOGGED_OUT') return ['login'];
  return state === 'PAUSED' ? ['resume', 'logout'] : ['pause', 'logout'];
}

let pending = null; // { listener, opener, message, after }

/**
 * A button for one action on a listener ({id, name}). {@code message}: where the outcome is said;
 * {@code after}: run after the API accepted it (e.g. re-read the states).
 */
export function actionButton(action, listener, message, after) {
  const b = node('button', action === 'logout' ? 'quiet' : null, ACTIONS[action]);
  b.type = 'button';
  b.dataset.action = action;
  b.listener = listener;
  b.setAttribute('aria-label', ACTIONS[action] + ' : ' + listener.name);
  b.addEventListener('click', () => {
    if (action === 'pause') {
      askPause(b.listener, b, message, after);
    } else {
      act(b.listener, action, null, message, after);
    }
  });
  return b;
}

function askPause(listener, opener, message, after) {
  dialog();
  pending = { listener: listener, opener: opener, message: message, after: after };
  el('pause-who').textContent = 'Écoutant·e : ' + listener.name;
  el('pause-reason').value = '';
  el('pause-error').textContent = '';
  el('pause-dialog').showModal();
  el('pause-reason').focus();
}

async function confirmPause(event) {
  event.preventDefault();
  const reason = el('pause-reason').value.trim();
  if (!reason) {
    el('pause-error').textContent = 'Indiquez un motif (80 caractères au plus).';
    return;
  }
  const p = pending;
  el('pause-dialog').close();
  await act(p.listener, 'pause', reason, p.message, p.after);
}

/** Carries out an action and says how it went, with the API's detail when it is refused. */
export async function act(listener, action, reason, message, after) {
  say(message, '', '');
  const who = listener.name;
  let response;
  try {
    response = await api('/listeners/' + encodeURIComponent(listener.id) + '/' + action,
      reason == null ? { method: 'POST' } : { method: 'POST', json: { reason: reason } });
  } catch (e) {
    say(message, 'error', 'Le service est injoignable : rien n\'a été fait pour ' + who + '.');
    return;
  }
  if (response.ok) {
    say(message, 'ok', {
      pause: who + ' est mis·e en pause (' + reason + ').',
      resume: who + ' reprend les appels.',
      logout: who + ' est retiré·e de la file.',
      login: who + ' est mis·e en service.'
    }[action]);
    if (after) after();
  } else if (response.status !== 401) {
    say(message, 'error', ACTIONS[action] + ' — ' + who + ' : '
      + await problemText(response, { 404: 'Écoutant·e introuvable', 409: 'Asterisk a refusé' }));
  }
}

/** The pause dialog, built once per page. */
function dialog() {
  if (el('pause-dialog')) return;
  const d = node('dialog');
  d.id = 'pause-dialog';
  d.setAttribute('aria-labelledby', 'pause-title');
  const form = node('form');
  form.id = 'pause-form';
  form.noValidate = true;
  const h = node('h2', null, 'Mettre en pause');
  h.id = 'pause-title';
  h.appendChild(english('Pause'));
  const who = node('p');
  who.id = 'pause-who';
  const p = node('p');
  const label = node('label', null, 'Motif de la pause');
  label.htmlFor = 'pause-reason';
  label.appendChild(english('reason'));
  const input = node('input');
  Object.assign(input, { id: 'pause-reason', name: 'reason', maxLength: 80, required: true });
  input.setAttribute('list', 'pause-reasons');
  const reasons = node('datalist');
  reasons.id = 'pause-reasons';
  ['Pause café', 'Repas', 'Débriefing', 'Temps de repos'].forEach((r) => {
    const o = node('option');
    o.value = r;
    reasons.appendChild(o);
  });
  p.append(label, input, reasons);
  const error = node('p', 'error');
  error.id = 'pause-error';
  error.setAttribute('role', 'alert');
  const buttons = node('p', 'buttons');
  const cancel = node('button', 'quiet', 'Annuler');
  cancel.type = 'button';
  cancel.id = 'pause-cancel';
  cancel.addEventListener('click', () => d.close());
  const confirm = node('button', null, 'Mettre en pause');
  confirm.type = 'submit';
  confirm.id = 'pause-confirm';
  buttons.append(cancel, confirm);
  form.append(h, who, p, error, buttons);
  form.addEventListener('submit', confirmPause);
  d.appendChild(form);
  d.addEventListener('close', () => {
    if (pending && pending.opener && pending.opener.isConnected) pending.opener.focus();
  });
  document.body.appendChild(d);
}
