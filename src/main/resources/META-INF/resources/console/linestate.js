// A line's state now in words, in the line's zone: open or closed, why, until when, and what opens next.
// From GET /api/lines/{code}/status (and, for the reason of a closure or special opening, their lists).

import { node, english } from './dom.js';
import { read } from './shell.js';
import { spoken } from './zoned.js';

const HORIZON_DAYS = 14; // the API's look-ahead for the next change

function activeRange(ranges, zone, now) {
  // Ranges are in the line's local time; compare as local strings of the same form.
  const local = new Intl.DateTimeFormat('sv-SE', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(now).replace(' ', 'T');
  return ranges.find((r) => r.from.slice(0, 16) <= local && local < r.to.slice(0, 16));
}

/** Reads the line's state now: {open, reason, headline, why, until, next}. */
export async function lineState(line) {
  const code = encodeURIComponent(line.code);
  const status = await read('/lines/' + code + '/status');
  const zone = line.timeZone;
  const now = new Date();
  const state = { open: status.open, reason: status.reason, headline: status.open ? 'Ouverte' : 'Fermée' };

  switch (status.reason) {
    case 'WEEKLY_HOURS':
      state.why = 'selon les horaires de la semaine';
      break;
    case 'OUTSIDE_HOURS':
      state.why = 'en dehors des horaires de la semaine';
      break;
    case 'CLOSURE': {
      const r = activeRange(await read('/lines/' + code + '/closures'), zone, now);
      state.why = 'fermeture prévue' + (r ? ' : ' + r.reason : '');
      break;
    }
    case 'SPECIAL_OPENING': {
      const r = activeRange(await read('/lines/' + code + '/special-openings'), zone, now);
      state.why = 'ouverture exceptionnelle' + (r ? ' : ' + r.reason : '');
      break;
    }
    case 'OVERRIDE':
      state.why = (status.open ? 'ouverture forcée' : 'fermeture forcée')
        + (line.override && line.override.reason ? ' : ' + line.override.reason : '');
      break;
    default:
      state.why = status.reason;
  }

  if (status.reason === 'OVERRIDE' && line.override) {
    state.until = 'jusqu\'à ' + spoken(line.override.until, zone);
  } else if (status.nextChange) {
    state.until = 'jusqu\'à ' + spoken(status.nextChange, zone);
  } else {
    state.until = status.open ? 'sans fermeture prévue dans les ' + HORIZON_DAYS + ' jours' : null;
  }

  let nextOpening = null;
  if (!status.open) {
    nextOpening = status.nextChange;
  } else if (status.nextChange) {
    const after = await read('/lines/' + code + '/status?at=' + encodeURIComponent(status.nextChange));
    nextOpening = after.nextChange;
  }
  if (nextOpening) {
    state.next = 'prochaine ouverture : ' + spoken(nextOpening, zone);
  } else if (!status.open || status.nextChange) {
    state.next = 'aucune ouverture prévue dans les ' + HORIZON_DAYS + ' jours';
  } else {
    state.next = null;
  }
  return state;
}

/** The state as a paragraph: a badge, then why, until when and what opens next, each in its own span. */
export function stateParagraph(state) {
  const p = node('p', 'line-state');
  p.dataset.open = String(state.open);
  const badge = node('strong', 'state-badge', state.headline);
  badge.appendChild(english(state.open ? 'open' : 'closed'));
  p.appendChild(badge);
  [['why', state.why], ['until', state.until], ['next', state.next]].forEach(([cls, text]) => {
    if (text) {
      p.appendChild(document.createTextNode(' — '));
      p.appendChild(node('span', cls, text));
    }
  });
  return p;
}
