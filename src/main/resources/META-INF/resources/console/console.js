// Coordinators' live console. Plain browser JavaScript, no build step.
// Reads GET /api/supervision/stream (Server-Sent Events) with fetch(), because EventSource cannot send the
// Authorization header; falls back to polling GET /api/supervision while the stream is down.
// Data is only ever put in the page as text (textContent), never as HTML.
'use strict';

(function () {
  const API = '/api';
  const CREDENTIALS_KEY = 'helpline-console-auth';
  const POLL_EVERY_MS = 5000;
  const RETRY_MIN_MS = 1000;
  const RETRY_MAX_MS = 30000;
  const SILENCE_LIMIT_MS = 15000; // the server sends at least one event every 5 s
  const LOST = 'Connexion perdue — relevé toutes les ' + POLL_EVERY_MS / 1000
    + ' s ; nouvelle tentative du direct en cours.';

  const STATES = {
    AVAILABLE: ['Disponible', 'available'],
    RINGING: ['Sonne', 'ringing'],
    IN_CALL: ['En appel', 'in call'],
    WRAP_UP: ['Après-appel', 'wrap-up'],
    PAUSED: ['En pause', 'paused'],
    UNREACHABLE: ['Injoignable', 'unreachable'],
    LOGGED_OUT: ['Hors service', 'logged out']
  };

  const el = (id) => document.getElementById(id);
  const session = {
    auth: null,        // "Basic …" header value, or null when signed out
    generation: 0,     // bumped on every sign-in/out so stale loops stop
    skewMs: 0,         // server clock − browser clock, from the last snapshot
    live: false,       // the stream is delivering
    retryMs: RETRY_MIN_MS,
    abort: null,
    pollTimer: null,
    retryTimer: null,
    pauseTarget: null
  };

  // ---- credentials and requests -------------------------------------------------------------------

  function basic(username, password) {
    const bytes = new TextEncoder().encode(username + ':' + password);
    let binary = '';
    bytes.forEach((b) => { binary += String.fromCharCode(b); });
    return 'Basic ' + btoa(binary);
  }

  // credentials: 'omit' keeps the browser's own Basic prompt out of the way on a 401.
  function request(path, options) {
    const headers = Object.assign({ Authorization: session.auth, Accept: 'application/json' },
      (options && options.headers) || {});
    return fetch(API + path, Object.assign({ credentials: 'omit', cache: 'no-store' }, options, { headers: headers }));
  }

  async function problemText(response) {
    let detail = '';
    try {
      const body = await response.json();
      detail = body.detail || body.title || '';
      if (Array.isArray(body.errors) && body.errors.length > 1) {
        detail = body.errors.map((e) => (e.field ? e.field + ' : ' : '') + e.message).join(' ; ');
      }
    } catch (ignored) {
      // 401/403 come without a body
    }
    const lead = {
      400: 'Demande refusée',
      401: 'Identifiant ou mot de passe refusé',
      403: 'Votre compte n\'a pas le droit de faire cela (rôle coordinateur ou opérateur requis)',
      404: 'Écoutant·e introuvable',
      409: 'Asterisk a refusé',
      503: 'Service momentanément indisponible'
    }[response.status] || ('Erreur ' + response.status);
    return detail ? lead + ' : ' + detail : lead + '.';
  }

  // ---- sign in / out ------------------------------------------------------------------------------

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
      await start(basic(username, password), true);
    } finally {
      el('sign-in').disabled = false;
    }
  }

  async function start(auth, fromForm) {
    session.auth = auth;
    let response;
    try {
      response = await request('/supervision');
    } catch (e) {
      showLoginError('Le service est injoignable. Vérifiez la connexion et réessayez.');
      return;
    }
    if (!response.ok) {
      showLoginError(response.status === 401
        ? 'Identifiant ou mot de passe incorrect.'
        : await problemText(response));
      return;
    }
    const snapshot = await response.json();
    sessionStorage.setItem(CREDENTIALS_KEY, auth);
    if (fromForm) {
      el('password').value = '';
    }
    const generation = ++session.generation;
    el('login').hidden = true;
    el('board').hidden = false;
    el('sign-out').hidden = false;
    render(snapshot, 'first');
    stream(generation);
  }

  function showLoginError(text) {
    stop();
    session.auth = null;
    sessionStorage.removeItem(CREDENTIALS_KEY);
    el('lines').replaceChildren();
    el('board').hidden = true;
    el('sign-out').hidden = true;
    el('login').hidden = false;
    el('login-error').textContent = text;
    setConnection('Non connecté·e', '');
    el('updated').textContent = '';
  }

  function signOut() {
    showLoginError('');
    el('username').focus();
  }

  function stop() {
    session.generation++;
    session.live = false;
    if (session.abort) session.abort.abort();
    clearTimeout(session.retryTimer);
    clearInterval(session.pollTimer);
    session.pollTimer = null;
  }

  // ---- the live stream, with back-off and polling fallback ----------------------------------------

  async function stream(generation) {
    const abort = new AbortController();
    session.abort = abort;
    let silence = null;
    const watch = () => {
      clearTimeout(silence);
      silence = setTimeout(() => abort.abort(), SILENCE_LIMIT_MS);
    };
    try {
      watch();
      const response = await request('/supervision/stream', { signal: abort.signal, headers: { Accept: 'text/event-stream' } });
      if (response.status === 401) {
        showLoginError('Session refusée : reconnectez-vous.');
        return;
      }
      if (!response.ok || !response.body) {
        throw new Error('HTTP ' + response.status);
      }
      await readEvents(response.body, (data) => {
        if (generation !== session.generation) return;
        watch();
        render(JSON.parse(data), 'stream');
        if (!session.live) {
          session.live = true;
          session.retryMs = RETRY_MIN_MS;
          clearInterval(session.pollTimer);
          session.pollTimer = null;
        }
      }, () => generation !== session.generation);
      throw new Error('stream ended');
    } catch (e) {
      if (generation !== session.generation) return;
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
    session.live = false;
    const wait = session.retryMs;
    session.retryMs = Math.min(RETRY_MAX_MS, session.retryMs * 2);
    setConnection(LOST, 'lost');
    if (!session.pollTimer) {
      session.pollTimer = setInterval(() => poll(generation), POLL_EVERY_MS);
    }
    session.retryTimer = setTimeout(() => {
      if (generation === session.generation) stream(generation);
    }, wait + Math.random() * 250);
  }

  async function poll(generation) {
    try {
      const response = await request('/supervision');
      if (generation !== session.generation) return;
      if (response.status === 401) {
        showLoginError('Session refusée : reconnectez-vous.');
      } else if (response.ok) {
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
    session.skewMs = Date.parse(snapshot.at) - Date.now();
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
      const wanted = l.listenerId == null ? []
        : l.state === 'LOGGED_OUT' ? ['login']
          : l.state === 'PAUSED' ? ['resume', 'logout'] : ['pause', 'logout'];
      const current = Array.from(actions.querySelectorAll('button')).map((b) => b.dataset.action);
      if (current.join() !== wanted.join()) {
        actions.replaceChildren(...wanted.map((a) => actionButton(a, l)));
      } else {
        actions.querySelectorAll('button').forEach((b) => { b.listener = l; });
      }
      if (l.listenerId == null) actions.textContent = 'non inscrit·e';
    }
  };

  const ACTIONS = {
    pause: 'Mettre en pause',
    resume: 'Reprendre',
    logout: 'Retirer de la file',
    login: 'Mettre en service'
  };

  function actionButton(action, l) {
    const b = node('button', action === 'logout' ? 'quiet' : null, ACTIONS[action]);
    b.type = 'button';
    b.dataset.action = action;
    b.listener = l;
    b.setAttribute('aria-label', ACTIONS[action] + ' : ' + (l.name || l.endpoint));
    b.addEventListener('click', () => {
      if (action === 'pause') {
        askPause(b.listener, b);
      } else {
        act(b.listener, action, null);
      }
    });
    return b;
  }

  // ---- actions ------------------------------------------------------------------------------------

  function askPause(listener, opener) {
    session.pauseTarget = { listener: listener, opener: opener };
    el('pause-who').textContent = 'Écoutant·e : ' + (listener.name || listener.endpoint);
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
    const target = session.pauseTarget;
    el('pause-dialog').close();
    await act(target.listener, 'pause', reason);
  }

  async function act(listener, action, reason) {
    const message = el('action-message');
    message.textContent = '';
    message.dataset.kind = '';
    const who = listener.name || listener.endpoint;
    let response;
    try {
      response = await request('/listeners/' + encodeURIComponent(listener.listenerId) + '/' + action, {
        method: 'POST',
        headers: reason == null ? {} : { 'Content-Type': 'application/json' },
        body: reason == null ? null : JSON.stringify({ reason: reason })
      });
    } catch (e) {
      message.textContent = 'Le service est injoignable : rien n\'a été fait pour ' + who + '.';
      message.dataset.kind = 'error';
      return;
    }
    if (response.ok) {
      message.textContent = {
        pause: who + ' est mis·e en pause (' + reason + ').',
        resume: who + ' reprend les appels.',
        logout: who + ' est retiré·e de la file.',
        login: who + ' est mis·e en service.'
      }[action];
      message.dataset.kind = 'ok';
      if (!session.live) poll(session.generation);
    } else if (response.status === 401) {
      showLoginError('Session refusée : reconnectez-vous.');
    } else {
      message.textContent = ACTIONS[action] + ' — ' + who + ' : ' + await problemText(response);
      message.dataset.kind = 'error';
    }
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
    return Math.max(0, Math.floor((Date.now() + session.skewMs - Date.parse(instant)) / 1000));
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

  // ---- DOM ----------------------------------------------------------------------------------------

  function node(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text != null) e.textContent = text;
    return e;
  }

  function english(text) {
    const span = node('span', 'en', text);
    span.lang = 'en';
    return span;
  }

  document.addEventListener('DOMContentLoaded', () => {
    el('login-form').addEventListener('submit', signIn);
    el('sign-out').addEventListener('click', signOut);
    el('pause-form').addEventListener('submit', confirmPause);
    el('pause-cancel').addEventListener('click', () => el('pause-dialog').close());
    el('pause-dialog').addEventListener('close', () => {
      const t = session.pauseTarget;
      if (t && t.opener && t.opener.isConnected) t.opener.focus();
    });
    setInterval(tick, 1000);
    const saved = sessionStorage.getItem(CREDENTIALS_KEY);
    if (saved) {
      start(saved, false);
    } else {
      el('username').focus();
    }
  });
}());
