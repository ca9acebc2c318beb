// Coordinators' live console. Plain browser JavaScript, no build step.
// Reads GET /api/supervision/stream (Server-Sent Events) with fetch(), because EventSource cannot send the
// Authorization header; falls back to polling GET /api/supervision while the stream is down.
// Data is only ever put in the page as text (textContent), never as HTML.
// Coordinators' live console. Plain browser JavaScript (an ES module), no build step.
// Reads GET /api/supervision/stream (Server-Sent Events) with fetch(), because EventSource cannot send the
// Authorization header; falls back to polling GET /api/supervision while the stream is down.
// Data is only ever put in the page as text (textContent), never as HTML.

import { el, node, english } from './dom.js';
import { api, start, problemText } from './shell.js';
import { STATES, actionsFor, actionButton } from './shifts.js';
import * as TodayHours from './todayhours.js';
import * as TodayFigures from './todayfigures.js';

const POLL_EVERY_MS = 5000;
const RETRY_MIN_MS = 1000;
const RETRY_MAX_MS = 30000;
const SILENCE_LIMIT_MS = 15000; // the server sends at least one event every 5 s
const LOST = 'Connexion perdue — relevé toutes les ' + POLL_EVERY_MS / 1000
  + ' s ; nouvelle tentative du direct en cours.';

const live = {
  generation: 0,     // bumped on every sign-in/out so stale loops stop
  skewMs: 0,         // server clock − browser clock, from the last snapshot
  live: false,       // the stream is delivering
  retryMs: RETRY_MIN_MS,
  abort: null,
  pollTimer: null,
  retryTimer: null
};

// ---- start and stop -----------------------------------------------------------------------------

async function begin() {
  const generation = ++live.generation;
  let response;
  try {
    response = await api('/supervision');
  } catch (e) {
    el('action-message').textContent = 'Le service est injoignable. Vérifiez la connexion et rechargez la page.';
    el('action-message').dataset.kind = 'error';
    return;
  }
  if (generation !== live.generation) return;
  if (!response.ok) {
    if (response.status !== 401) {
      el('action-message').textContent = await problemText(response);
      el('action-message').dataset.kind = 'error';
    }
    return;
  }
  render(await response.json(), 'first');
  stream(generation);
}

function stop() {
  live.generation++;
  live.live = false;
  if (live.abort) live.abort.abort();
  clearTimeout(live.retryTimer);
  clearInterval(live.pollTimer);
  live.pollTimer = null;
  TodayHours.reset();
  el('lines').replaceChildren();
  setConnection('Non connecté·e', '');
  el('updated').textContent = '';
}

// ---- the live stream, with back-off and polling fallback ----------------------------------------

async function stream(generation) {
  const abort = new AbortController();
  live.abort = abort;
  let silence = null;
  const watch = () => {
    clearTimeout(silence);
    silence = setTimeout(() => abort.abort(), SILENCE_LIMIT_MS);
  };
  try {
    watch();
    const response = await api('/supervision/stream', { signal: abort.signal, headers: { Accept: 'text/event-stream' } });
    if (response.status === 401) return; // the shell is back on the sign-in form
    if (!response.ok || !response.body) {
      throw new Error('HTTP ' + response.status);
    }
    await readEvents(response.body, (data) => {
      if (generation !== live.generation) return;
      watch();
      render(JSON.parse(data), 'stream');
      if (!live.live) {
        live.live = true;
        live.retryMs = RETRY_MIN_MS;
        clearInterval(live.pollTimer);
        live.pollTimer = null;
      }
    }, () => generation !== live.generation);
    throw new Error('stream ended');
  } catch (e) {
    if (generation !== live.generation) return;
    lost(generation);
  } finally {
    clearTimeout(silence);
  }
}

// text/event-stream: "data:" lines accumulate, a blank line ends the event; other fields are ignored.
async function readEvents(body, onData, stopped) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let data = [];
  try {
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done || stopped()) return;
      buffer += chunk.value;
      let end;
      while ((end = buffer.search(/\r\n|\r|\n/)) >= 0) {
        if (buffer[end] === '\r' && end + 1 === buffer.length) break; // a \r\n split across chunks
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + (buffer.startsWith('\r\n', end) ? 2 : 1));
        if (line === '') {
          if (data.length) onData(data.join('\n'));
          data = [];
        } else if (line.startsWith('data:')) {
          data.push(line.slice(line.startsWith('data: ') ? 6 : 5));
        }
      }
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}

