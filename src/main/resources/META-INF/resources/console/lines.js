// The lines and each one's state now, in its own zone: GET /api/lines, then each line's status.

import { el, node, bilingual, say } from './dom.js';
import { start, read, failure } from './shell.js';
import { lineState, stateParagraph } from './linestate.js';

const REFRESH_MS = 60000;
let timer = null;

async function load() {
  const message = el('page-message');
  let lines;
  try {
    lines = await read('/lines');
  } catch (e) {
    say(message, 'error', failure(e));
    return;
  }
  const container = el('lines');
  container.replaceChildren(...lines.map(card));
  el('no-lines').hidden = lines.length > 0;
  await Promise.all(lines.map(async (line) => {
    const slot = container.querySelector('[data-line="' + CSS.escape(line.code) + '"] .state-slot');
    try {
      slot.replaceChildren(stateParagraph(await lineState(line)));
    } catch (e) {
      slot.replaceChildren(node('p', 'error', 'État inconnu — ' + failure(e)));
    }
  }));
}

function card(line) {
  const article = node('article', 'card');
  article.dataset.line = line.code;
  const titleId = 'line-' + line.code;
  article.setAttribute('aria-labelledby', titleId);
  const h = node('h2', null, line.name);
  h.id = titleId;
  h.appendChild(node('span', 'code', line.code));
  const facts = node('dl', 'facts');
  [['Numéro', 'number', line.number], ['Fuseau', 'time zone', line.timeZone],
    ['Langue', 'language', line.language === 'en' ? 'anglais' : 'français']].forEach(([fr, en, value]) => {
    const div = node('div');
    div.append(bilingual('dt', fr, en), node('dd', null, value));
    facts.appendChild(div);
  });
  const slot = node('div', 'state-slot');
  slot.appendChild(node('p', 'line-state', 'Lecture de l\'état…'));
  const links = node('p', 'links');
  const override = link('hours.html?line=' + encodeURIComponent(line.code) + '#override',
    'Fermer ou ouvrir maintenant', 'close or open now', 'button');
  override.setAttribute('aria-label', 'Fermer ou ouvrir maintenant : ' + line.name);
  const hours = link('hours.html?line=' + encodeURIComponent(line.code), 'Horaires et fermetures', 'hours and closures');
  hours.setAttribute('aria-label', 'Horaires et fermetures : ' + line.name);
  const settings = link('line.html?code=' + encodeURIComponent(line.code), 'Réglages', 'settings');
  settings.setAttribute('aria-label', 'Réglages : ' + line.name);
  const messages = link('messages.html?line=' + encodeURIComponent(line.code), 'Messages', 'messages');
  messages.setAttribute('aria-label', 'Messages : ' + line.name);
  links.append(override, hours, settings, messages);
  if (line.override) {
    article.dataset.override = line.override.state;
  }
  article.append(h, slot, facts, links);
  return article;
}

function link(href, fr, en, className) {
  const a = bilingual('a', fr, en, className);
  a.href = href;
  return a;
}

start({
  ready: () => {
    load();
    clearInterval(timer);
    timer = setInterval(load, REFRESH_MS);
  },
  signedOut: () => {
    clearInterval(timer);
    el('lines').replaceChildren();
  }
});

document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible' && timer) load();
});
