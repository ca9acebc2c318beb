// The audit trail, newest first, filterable by target (GET /api/audit?target=&limit=; operators).
// audit.html?target=line:ecoute-nuit opens filtered.

import { el, node, button, say, table } from './dom.js';
import { start, read, failure, param } from './shell.js';

const ACTIONS = {
  'line.create': 'ligne créée', 'line.update': 'ligne modifiée', 'line.delete': 'ligne supprimée',
  'opening-hours.replace': 'horaires remplacés',
  'closure.create': 'fermeture ajoutée', 'closure.delete': 'fermeture supprimée', 'closure.import': 'fermetures importées',
  'special-opening.create': 'ouverture exceptionnelle ajoutée', 'special-opening.delete': 'ouverture exceptionnelle supprimée',
  'override.set': 'état forcé', 'override.clear': 'forçage levé',
  'listener.create': 'écoutant·e inscrit·e', 'listener.update': 'écoutant·e modifié·e', 'listener.delete': 'écoutant·e désinscrit·e',
  'user.bootstrap': 'premier compte créé', 'user.create': 'compte créé', 'user.roles': 'rôles changés',
  'user.password-reset': 'mot de passe remplacé', 'user.password-change': 'mot de passe changé par son titulaire',
  'user.enable': 'compte réactivé', 'user.disable': 'compte désactivé'
};

const when = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'medium', timeStyle: 'medium' });

async function show() {
  const target = el('audit-target').value.trim();
  const limit = el('audit-limit').value;
  const query = '?limit=' + encodeURIComponent(limit) + (target ? '&target=' + encodeURIComponent(target) : '');
  history.replaceState(null, '', target ? '?target=' + encodeURIComponent(target) : location.pathname);
  let entries;
  try {
    entries = await read('/audit' + query);
  } catch (e) {
    say(el('page-message'), 'error', failure(e));
    el('audit-list').replaceChildren();
    return;
  }
  say(el('page-message'), '', '');
  if (entries.length === 0) {
    el('audit-list').replaceChildren(node('p', 'empty', target ? 'Rien pour la cible ' + target + '.' : 'Rien encore.'));
    return;
  }
  const t = table('Journal des modifications' + (target ? ' — ' + target : ''), ['Quand', 'Qui', 'Quoi', 'Cible', 'Valeurs'],
    'audit');
  entries.forEach((e) => {
    const tr = node('tr');
    tr.dataset.id = String(e.id);
    const at = node('td', 'at');
    const time = node('time', null, when.format(new Date(e.at)));
    time.dateTime = e.at;
    at.appendChild(time);
    const action = node('td', 'action', ACTIONS[e.action] || e.action);
    action.appendChild(node('span', 'code', e.action));
    const targetCell = node('td', 'target');
    const filter = button(e.target, () => {
      el('audit-target').value = e.target;
      show();
    }, 'link');
    filter.setAttribute('aria-label', 'Filtrer sur ' + e.target);
    targetCell.appendChild(filter);
    const details = node('td', 'details');
    if (e.details) details.appendChild(node('code', null, e.details));
    tr.append(at, node('td', 'actor', e.actor), action, targetCell, details);
    t.tBodies[0].appendChild(tr);
  });
  el('audit-list').replaceChildren(t);
}

async function suggestions() {
  try {
    const [lines, users, listeners] = await Promise.all([read('/lines'), read('/users'), read('/listeners')]);
    const values = lines.map((l) => 'line:' + l.code).concat(users.map((u) => 'user:' + u.username),
      listeners.map((l) => 'listener:' + l.id));
    el('audit-targets').replaceChildren(...values.map((v) => {
      const o = node('option');
      o.value = v;
      return o;
    }));
  } catch (ignored) {
    // suggestions only; the filter works without them
  }
}

document.addEventListener('DOMContentLoaded', () => {
  el('browser-zone').textContent = Intl.DateTimeFormat().resolvedOptions().timeZone;
  el('audit-target').value = param('target') || '';
  el('audit-filter').addEventListener('submit', (e) => {
    e.preventDefault();
    show();
  });
  el('audit-all').addEventListener('click', () => {
    el('audit-target').value = '';
    show();
  });
});

start({
  ready: () => {
    show();
    suggestions();
  },
  signedOut: () => el('audit-list').replaceChildren()
});
