// Accounts: one's own password (everyone, PUT /api/users/me/password) and, for operators, the accounts with their
// roles, enabling and password resets (/api/users).

import { el, node, button, say, table, showFieldErrors } from './dom.js';
import { start, read, api, problem, failure, session, rekey, Refusal } from './shell.js';

const ROLE_WORDS = { coordinator: 'coordinateur·rice', operator: 'opérateur·rice' };
let resetTarget = null;

async function load() {
  el('me-who').textContent = 'Connecté·e : ' + session.username + ' — '
    + session.roles.map((r) => ROLE_WORDS[r] || r).join(', ') + '.';
  if (session.operator) await showAccounts();
}

// ---- one's own password -----------------------------------------------------------------------------

async function changePassword(event) {
  event.preventDefault();
  const form = event.target;
  const error = el('password-error');
  error.textContent = '';
  showFieldErrors(form, []);
  const current = form.elements.currentPassword.value;
  const next = form.elements.password.value;
  if (next !== form.elements.passwordAgain.value) {
    showFieldErrors(form, [{ field: 'passwordAgain', message: 'ne reprend pas le nouveau mot de passe' }]);
    error.textContent = 'Les deux saisies du nouveau mot de passe diffèrent.';
    return;
  }
  try {
    const response = await api('/users/me/password', { method: 'PUT', json: { currentPassword: current, password: next } });
    if (!response.ok) throw new Refusal(await problem(response));
    rekey(next);
    form.reset();
    say(el('page-message'), 'ok', 'Mot de passe changé. Utilisez le nouveau à la prochaine connexion.');
  } catch (e) {
    if (e instanceof Refusal) showFieldErrors(form, e.problem.errors);
    error.textContent = failure(e);
  }
}

// ---- accounts (operators) ---------------------------------------------------------------------------

async function showAccounts() {
  let accounts;
  try {
    accounts = await read('/users');
  } catch (e) {
    el('accounts-list').replaceChildren(node('p', 'error', failure(e)));
    return;
  }
  const t = table('Comptes', ['Identifiant', 'Rôles', 'État', 'Actions'], 'accounts');
  accounts.forEach((a) => {
    const tr = node('tr');
    tr.dataset.username = a.username;
    const name = node('th', null, a.username);
    name.scope = 'row';
    const roles = node('td', 'roles');
    Object.keys(ROLE_WORDS).forEach((role) => {
      const box = node('input');
      box.type = 'checkbox';
      box.value = role;
      box.id = 'role-' + a.username + '-' + role;
      box.checked = a.roles.includes(role);
      const label = node('label', 'inline', ROLE_WORDS[role]);
      label.htmlFor = box.id;
      label.appendChild(node('span', 'visually-hidden', ' — ' + a.username));
      const p = node('span', 'check');
      p.append(box, label);
      roles.appendChild(p);
    });
    const saveRoles = button('Enregistrer les rôles', () => changeRoles(a, roles), 'quiet');
    saveRoles.setAttribute('aria-label', 'Enregistrer les rôles de ' + a.username);
    roles.appendChild(saveRoles);
    const state = node('td', 'enabled', a.enabled ? 'actif' : 'désactivé');
    state.dataset.enabled = String(a.enabled);
    const actions = node('td', 'actions');
    const toggle = button(a.enabled ? 'Désactiver' : 'Réactiver', () => setEnabled(a, !a.enabled), 'quiet');
    toggle.setAttribute('aria-label', (a.enabled ? 'Désactiver ' : 'Réactiver ') + a.username);
    const reset = button('Nouveau mot de passe', () => askReset(a), 'quiet');
    reset.setAttribute('aria-label', 'Nouveau mot de passe pour ' + a.username);
    const history = node('a', null, 'Historique');
    history.href = 'audit.html?target=' + encodeURIComponent('user:' + a.username);
    history.setAttribute('aria-label', 'Historique de ' + a.username);
    actions.append(toggle, reset, history);
    tr.append(name, roles, state, actions);
    t.tBodies[0].appendChild(tr);
  });
  el('accounts-list').replaceChildren(t);
}

async function changeRoles(account, cell) {
  const roles = Array.from(cell.querySelectorAll('input:checked')).map((b) => b.value);
  await change('/users/' + encodeURIComponent(account.username) + '/roles', { roles: roles },
    'Rôles de ' + account.username + ' : ' + (roles.map((r) => ROLE_WORDS[r]).join(', ') || 'aucun') + '.');
}

async function setEnabled(account, enabled) {
  await change('/users/' + encodeURIComponent(account.username) + '/enabled', { enabled: enabled },
    account.username + (enabled ? ' peut de nouveau se connecter.' : ' ne peut plus se connecter.'));
}

async function change(path, body, done) {
  const message = el('page-message');
  try {
    await read(path, { method: 'PUT', json: body });
    say(message, 'ok', done);
  } catch (e) {
    say(message, 'error', failure(e));
  }
  await showAccounts();
}

async function createAccount(event) {
  event.preventDefault();
  const form = event.target;
  const error = el('account-error');
  error.textContent = '';
  showFieldErrors(form, []);
  const body = {
    username: form.elements.username.value.trim(),
    password: form.elements.password.value,
    roles: Array.from(form.querySelectorAll('input[name="roles"]:checked')).map((b) => b.value)
  };
  try {
    const response = await api('/users', { method: 'POST', json: body });
    if (!response.ok) throw new Refusal(await problem(response));
    form.reset();
    say(el('page-message'), 'ok', 'Compte ' + body.username + ' créé.');
    await showAccounts();
  } catch (e) {
    if (e instanceof Refusal) showFieldErrors(form, e.problem.errors);
    error.textContent = failure(e);
  }
}

function askReset(account) {
  resetTarget = { account: account, opener: document.activeElement };
  el('reset-who').textContent = 'Compte : ' + account.username + '. Communiquez-le-lui de vive voix ; il pourra le changer.';
  el('reset-form').reset();
  el('reset-error').textContent = '';
  el('reset-dialog').showModal();
  el('reset-password').focus();
}

async function confirmReset(event) {
  event.preventDefault();
  const password = el('reset-password').value;
  try {
    const response = await api('/users/' + encodeURIComponent(resetTarget.account.username) + '/password',
      { method: 'PUT', json: { password: password } });
    if (!response.ok) throw new Refusal(await problem(response));
    el('reset-dialog').close();
    say(el('page-message'), 'ok', 'Mot de passe de ' + resetTarget.account.username + ' remplacé.');
  } catch (e) {
    el('reset-error').textContent = failure(e);
  }
}

document.addEventListener('DOMContentLoaded', () => {
  el('password-form').addEventListener('submit', changePassword);
  el('account-form').addEventListener('submit', createAccount);
  el('reset-form').addEventListener('submit', confirmReset);
  el('reset-cancel').addEventListener('click', () => el('reset-dialog').close());
  el('reset-dialog').addEventListener('close', () => {
    if (resetTarget && resetTarget.opener && resetTarget.opener.isConnected) resetTarget.opener.focus();
  });
});

start({
  ready: load,
  signedOut: () => el('accounts-list').replaceChildren()
});