function lost(generation) {
  live.live = false;
  const wait = live.retryMs;
  live.retryMs = Math.min(RETRY_MAX_MS, live.retryMs * 2);
  setConnection(LOST, 'lost');
  if (!live.pollTimer) {
    live.pollTimer = setInterval(() => poll(generation), POLL_EVERY_MS);
  }
  live.retryTimer = setTimeout(() => {
    if (generation === live.generation) stream(generation);
  }, wait + Math.random() * 250);
}

async function poll(generation) {
  try {
    const response = await api('/supervision');
    if (generation !== live.generation) return;
    if (response.ok) {
      render(await response.json(), 'poll');
    }
  } catch (ignored) {
    // still lost; the status line already says so
  }
}

function setConnection(text, kind) {
  const c = el('connection');
  if (c.textContent !== text) c.textContent = text;
  c.dataset.kind = kind;
}

// ---- rendering ----------------------------------------------------------------------------------

// source: 'stream' (live), 'poll' (fallback while the stream is down) or 'first' (the sign-in read).
function render(snapshot, source) {
  live.skewMs = Date.parse(snapshot.at) - Date.now();
  const at = clock(snapshot.at);
  // The status line is a live region: it changes only when the connection does, the time sits beside it.
  if (source === 'stream') {
    setConnection('En direct', 'live');
    el('updated').textContent = 'mis à jour à ' + at;
  } else if (source === 'poll') {
    setConnection(LOST, 'lost');
    el('updated').textContent = 'dernier relevé à ' + at;
  } else {
    setConnection('Connexion au direct…', 'connecting');
    el('updated').textContent = 'relevé de ' + at;
  }
  const known = snapshot.liveStateKnown;
  const liveState = el('live-state');
  liveState.textContent = known
    ? 'État en direct connu : Asterisk est connecté.'
    : 'État en direct inconnu : Asterisk est injoignable. Les appels sont mis en file comme prévu ; les chiffres en direct reviendront avec la connexion.';
  liveState.dataset.known = String(known);

  const container = el('lines');
  const seen = new Set();
  snapshot.lines.forEach((line) => {
    seen.add(line.line);
    let section = container.querySelector('section[data-line="' + CSS.escape(line.line) + '"]');
    if (!section) {
      section = LineView.create(line);
      container.appendChild(section);
    }
    LineView.update(section, line, known);
  });
  container.querySelectorAll('section[data-line]').forEach((s) => {
    if (!seen.has(s.dataset.line)) s.remove();
  });
  el('no-lines').hidden = snapshot.lines.length > 0;
  tick();
}

