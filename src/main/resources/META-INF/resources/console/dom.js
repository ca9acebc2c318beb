// Small DOM builders shared by the console's pages. Data only ever reaches the page as text (textContent),
// never as HTML, and no inline style or script is written: the pages run under a strict Content-Security-Policy.

export const el = (id) => document.getElementById(id);

export function node(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text != null) e.textContent = text;
  return e;
}

/** The English words beside the French ones, marked as English for screen readers. */
export function english(text) {
  const span = node('span', 'en', text);
  span.lang = 'en';
  return span;
}

/** An element holding French text with its English beside it. */
export function bilingual(tag, fr, en, className) {
  const e = node(tag, className, fr);
  if (en) e.appendChild(english(en));
  return e;
}

let fieldIds = 0;

/**
 * A labelled control in a paragraph: {@code <p><label for=…>fr <span lang=en>en</span></label><input …></p>}.
 * {@code attrs} become properties of the control (type, name, value, min, required, …); {@code field} is the API's
 * name for the value, so the API's complaint about it can be shown beside it.
 */
export function field(fr, en, attrs, tag) {
  const control = node(tag || 'input');
  const { field: apiField, ...properties } = attrs || {};
  Object.assign(control, properties);
  if (!control.id) control.id = 'f' + (++fieldIds);
  if (apiField) control.dataset.field = apiField;
  const label = bilingual('label', fr, en);
  label.htmlFor = control.id;
  const p = node('p', 'field');
  p.append(label, control);
  return { wrapper: p, control: control };
}

/** A select with its options as [value, text] pairs. */
export function select(fr, en, options, attrs) {
  const { value, ...rest } = attrs || {};
  const f = field(fr, en, rest, 'select');
  options.forEach(([v, text]) => {
    const o = node('option', null, text);
    o.value = v;
    f.control.appendChild(o);
  });
  if (value != null) f.control.value = value;
  return f;
}

/** A checkbox with its label after it. */
export function checkbox(fr, en, attrs) {
  const box = node('input');
  box.type = 'checkbox';
  const { field: apiField, ...properties } = attrs || {};
  Object.assign(box, properties);
  if (apiField) box.dataset.field = apiField;
  if (!box.id) box.id = 'f' + (++fieldIds);
  const label = bilingual('label', fr, en, 'inline');
  label.htmlFor = box.id;
  const p = node('p', 'check');
  p.append(box, label);
  return { wrapper: p, control: box };
}

export function button(text, onClick, className, ariaLabel) {
  const b = node('button', className, text);
  b.type = 'button';
  if (ariaLabel) b.setAttribute('aria-label', ariaLabel);
  if (onClick) b.addEventListener('click', onClick);
  return b;
}

export function submit(text, className) {
  const b = node('button', className, text);
  b.type = 'submit';
  return b;
}

/** A status message area: role=status for news, role=alert for refusals. */
export function say(target, kind, text) {
  target.textContent = text || '';
  target.dataset.kind = kind || '';
  target.setAttribute('role', kind === 'error' ? 'alert' : 'status');
}

/** A table with a caption (visually hidden unless asked) and column headings. */
export function table(caption, headings, className, showCaption) {
  const t = node('table', 'data' + (className ? ' ' + className : ''));
  t.appendChild(node('caption', showCaption ? null : 'visually-hidden', caption));
  const head = node('thead');
  const tr = node('tr');
  headings.forEach((h) => {
    const th = node('th', null, h);
    th.scope = 'col';
    tr.appendChild(th);
  });
  head.appendChild(tr);
  t.append(head, node('tbody'));
  return t;
}

/**
 * Shows the API's field errors beside the controls whose data-field names them (and clears older ones);
 * returns the errors no control claimed.
 */
export function showFieldErrors(form, errors) {
  form.querySelectorAll('.field-error').forEach((e) => e.remove());
  form.querySelectorAll('[aria-invalid]').forEach((c) => {
    c.removeAttribute('aria-invalid');
    c.removeAttribute('aria-describedby');
  });
  const unclaimed = [];
  (errors || []).forEach((e) => {
    const control = e.field ? form.querySelector('[data-field="' + CSS.escape(e.field) + '"]') : null;
    if (!control) {
      unclaimed.push(e);
      return;
    }
    const message = node('span', 'field-error', e.message);
    message.id = control.id + '-error';
    control.setAttribute('aria-invalid', 'true');
    control.setAttribute('aria-describedby', message.id);
    control.insertAdjacentElement('afterend', message);
  });
  return unclaimed;
}

/**
 * Asks for a yes or no in a modal dialog (built once per page); resolves true on confirmation.
 * Focus returns to the control that asked.
 */
export function confirmDialog(question, confirmText) {
  let d = el('confirm-dialog');
  if (!d) {
    d = node('dialog');
    d.id = 'confirm-dialog';
    d.setAttribute('aria-labelledby', 'confirm-question');
    const q = node('p', 'question');
    q.id = 'confirm-question';
    const buttons = node('p', 'buttons');
    const no = button('Annuler', () => d.close('no'), 'quiet');
    no.id = 'confirm-no';
    const yes = button('', () => d.close('yes'), 'danger');
    yes.id = 'confirm-yes';
    buttons.append(no, yes);
    d.append(q, buttons);
    document.body.appendChild(d);
  }
  const opener = document.activeElement;
  el('confirm-question').textContent = question;
  el('confirm-yes').textContent = confirmText;
  d.returnValue = '';
  d.showModal();
  el('confirm-no').focus();
  return new Promise((resolve) => {
    d.addEventListener('close', () => {
      if (opener && opener.isConnected) opener.focus();
      resolve(d.returnValue === 'yes');
    }, { once: true });
  });
}
