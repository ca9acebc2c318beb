// A line's own messages (issue 10): for the line's language, which of the six messages are the line's own
// recording and which the generic prompt; listening to each; uploading a WAV and going back to the generic prompt
// (operators). Recordings kept in the other language are listed apart: only the line's language is played.
// The audio is fetched with the account's credentials and played from a blob URL (the page's CSP allows
// media from blob: only), so an <audio src> pointing at the API, which cannot carry them, is never needed.

import { el, node, bilingual, button, submit, say, table, confirmDialog } from './dom.js';
import { start, read, api, problem, failure, param, lineTabs, Refusal } from './shell.js';
import { spoken } from './zoned.js';

/** The messages a line may record, in the order of a call: API name, French, English, when it is heard. */
const MESSAGES = [
  ['notice', 'Avis de la charte', 'charter notice', 'au début de chaque appel'],
  ['closed', 'Ligne fermée', 'closed', 'ligne fermée ; suivent l\'heure de réouverture et les numéros de crise'],
  ['no-listener', 'Personne pour répondre', 'no listener', 'ligne ouverte, mais aucun·e écoutant·e ne peut répondre'],
  ['overload', 'Ligne saturée', 'overload', 'trop d\'appelant·es attendent déjà, ou l\'attente serait trop longue'],
  ['queue-timeout', 'Attente trop longue', 'queue timeout', 'l\'appelant·e a attendu le maximum sans réponse'],
  ['goodbye', 'Au revoir', 'goodbye', 'les derniers mots de chaque appel qui se termine dans le service']
];
const LANGUAGES = { fr: 'français', en: 'anglais' };
const UPLOAD_LEADS = { 400: 'Enregistrement refusé', 413: 'Fichier trop gros', 415: 'Fichier refusé' };

const code = param('line');
const path = '/lines/' + encodeURIComponent(code || '') + '/messages';
let line = null;
const blobs = new Set(); // the blob URLs of the players on the page, released when they are rebuilt

async function load() {
  const message = el('page-message');
  if (!code) {
    say(message, 'error', 'Aucune ligne choisie : ouvrez cette page depuis la liste des lignes.');
    return;
  }
  el('tabs').replaceChildren(lineTabs(code, 'messages.html'));
  let entries;
  try {
    [line, entries] = await Promise.all([read('/lines/' + encodeURIComponent(code)), read(path)]);
  } catch (e) {
    say(message, 'error', failure(e));
    return;
  }
  document.querySelector('h1').firstChild.textContent = line.name + ' — messages ';
  document.title = line.name + ' — messages — helpline-router';
  render(entries);
}

function render(entries) {
  blobs.forEach((url) => URL.revokeObjectURL(url));
  blobs.clear();
  const own = line.language;
  const other = Object.keys(LANGUAGES).find((l) => l !== own);
  el('spoken-title').firstChild.textContent = 'Ce que les appelant·es entendent, en ' + LANGUAGES[own] + ' ';
  el('spoken-table').replaceChildren(messageTable(own, entries, true));
  el('other-title').firstChild.textContent = 'En ' + LANGUAGES[other] + ', non joués ';
  el('other-hint').textContent = 'La ligne parle ' + LANGUAGES[own] + ' : ses enregistrements en ' + LANGUAGES[other]
    + ' sont gardés mais pas joués. Préparez-les ici avant de changer la langue de la ligne dans ses réglages.';
  el('other-table').replaceChildren(messageTable(other, entries, false));
  if (entries.some((e) => e.language === other && e.custom)) el('other').open = true;
}

function messageTable(language, entries, spokenToCallers) {
  const t = table('Messages en ' + LANGUAGES[language] + (spokenToCallers ? ', entendus par les appelant·es' : ', non joués'),
    ['Message', 'Version', 'Durée', 'Déposé', 'Écouter', 'Changer'], 'messages');
  t.dataset.language = language;
  t.tHead.rows[0].cells[5].dataset.operatorOnly = '';
  MESSAGES.forEach((m) => {
    const entry = entries.find((e) => e.name === m[0] && e.language === language) || null;
    t.tBodies[0].appendChild(row(m, language, entry));
  });
  return t;
}

function row([name, fr, en, when], language, entry) {
  const custom = !!(entry && entry.custom);
  const what = fr + ' (' + LANGUAGES[language] + ')';
  const tr = node('tr');
  tr.dataset.message = name;
  tr.dataset.language = language;
  tr.dataset.custom = String(custom);

  const th = node('th');
  th.scope = 'row';
  th.append(bilingual('span', fr, en, 'name'), node('span', 'hint', when), node('code', 'api-name', name));

  const version = node('td', 'version');
  const badge = bilingual('span', custom ? 'Propre' : 'Générique', custom ? 'own' : 'generic', 'badge');
  badge.dataset.custom = String(custom);
  version.appendChild(badge);

  const duration = node('td', 'duration', entry ? seconds(entry.durationSeconds) : '—');
  const uploaded = node('td', 'uploaded', custom
    ? entry.uploadedBy + ', ' + spoken(entry.uploadedAt, line.timeZone) : '—');

  const listen = node('td', 'listen');
  const play = button('Écouter', null, 'quiet play');
  play.setAttribute('aria-label', 'Écouter : ' + what);
  const player = node('span', 'player');
  const said = node('p', 'error row-message');
  play.addEventListener('click', () => hear(name, language, what, play, player, duration, said));
  listen.append(play, player);

  const change = node('td', 'change');
  change.dataset.operatorOnly = '';
  change.append(uploadForm(name, language, what), said);
  if (custom) {
    const revert = button('Revenir au générique', () => revertTo(name, language, what, revert, said), 'quiet danger revert');
    revert.setAttribute('aria-label', 'Revenir au générique : ' + what);
    change.appendChild(revert);
  }
  tr.append(th, version, duration, uploaded, listen, change);
  return tr;
}