const LineView = {
  FIGURES: [
    ['callersWaiting', 'En attente', 'callers waiting'],
    ['longestWait', 'Attente la plus longue', 'longest wait'],
    ['averageWait', 'Attente moyenne', 'average wait'],
    ['answered', 'Répondus aujourd\'hui', 'answered today'],
    ['abandoned', 'Abandonnés aujourd\'hui', 'abandoned today'],
    ['timedOut', 'Sans réponse (délai dépassé)', 'timed out'],
    ['serviceLevel', 'Niveau de service', 'service level'],
    ['liveState', 'État en direct', 'live state']
  ],

  create(line) {
    const section = node('section', 'line');
    section.dataset.line = line.line;
    const titleId = 'line-' + line.line.replace(/[^A-Za-z0-9_-]/g, '_');
    section.setAttribute('aria-labelledby', titleId);
    const h = node('h2');
    h.id = titleId;
    section.appendChild(h);
    section.appendChild(node('p', 'service-day'));

    const figures = node('dl', 'figures');
    this.FIGURES.forEach(([key, fr, en]) => {
      const item = node('div', 'figure');
      item.dataset.figure = key;
      const dt = node('dt', null, fr);
      dt.appendChild(english(en));
      item.append(dt, node('dd'));
      figures.appendChild(item);
    });
    section.appendChild(figures);
    section.appendChild(TodayFigures.create(line));

    const waiting = node('div', 'waiting');
    waiting.append(node('h3', null, 'File d\'attente'), node('ol', 'callers'));
    section.appendChild(waiting);

    const warnings = node('div', 'warnings');
    warnings.append(node('h3', null, 'Alertes bien-être'), node('ul'));
    section.appendChild(warnings);

    section.appendChild(node('h3', null, 'Écoutant·es'));
    const table = node('table', 'listeners');
    const caption = node('caption', 'visually-hidden', 'Écoutant·es de la ligne ' + line.name);
    const head = node('thead');
    const tr = node('tr');
    ['Écoutant·e', 'État', 'Depuis', 'Appels depuis la dernière pause', 'Bien-être', 'Actions'].forEach((t) => {
      const th = node('th', null, t);
      th.scope = 'col';
      tr.appendChild(th);
    });
    head.appendChild(tr);
    table.append(caption, head, node('tbody'));
    section.appendChild(table);
    section.appendChild(node('p', 'no-listeners', 'Aucun·e écoutant·e n\'est inscrit·e sur cette ligne.'));
    section.appendChild(TodayHours.create(line));
    return section;
  },

  update(section, line, known) {
    section.querySelector('h2').textContent = line.name + ' (' + line.line + ')';
    section.querySelector('.service-day').textContent = line.serviceDayStartedAt
      ? 'Journée de service commencée le ' + dayAndTime(line.serviceDayStartedAt, line.timeZone) + '.'
      : '';
    const figure = (key) => section.querySelector('[data-figure="' + key + '"] dd');
    figure('callersWaiting').textContent = known ? String(line.callersWaiting) : 'inconnu';
    const oldest = line.callers.reduce((min, c) => (!min || c.joinedAt < min ? c.joinedAt : min), null);
    setSince(figure('longestWait'), known && oldest ? oldest : null, known ? 'personne n\'attend' : 'inconnu');
    figure('averageWait').textContent = line.averageWaitSeconds == null ? '— aucun appel'
      : duration(Math.round(line.averageWaitSeconds));
    figure('answered').textContent = String(line.answered);
    figure('abandoned').textContent = String(line.abandoned);
    figure('timedOut').textContent = String(line.timedOut);
    figure('serviceLevel').textContent = line.serviceLevel == null ? '— aucun appel'
      : Math.round(line.serviceLevel * 100) + ' % répondus en moins de ' + line.serviceLevelSeconds + ' s';
    figure('liveState').textContent = known ? 'connu (Asterisk connecté)' : 'inconnu (Asterisk injoignable)';
    figure('liveState').parentElement.dataset.known = String(known);
    TodayFigures.update(section, line);
    TodayHours.update(line);

    const callers = section.querySelector('ol.callers');
    callers.replaceChildren(...line.callers.map((c) => {
      const li = node('li', null, 'Position ' + c.position + ' — attend depuis ');
      const span = node('span');
      setSince(span, c.joinedAt, '');
      li.appendChild(span);
      return li;
    }));
    section.querySelector('.waiting').hidden = line.callers.length === 0;

    const warnings = section.querySelector('.warnings ul');
    warnings.replaceChildren(...line.warnings.map((w) => node('li', null, w)));
    section.querySelector('.warnings').hidden = line.warnings.length === 0;

    const body = section.querySelector('tbody');
    const seen = new Set();
    line.listeners.forEach((l) => {
      const key = l.listenerId != null ? 'id-' + l.listenerId : 'ep-' + l.endpoint;
      seen.add(key);
      let row = body.querySelector('tr[data-key="' + CSS.escape(key) + '"]');
      if (!row) {
        row = ListenerRow.create(key);
        body.appendChild(row);
      }
      ListenerRow.update(row, l, line.timeZone);
    });
    body.querySelectorAll('tr[data-key]').forEach((r) => {
      if (!seen.has(r.dataset.key)) r.remove();
    });
    section.querySelector('table').hidden = line.listeners.length === 0;
    section.querySelector('.no-listeners').hidden = line.listeners.length > 0;
  }
};

