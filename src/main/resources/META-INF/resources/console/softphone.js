// A listener's SIP account in the console (issue 13): the panel of what the volunteer types into a softphone —
// the password only in the answer that set it, never read again —, its QR code, the password reset (operators),
// and the phone's registration in words. The panel is #softphone of listeners.html.

import { el, node, bilingual, say, confirmDialog } from './dom.js';
import { api, read, problem, failure, Refusal } from './shell.js';

/** A phone's registration as the API words it, in French and English. */
const REGISTRATION = {
  REGISTERED: ['Téléphone connecté', 'registered'],
  UNREACHABLE: ['Connecté mais ne répond pas', 'registered, unreachable'],
  NOT_REGISTERED: ['Téléphone non connecté', 'unregistered'],
  UNKNOWN: ['Inconnu : Asterisk injoignable', 'unknown']
};

const when = new Intl.DateTimeFormat('fr-FR', { day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit' });

let shown = null; // { listener, opener, qr (blob URL) } while the panel is open

/**
 * What a listener's phone cell says: registered or not (since when), and the failed authentications of their
 * account (wrong password, or a phone still trying a removed account), without anything the phone sent.
 */
export function registrationCell(cell, l) {
  const r = l.registration || { status: 'UNKNOWN', failedAttempts: 0 };
  const status = l.enabled ? r.status : 'DISABLED';
  if (cell.dataset.shown === JSON.stringify([status, r])) return; // unchanged: leave it for screen readers
  cell.dataset.shown = JSON.stringify([status, r]);
  cell.dataset.registration = status;
  const badge = l.enabled
    ? bilingual('span', REGISTRATION[r.status][0], REGISTRATION[r.status][1], 'badge')
    : bilingual('span', 'Désactivé·e : aucun compte', 'disabled', 'badge');
  badge.dataset.registration = status;
  const parts = [badge];
  if (l.enabled && r.since && r.status !== 'UNKNOWN') parts.push(node('span', 'since', 'depuis le ' + when.format(new Date(r.since))));
  if (r.failedAttempts > 0) {
    parts.push(node('span', 'failures', r.failedAttempts + (r.failedAttempts > 1 ? ' connexions refusées' : ' connexion refusée')
      + (r.lastFailedAt ? ', la dernière le ' + when.format(new Date(r.lastFailedAt)) : '')
      + ' (mauvais mot de passe ou compte retiré)'));
  }
  cell.replaceChildren(...parts);
}

/**
 * Shows the softphone settings of a listener ({id, displayName, sipUsername}); {@code settings.password} only when
 * it was just set. {@code opener}: where the keyboard goes back when the panel closes.
 */
export async function showSoftphone(listener, settings, opener) {
  hideSoftphone(false);
  shown = { listener: listener, opener: opener || document.activeElement, qr: null };
  el('softphone-who').textContent = 'Pour ' + listener.displayName + ', compte ' + settings.username + '.';
  const rows = [
    ['Serveur', 'server', settings.server],
    ['Port', 'port', String(settings.port)],
    ['Transport', 'transport', settings.transport.toUpperCase()],
    ['Nom d\'utilisateur et d\'authentification', 'username', settings.username],
    ['Mot de passe', 'password', settings.password || null],
    ['Adresse SIP', 'SIP address', settings.sipUri]
  ];
  el('softphone-settings').replaceChildren(...rows.map(([fr, en, value]) => {
    const div = node('div');
    div.dataset.setting = en;
    const dd = node('dd');
    if (value == null) {
      dd.className = 'absent';
      dd.textContent = 'non affiché : il n\'est montré qu\'à la création du compte ou à sa réinitialisation';
    } else {
      dd.appendChild(node('code', en === 'password' ? 'secret' : null, value));
    }
    div.append(bilingual('dt', fr, en), dd);
    return div;
  }));
  el('softphone-once').hidden = !settings.password;
  say(el('softphone-error'), '', '');
  el('softphone-qr').alt = 'QR code de l\'adresse SIP ' + settings.sipUri;
  el('softphone').hidden = false;
  el('softphone-title').focus();
  await qrCode(listener.id);
}

async function qrCode(id) {
  const mine = shown;
  try {
    const response = await api('/listeners/' + encodeURIComponent(id) + '/softphone/qr', { headers: { Accept: 'image/svg+xml' } });
    if (!response.ok) throw new Refusal(await problem(response));
    const url = URL.createObjectURL(await response.blob());
    if (shown !== mine) {
      URL.revokeObjectURL(url); // closed or replaced meanwhile
      return;
    }
    shown.qr = url;
    el('softphone-qr').src = url;
  } catch (e) {
    if (shown === mine) say(el('softphone-error'), 'error', 'QR code indisponible — ' + failure(e));
  }
}

/** Closes the panel: the password leaves the page, the keyboard goes back where it came from. */
export function hideSoftphone(refocus) {
  const was = shown;
  shown = null;
  if (was && was.qr) URL.revokeObjectURL(was.qr);
  el('softphone-settings').replaceChildren();
  el('softphone-who').textContent = '';
  el('softphone-qr').removeAttribute('src');
  el('softphone-once').hidden = true;
  el('softphone').hidden = true;
  if (refocus && was && was.opener && was.opener.isConnected) was.opener.focus();
}

/** The listener whose settings are shown, if any. */
export function softphoneListener() {
  return shown ? shown.listener : null;
}

/** Opens the settings of a listener with a generated account, as they are now (without password). */
export async function openSoftphone(l, opener, message) {
  try {
    await showSoftphone(l, await read('/listeners/' + encodeURIComponent(l.id) + '/softphone'), opener);
  } catch (e) {
    say(message, 'error', 'Réglages du softphone de ' + l.displayName + ' : ' + failure(e));
  }
}

/** A new password for the listener shown (operators), after confirmation; shown once. */
async function reset() {
  const l = softphoneListener();
  if (!l) return;
  if (!await confirmDialog('Le mot de passe SIP actuel de ' + l.displayName + ' cessera de fonctionner tout de suite : '
    + 'son softphone devra être réglé avec le nouveau, affiché une seule fois.', 'Créer un nouveau mot de passe')) return;
  const button = el('softphone-reset');
  button.disabled = true;
  try {
    const settings = await read('/listeners/' + encodeURIComponent(l.id) + '/sip-password', { method: 'POST' });
    const opener = shown ? shown.opener : null;
    say(el('action-message'), 'ok', 'Nouveau mot de passe SIP pour ' + l.displayName + ' ; l\'ancien ne fonctionne plus.');
    await showSoftphone(l, settings, opener);
  } catch (e) {
    if (!(e instanceof Refusal && e.problem.status === 401)) say(el('softphone-error'), 'error', failure(e));
  } finally {
    button.disabled = false;
  }
}

document.addEventListener('DOMContentLoaded', () => {
  el('softphone-close').addEventListener('click', () => hideSoftphone(true));
  el('softphone-reset').addEventListener('click', reset);
  el('softphone').addEventListener('keydown', (event) => {
    if (event.key === 'Escape') hideSoftphone(true);
  });
});