/** "4,2 s", "1 min 05 s". */
function seconds(s) {
  if (s < 60) return s.toLocaleString('fr-FR', { maximumFractionDigits: 1 }) + ' s';
  const whole = Math.round(s);
  return Math.floor(whole / 60) + ' min ' + String(whole % 60).padStart(2, '0') + ' s';
}

// ---- listening ----------------------------------------------------------------------------------------

async function hear(name, language, what, play, player, duration, said) {
  said.textContent = '';
  play.disabled = true;
  try {
    const response = await api(path + '/' + name + '/' + language, { headers: { Accept: 'audio/wav' } });
    if (!response.ok) throw new Refusal(await problem(response));
    const custom = response.headers.get('X-Helpline-Custom') === 'true';
    const url = URL.createObjectURL(await response.blob());
    blobs.add(url);
    let audio = player.querySelector('audio');
    if (!audio) {
      audio = node('audio');
      audio.controls = true;
      audio.preload = 'auto';
      audio.addEventListener('loadedmetadata', () => {
        // The list gives no length for a generic prompt in a language the line does not speak.
        if (duration.textContent === '—' && Number.isFinite(audio.duration)) duration.textContent = seconds(audio.duration);
      });
      player.appendChild(audio);
    }
    if (audio.src) {
      blobs.delete(audio.src);
      URL.revokeObjectURL(audio.src);
    }
    audio.setAttribute('aria-label', what + (custom ? ', enregistrement de la ligne' : ', message générique'));
    audio.dataset.custom = String(custom);
    audio.src = url;
    // Browsers may refuse to start sound on their own; the controls are there to start it by hand.
    await audio.play().catch(() => {});
  } catch (e) {
    if (!(e instanceof Refusal && e.problem.status === 401)) say(said, 'error', failure(e));
  } finally {
    play.disabled = false;
  }
}

// ---- uploading and reverting (operators) ---------------------------------------------------------------

function uploadForm(name, language, what) {
  const form = node('form', 'upload');
  form.noValidate = true;
  const input = node('input');
  Object.assign(input, { type: 'file', name: 'file', accept: '.wav,audio/wav,audio/x-wav,audio/wave',
    id: 'file-' + name + '-' + language });
  const label = node('label', 'inline', 'Fichier WAV');
  label.htmlFor = input.id;
  label.appendChild(node('span', 'visually-hidden', ' : ' + what));
  const send = submit('Déposer', 'send');
  send.setAttribute('aria-label', 'Déposer le fichier : ' + what);
  form.append(label, input, send);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    upload(name, language, what, form);
  });
  return form;
}

async function upload(name, language, what, form) {
  const said = form.parentElement.querySelector('.row-message');
  const file = form.elements.file.files[0];
  say(said, '', '');
  if (!file) {
    say(said, 'error', 'Choisissez d\'abord un fichier WAV.');
    form.elements.file.focus();
    return;
  }
  const send = form.querySelector('button');
  send.disabled = true;
  say(said, '', 'Envoi de ' + file.name + '…');
  let response;
  try {
    // The API reads the file itself and names what is wrong with it, whatever the browser guessed of its type.
    response = await api(path + '/' + name + '/' + language, { method: 'PUT', headers: { 'Content-Type': 'audio/wav' },
      body: file });
  } catch (e) {
    send.disabled = false;
    say(said, 'error', 'L\'envoi n\'a pas abouti : rien n\'a changé. Vérifiez la connexion et réessayez.');
    return;
  }
  send.disabled = false;
  if (!response.ok) {
    if (response.status !== 401) say(said, 'error', (await problem(response, UPLOAD_LEADS)).text);
    return;
  }
  const entry = await response.json();
  await reload(name, language, '« ' + what + ' » : enregistrement déposé (' + seconds(entry.durationSeconds)
    + '), entendu dès le prochain appel' + (language === line.language ? '.' : ' si la ligne passe en ' + LANGUAGES[language] + '.'));
}

async function revertTo(name, language, what, revert, said) {
  if (!await confirmDialog('« ' + what + ' » : l\'enregistrement de la ligne sera supprimé et les appelant·es '
    + 'entendront de nouveau le message générique.', 'Revenir au générique')) return;
  revert.disabled = true;
  try {
    await read(path + '/' + name + '/' + language, { method: 'DELETE' });
  } catch (e) {
    revert.disabled = false;
    if (!(e instanceof Refusal && e.problem.status === 401)) say(said, 'error', failure(e));
    return;
  }
  await reload(name, language, '« ' + what + ' » : retour au message générique.');
}

/** Reads the list again and keeps the keyboard on the row that changed. */
async function reload(name, language, news) {
  try {
    render(await read(path));
  } catch (e) {
    say(el('page-message'), 'error', failure(e));
    return;
  }
  say(el('page-message'), 'ok', news);
  const again = document.querySelector('tr[data-message="' + name + '"][data-language="' + language + '"] button.play');
  if (again) again.focus();
}

start({
  ready: load,
  signedOut: () => {
    blobs.forEach((url) => URL.revokeObjectURL(url));
    blobs.clear();
    el('spoken-table').replaceChildren();
    el('other-table').replaceChildren();
  }
});