const ListenerRow = {
  create(key) {
    const row = node('tr');
    row.dataset.key = key;
    const name = node('th');
    name.scope = 'row';
    name.append(node('span', 'name'), node('span', 'endpoint'));
    const state = node('td', 'state');
    state.appendChild(node('span', 'badge'));
    row.append(name, state, node('td', 'since'), node('td', 'calls'), node('td', 'wellbeing'), node('td', 'actions'));
    return row;
  },

  update(row, l, zone) {
    row.dataset.state = l.state;
    row.dataset.endpoint = l.endpoint;
    if (l.listenerId != null) row.dataset.listenerId = String(l.listenerId);
    row.querySelector('.name').textContent = l.name || l.endpoint;
    row.querySelector('.endpoint').textContent = l.endpoint;
    const [fr, en] = STATES[l.state] || [l.state, ''];
    const badge = row.querySelector('.badge');
    badge.textContent = fr;
    if (en) badge.appendChild(english(en));
    badge.dataset.state = l.state;

    const since = row.querySelector('.since');
    since.replaceChildren();
    if (l.state === 'PAUSED' && l.pausedReason) {
      since.appendChild(node('span', 'reason', 'Motif : ' + l.pausedReason));
      since.appendChild(document.createElement('br'));
    }
    if (l.since) {
      since.appendChild(document.createTextNode(clock(l.since, zone) + ' ('));
      const span = node('span');
      setSince(span, l.since, '');
      since.append(span, document.createTextNode(')'));
    } else if (!since.firstChild) {
      since.textContent = '—';
    }
    row.querySelector('.calls').textContent = String(l.callsSinceBreak);
    row.querySelector('.wellbeing').textContent = l.breakDue ? '⚠ Pause conseillée' : 'RAS';
    row.querySelector('.wellbeing').dataset.due = String(l.breakDue);

    const actions = row.querySelector('.actions');
    const wanted = l.listenerId == null ? [] : actionsFor(l.state);
    const target = { id: l.listenerId, name: l.name || l.endpoint };
    const current = Array.from(actions.querySelectorAll('button')).map((b) => b.dataset.action);
    if (current.join() !== wanted.join()) {
      actions.replaceChildren(...wanted.map((a) => actionButton(a, target, el('action-message'), afterAction)));
    } else {
      actions.querySelectorAll('button').forEach((b) => { b.listener = target; });
    }
    if (l.listenerId == null) actions.textContent = 'non inscrit·e';
  }
};

// An accepted action shows with the next stream event; while the stream is down, read at once.
function afterAction() {
  if (!live.live) poll(live.generation);
}

// ---- times --------------------------------------------------------------------------------------

function setSince(target, instant, empty) {
  if (instant) {
    target.dataset.since = instant;
    target.textContent = duration(elapsedSeconds(instant));
  } else {
    delete target.dataset.since;
    target.textContent = empty;
  }
}

function elapsedSeconds(instant) {
  return Math.max(0, Math.floor((Date.now() + live.skewMs - Date.parse(instant)) / 1000));
}

// Waits keep growing between snapshots.
function tick() {
  document.querySelectorAll('[data-since]').forEach((e) => {
    e.textContent = duration(elapsedSeconds(e.dataset.since));
  });
}

function duration(seconds) {
  if (seconds < 60) return seconds + ' s';
  const m = Math.floor(seconds / 60);
  if (m < 60) return m + ' min ' + String(seconds % 60).padStart(2, '0') + ' s';
  return Math.floor(m / 60) + ' h ' + String(m % 60).padStart(2, '0') + ' min';
}

// A line's times are shown in the line's own zone (from the snapshot), whatever the browser's zone.
function clock(instant, zone) {
  return new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit', second: '2-digit',
    timeZone: zone || undefined }).format(new Date(instant));
}

function dayAndTime(instant, zone) {
  return new Intl.DateTimeFormat('fr-FR', { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit',
    minute: '2-digit', timeZone: zone || undefined }).format(new Date(instant));
}

start({
  ready: () => begin(),
  signedOut: () => stop()
});
setInterval(tick, 1000);
