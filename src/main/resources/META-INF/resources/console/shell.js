// What every page of the console shares: signing in and out, the pages' navigation, requests to /api with the
// account's Basic credentials, and the API's problem documents turned into words.
// Credentials live in this tab's sessionStorage only and are forgotten when it closes.

import { el, node, english, bilingual, field, submit } from './dom.js';

const API = '/api';
const CREDENTIALS_KEY = 'helpline-console-auth';

/**
 * The console's pages in their navigation order. {@code operator}: shown to operators only. A page of a line
 * (settings, hours, messages) sits under "Lignes".
 */
const PAGES = [
  ['index.html', 'Direct', 'live', false],
  ['lines.html', 'Lignes', 'lines', false],
  ['listeners.html', 'Écoutant·es', 'listeners', false],
  ['reports.html', 'Rapports', 'reports', false],
  ['accounts.html', 'Comptes', 'accounts', false],
  ['audit.html', 'Journal des modifications', 'audit trail', true]
];

/** The tabs of one line's pages. */
const LINE_TABS = [
  ['line.html?code=', 'Réglages', 'settings'],
  ['hours.html?line=', 'Horaires et fermetures', 'hours and closures'],
  ['messages.html?line=', 'Messages', 'messages']
];

export const session = {
  auth: null,          // "Basic …", or null when signed out
  username: null,
  roles: [],
  get operator() { return this.roles.includes('operator'); }
};

let page = { ready: () => {}, signedOut: () => {} };

// ---- requests -----------------------------------------------------------------------------------------

export function basic(username, password) {
  const bytes = new TextEncoder().encode(username + ':' + password);
  let binary = '';
  bytes.forEach((b) => { binary += String.fromCharCode(b); });
  return 'Basic ' + btoa(binary);
}

/**
 * A request to the API with the account's credentials. {@code json}: a body sent as JSON. A 401 means the
 * credentials no longer hold (password changed, account disabled): the page goes back to the sign-in form.
 * credentials: 'omit' keeps the browser's own Basic prompt out of the way.
 */
export async function api(path, options) {
  const o = options || {};
  const headers = Object.assign({ Authorization: session.auth, Accept: 'application/json' }, o.headers || {});
  let body = o.body;
  if (o.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(o.json);
  }
  const response = await fetch(API + path, { method: o.method || 'GET', headers: headers, body: body,
    signal: o.signal, credentials: 'omit', cache: 'no-store' });
  if (response.status === 401 && session.auth) {
    expired();
  }
  return response;
}

/** Reads a JSON answer, or throws the API's problem in words. */
export async function read(path, options) {
  const response = await api(path, options);
  if (!response.ok) throw new Refusal(await problem(response));
  return response.status === 204 ? null : response.json();
}

/** An action the API refused: its words, and its fields at fault. */
export class Refusal extends Error {
  constructor(p) {
    super(p.text);
    this.problem = p;
  }
}

const LEADS = {
  400: 'Demande refusée',
  401: 'Identifiant ou mot de passe refusé',
  403: 'Votre rôle ne permet pas cette action',
  404: 'Introuvable',
  409: 'Conflit',
  503: 'Service momentanément indisponible'
};

/**
 * The API's problem document in words: a French lead by status, then the API's own detail (or, when several
 * fields are at fault, each of them). {@code leads} overrides the lead of some statuses.
 */
export async function problem(response, leads) {
  let detail = '';
  let errors = [];
  try {
    const body = await response.json();
    detail = body.detail || body.title || '';
    if (Array.isArray(body.errors)) {
      errors = body.errors;
      if (errors.length > 1) {
        detail = errors.map((e) => (e.field ? e.field + ' : ' : '') + e.message).join(' ; ');
      }
    }
  } catch (ignored) {
    // 401 comes without a body
  }
  const lead = Object.assign({}, LEADS, leads || {})[response.status] || ('Erreur ' + response.status);
  return { status: response.status, text: detail ? lead + ' : ' + detail : lead + '.', errors: errors };
}

export async function problemText(response, leads) {
  return (await problem(response, leads)).text;
}

/** The words for a request that never reached the service. */
export const UNREACHABLE = 'Le service est injoignable : rien n\'a été fait. Vérifiez la connexion et réessayez.';

/** The message to show for an exception from {@link read} or fetch. */
export function failure(e) {
  return e instanceof Refusal ? e.message : UNREACHABLE;
}

/** The page's query parameter. */
export function param(name) {
  return new URLSearchParams(location.search).get(name);
}

// ---- the frame: navigation, sign-in ------------------------------------------------------------------

function currentPage() {
  const file = location.pathname.split('/').pop() || 'index.html';
  return LINE_TABS.some(([href]) => href.startsWith(file + '?')) ? 'lines.html' : file;
}

