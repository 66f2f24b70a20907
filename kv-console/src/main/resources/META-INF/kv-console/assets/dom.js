// Small DOM helpers. Text always goes in through textContent, never as HTML.

/** h('a', {href: '#/'}, 'text', child) — attributes starting with "on" are listeners. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(el.dataset, value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

const numbers = new Intl.NumberFormat('en');

export function bytes(count) {
  if (count < 1024) return `${numbers.format(count)} bytes`;
  const units = ['KiB', 'MiB', 'GiB'];
  let value = count / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
  return `${value.toFixed(1)} ${units[unit]} (${numbers.format(count)} bytes)`;
}

export function count(n) {
  return numbers.format(n);
}

/** "2026-11-01 12:00:00 UTC (in 59 min)" for seconds since the epoch; "never" for none. */
export function expiration(seconds) {
  if (seconds === null || seconds === undefined) return 'never';
  const date = new Date(seconds * 1000);
  const text = date.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  return `${text} (${relative(seconds - Date.now() / 1000)})`;
}

function relative(seconds) {
  const past = seconds < 0;
  let s = Math.abs(Math.round(seconds));
  let text;
  if (s < 90) text = `${s} s`;
  else if ((s = Math.round(s / 60)) < 90) text = `${s} min`;
  else if ((s = Math.round(s / 60)) < 48) text = `${s} h`;
  else text = `${Math.round(s / 24)} days`;
  return past ? `${text} ago` : `in ${text}`;
}

export function toast(message) {
  const el = document.getElementById('toast');
  el.textContent = message;
  el.classList.add('shown');
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => el.classList.remove('shown'), 4000);
}

/** Asks in the page's dialog; resolves true when confirmed. */
export function confirmAction(title, text, confirmLabel) {
  const dialog = document.getElementById('confirm');
  document.getElementById('confirm-title').textContent = title;
  document.getElementById('confirm-text').textContent = text;
  document.getElementById('confirm-ok').textContent = confirmLabel;
  const opener = document.activeElement;
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      if (opener && opener.focus) opener.focus();
      resolve(dialog.returnValue === 'ok');
    }, { once: true });
    dialog.returnValue = '';
    dialog.showModal();
    document.getElementById('confirm-cancel').focus();
  });
}

/** Replaces the main region and moves focus to its heading, so keyboard and screen reader users follow. */
export function show(...children) {
  const main = document.getElementById('main');
  main.replaceChildren(...children.filter((child) => child !== null && child !== undefined && child !== false));
  const heading = main.querySelector('h1');
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    heading.focus({ preventScroll: true });
  }
}

/** Puts a field's error next to it, or clears every error of the form. */
export function fieldError(form, field, message) {
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  for (const el of form.querySelectorAll('.error')) { el.textContent = ''; el.hidden = true; }
  if (!message) return;
  const input = field && form.querySelector(`[data-field="${field}"]`);
  const target = (input && form.querySelector(`#${input.id}-error`)) || form.querySelector('.form-error');
  target.textContent = message;
  target.hidden = false;
  if (input) {
    input.setAttribute('aria-invalid', 'true');
    input.focus();
  }
}
