// The weekly hours editor: several periods a day, a period whose end is not after its start runs past midnight.
// The API judges overlaps; its words are shown beside the period they name (periods[3] → that row).

import { node, english, button } from './dom.js';
import { dayName } from './zoned.js';

const DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
let ids = 0;

export class WeeklyEditor {
  constructor(container) {
    this.container = container;
    this.sent = []; // the rows in the order of the last periods() list, for the API's periods[i]
  }

  /** Shows these periods ({day, from, to}), a block per day. */
  show(periods) {
    this.container.replaceChildren(...DAYS.map((day) => {
      const block = node('fieldset', 'day');
      block.dataset.day = day;
      const legend = node('legend', null, dayName(day));
      legend.appendChild(english(day.charAt(0) + day.slice(1).toLowerCase()));
      const rows = node('ol', 'periods');
      periods.filter((p) => p.day === day).sort((a, b) => a.from.localeCompare(b.from))
        .forEach((p) => rows.appendChild(this.row(day, p.from, p.to)));
      const add = button('Ajouter une plage', () => {
        rows.appendChild(this.row(day, '', ''));
        this.relabel(block);
        rows.lastChild.querySelector('input').focus();
      }, 'quiet add-period');
      add.setAttribute('aria-label', 'Ajouter une plage le ' + dayName(day));
      block.append(legend, rows, add);
      this.relabel(block);
      return block;
    }));
  }

  row(day, from, to) {
    const li = node('li', 'period');
    const fromInput = this.time('from', from);
    const toInput = this.time('to', to);
    const fromLabel = node('label', null, 'De');
    fromLabel.htmlFor = fromInput.id;
    fromLabel.appendChild(node('span', 'visually-hidden', ''));
    const toLabel = node('label', null, 'à');
    toLabel.htmlFor = toInput.id;
    toLabel.appendChild(node('span', 'visually-hidden', ''));
    const overnight = node('span', 'overnight', 'jusqu\'au lendemain');
    const update = () => { overnight.hidden = !(fromInput.value && toInput.value && toInput.value <= fromInput.value); };
    fromInput.addEventListener('input', update);
    toInput.addEventListener('input', update);
    update();
    const remove = button('Retirer', () => {
      const block = li.closest('fieldset');
      const next = li.nextElementSibling || li.previousElementSibling;
      li.remove();
      this.relabel(block);
      (next ? next.querySelector('input') : block.querySelector('.add-period')).focus();
    }, 'quiet');
    const error = node('span', 'field-error');
    error.id = 'period-error-' + (++ids);
    error.hidden = true;
    li.append(fromLabel, fromInput, toLabel, toInput, overnight, remove, error);
    return li;
  }

  time(which, value) {
    const input = node('input', which);
    input.type = 'time';
    input.step = 60;
    input.value = value || '';
    input.id = 'period-' + which + '-' + (++ids);
    input.required = true;
    return input;
  }

  // Labels say the day and the period's number, so each control is named on its own ("De, lundi, plage 2").
  relabel(block) {
    const day = dayName(block.dataset.day);
    block.querySelectorAll('li.period').forEach((li, i) => {
      const hidden = li.querySelectorAll('label .visually-hidden');
      hidden[0].textContent = ', ' + day + ', plage ' + (i + 1);
      hidden[1].textContent = ', ' + day + ', plage ' + (i + 1);
      li.querySelector('button').setAttribute('aria-label', 'Retirer la plage ' + (i + 1) + ' du ' + day);
    });
  }

  /** The periods as the API takes them, in page order; remembers which row each came from. */
  periods() {
    this.sent = Array.from(this.container.querySelectorAll('li.period'));
    return this.sent.map((li) => ({
      day: li.closest('fieldset').dataset.day,
      from: li.querySelector('input.from').value || null,
      to: li.querySelector('input.to').value || null
    }));
  }

  clearErrors() {
    this.container.querySelectorAll('li.period').forEach((li) => {
      const error = li.querySelector('.field-error');
      error.hidden = true;
      error.textContent = '';
      li.querySelectorAll('input').forEach((i) => {
        i.removeAttribute('aria-invalid');
        i.removeAttribute('aria-describedby');
      });
    });
  }

  /** The API's field errors (periods[1], periods[1].to…) beside the rows they name. */
  showErrors(errors) {
    (errors || []).forEach((e) => {
      const m = /^periods\[(\d+)\](?:\.(from|to|day))?$/.exec(e.field || '');
      const li = m ? this.sent[Number(m[1])] : null;
      if (!li) return;
      const error = li.querySelector('.field-error');
      error.textContent = (error.textContent ? error.textContent + ' ; ' : '') + e.message;
      error.hidden = false;
      const inputs = m[2] === 'from' || m[2] === 'to' ? [li.querySelector('input.' + m[2])] : li.querySelectorAll('input');
      inputs.forEach((i) => {
        i.setAttribute('aria-invalid', 'true');
        i.setAttribute('aria-describedby', error.id);
      });
    });
  }
}