function buildFrame() {
  const header = document.querySelector('header.top');
  const who = node('p', 'who');
  who.id = 'who';
  const out = node('button', 'quiet', 'Se déconnecter');
  out.type = 'button';
  out.id = 'sign-out';
  out.hidden = true;
  out.appendChild(english('sign out'));
  out.addEventListener('click', signOut);
  header.append(who, out);

  const nav = node('nav', 'pages');
  nav.setAttribute('aria-label', 'Pages de la console');
  const list = node('ul');
  const here = currentPage();
  PAGES.forEach(([href, fr, en, operator]) => {
    const li = node('li');
    if (operator) li.dataset.operatorOnly = '';
    const a = bilingual('a', fr, en);
    a.href = href;
    if (href === here) a.setAttribute('aria-current', 'page');
    li.appendChild(a);
    list.appendChild(li);
  });
  nav.appendChild(list);
  header.insertAdjacentElement('afterend', nav);

  const main = document.querySelector('main');
  main.insertBefore(loginPanel(), main.firstChild);
}

function loginPanel() {
  const section = node('section', 'panel login');
  section.id = 'login';
  section.setAttribute('aria-labelledby', 'login-title');
  section.hidden = true;
  const h = bilingual('h2', 'Connexion', 'Sign in');
  h.id = 'login-title';
  const form = node('form');
  form.id = 'login-form';
  form.noValidate = true;
  const user = field('Identifiant', 'username', { id: 'username', name: 'username', autocomplete: 'username', required: true });
  const pass = field('Mot de passe', 'password', { id: 'password', name: 'password', type: 'password',
    autocomplete: 'current-password', required: true });
  const go = submit('Se connecter');
  go.id = 'sign-in';
  const error = node('p', 'error');
  error.id = 'login-error';
  error.setAttribute('role', 'alert');
  const buttons = node('p');
  buttons.appendChild(go);
  form.append(user.wrapper, pass.wrapper, buttons, error);
  form.addEventListener('submit', signIn);
  section.append(h, node('p', null, 'Compte coordinateur ou opérateur. Les identifiants restent dans cet onglet et sont '
    + 'oubliés à sa fermeture.'), form);
  return section;
}

/** A line's tabs (its settings, its hours…), the current one marked. */
export function lineTabs(code, current) {
  const nav = node('nav', 'line-tabs');
  nav.setAttribute('aria-label', 'Pages de la ligne');
  const list = node('ul');
  LINE_TABS.forEach(([href, fr, en]) => {
    const a = bilingual('a', fr, en);
    a.href = href + encodeURIComponent(code);
    if (href.startsWith(current)) a.setAttribute('aria-current', 'page');
    list.appendChild(node('li')).appendChild(a);
  });
  nav.appendChild(list);
  return nav;
}

async function signIn(event) {
  event.preventDefault();
  const username = el('username').value.trim();
  const password = el('password').value;
  el('login-error').textContent = '';
  if (!username || !password) {
    el('login-error').textContent = 'Saisissez votre identifiant et votre mot de passe.';
    return;
  }
  el('sign-in').disabled = true;
  try {
    await begin(basic(username, password), true);
  } finally {
    el('sign-in').disabled = false;
  }
}

async function begin(auth, fromForm) {
  session.auth = auth;
  let response;
  try {
    response = await fetch(API + '/users/me', { headers: { Authorization: auth, Accept: 'application/json' },
      credentials: 'omit', cache: 'no-store' });
  } catch (e) {
    showLogin('Le service est injoignable. Vérifiez la connexion et réessayez.');
    return;
  }
  if (!response.ok) {
    showLogin(response.status === 401 ? 'Identifiant ou mot de passe incorrect.' : await problemText(response));
    return;
  }
  const me = await response.json();
  session.username = me.username;
  session.roles = me.roles || [];
  sessionStorage.setItem(CREDENTIALS_KEY, auth);
  if (fromForm) el('password').value = '';
  document.body.dataset.role = session.operator ? 'operator' : 'coordinator';
  el('who').textContent = me.username + ' — ' + (session.operator ? 'opérateur·rice' : 'coordinateur·rice');
  el('login').hidden = true;
  el('board').hidden = false;
  el('sign-out').hidden = false;
  page.ready(session);
}

function showLogin(text) {
  page.signedOut();
  session.auth = null;
  session.username = null;
  session.roles = [];
  delete document.body.dataset.role;
  sessionStorage.removeItem(CREDENTIALS_KEY);
  el('board').hidden = true;
  el('sign-out').hidden = true;
  el('who').textContent = '';
  el('login').hidden = false;
  el('login-error').textContent = text;
}

function signOut() {
  showLogin('');
  el('username').focus();
}

/** The credentials stopped working: back to the sign-in form, saying so. */
export function expired() {
  showLogin('Session refusée : reconnectez-vous.');
}

/** After one's own password changed: the tab keeps working with the new one. */
export function rekey(password) {
  session.auth = basic(session.username, password);
  sessionStorage.setItem(CREDENTIALS_KEY, session.auth);
}

/**
 * Starts a page: builds its frame, then signs in with the tab's saved credentials or shows the form.
 * {@code ready(session)} runs after each sign-in; {@code signedOut()} when the page must forget its data.
 */
export function start(handlers) {
  page = Object.assign({ ready: () => {}, signedOut: () => {} }, handlers);
  const go = () => {
    buildFrame();
    const saved = sessionStorage.getItem(CREDENTIALS_KEY);
    if (saved) {
      begin(saved, false);
    } else {
      el('login').hidden = false;
      el('username').focus();
    }
  };
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', go);
  } else {
    go();
  }
}

