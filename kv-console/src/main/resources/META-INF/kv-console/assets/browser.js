// The namespace browser: namespaces, a namespace's keys (prefix search, pages by cursor, bulk delete),
// one key (value, metadata, expiration, download) and the form that creates or edits a key.
import { ApiError, get, namespaceInfo, currentSession, write } from './api.js';
import { bytes, confirmAction, count, expiration, fieldError, h, show, toast } from './dom.js';

const PAGE_SIZES = [10, 50, 100, 500, 1000];

const nsHref = (ns) => `#/ns/${encodeURIComponent(ns)}`;
const keyHref = (ns, key) => `${nsHref(ns)}/key?k=${encodeURIComponent(key)}`;

function productionTag(ns) {
  return namespaceInfo(ns)?.production ? h('span', { class: 'tag production' }, 'production') : null;
}

/** Asks before a write; resolves to the namespace to confirm (production), '' (no need) or null (cancelled). */
export async function confirmWrite(ns, what) {
  if (!namespaceInfo(ns)?.production) return '';
  const where = currentSession().backend.label;
  const ok = await confirmAction(`Write to the production namespace ${ns}?`,
    `${ns} is a production namespace (${where}). ${what} changes the data its users see, at once.`,
    `Write to ${ns}`);
  return ok ? ns : null;
}

function crumbs(...items) {
  return h('nav', { 'aria-label': 'Breadcrumb', class: 'crumbs' },
    h('a', { href: '#/' }, 'Namespaces'), ...items.flatMap((item) => [' / ', item]));
}

export async function namespacesView() {
  const session = currentSession();
  const rows = session.namespaces.map((ns) => h('tr', {},
    h('td', {}, h('a', { href: nsHref(ns.name) }, ns.name), ' ', productionTag(ns.name)),
    h('td', { class: 'mono' }, ns.id)));
  show(
    h('h1', {}, 'Namespaces'),
    session.backend.kind === 'cloudflare'
      ? h('p', { class: 'warning' }, 'This console is connected to Cloudflare: changes are real and immediate.') : null,
    rows.length === 0 ? h('p', {}, 'There are no namespaces.') : h('table', {},
      h('caption', {}, `${count(rows.length)} namespaces on ${session.backend.description}`),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'Namespace id'))),
      h('tbody', {}, rows)));
}

const pages = { key: '', cursors: [] };

export async function keysView(ns, query) {
  const prefix = query.get('prefix') || '';
  const limit = Number(query.get('limit')) || 100;
  const cursor = query.get('cursor') || '';
  const pageKey = `${ns}\n${prefix}\n${limit}`;
  if (pages.key !== pageKey || !cursor) {
    pages.key = pageKey;
    pages.cursors = [];
  }
  const pageNumber = pages.cursors.indexOf(cursor) >= 0 ? pages.cursors.indexOf(cursor) + 1
    : (cursor ? pages.cursors.push(cursor) : 0);
  const page = await get('keys', { ns, prefix, limit, cursor });
  const first = (pageNumber) * limit + 1;

  const search = h('form', { class: 'search', role: 'search', id: 'search' },
    h('div', {}, h('label', { for: 'prefix' }, 'Key prefix'),
      h('input', { id: 'prefix', name: 'prefix', value: prefix, placeholder: 'user:', 'aria-describedby': 'prefix-help' })),
    h('div', {}, h('label', { for: 'limit' }, 'Keys per page'),
      h('select', { id: 'limit', name: 'limit' }, PAGE_SIZES.map((size) => h('option', { value: size, selected: size === limit }, size)))),
    h('button', { type: 'submit', class: 'primary' }, 'Search'));
  search.addEventListener('submit', (event) => {
    event.preventDefault();
    const params = new URLSearchParams({ prefix: search.prefix.value, limit: search.limit.value });
    location.hash = `${nsHref(ns)}?${params}`;
  });

  const selected = new Set();
  const deleteButton = h('button', { type: 'button', class: 'danger', id: 'delete-selected', disabled: true }, 'Delete selected (0)');
  const refreshSelection = () => {
    deleteButton.textContent = `Delete selected (${selected.size})`;
    deleteButton.disabled = selected.size === 0;
  };
  const boxes = [];
  const rows = page.keys.map((key) => {
    const box = h('input', { type: 'checkbox', 'aria-label': `Select ${key.name}` });
    box.addEventListener('change', () => {
      if (box.checked) selected.add(key.name); else selected.delete(key.name);
      refreshSelection();
    });
    boxes.push(box);
    return h('tr', {},
      h('td', {}, box),
      h('td', { class: 'key' }, h('a', { href: keyHref(ns, key.name) }, key.name)),
      h('td', {}, key.expiration ? expiration(key.expiration) : h('span', { class: 'muted' }, 'never')),
      h('td', { class: 'meta mono' }, key.metadata === null || key.metadata === undefined ? '' : JSON.stringify(key.metadata)));
  });
  const all = h('input', { type: 'checkbox', 'aria-label': 'Select every key on this page' });
  all.addEventListener('change', () => {
    for (const box of boxes) {
      box.checked = all.checked;
      box.dispatchEvent(new Event('change'));
    }
  });
  deleteButton.addEventListener('click', async () => {
    const keys = [...selected];
    const ok = await confirmAction(`Delete ${keys.length} keys?`,
      `This deletes ${keys.length} keys from ${ns} in one bulk delete: ${keys.slice(0, 5).join(', ')}${keys.length > 5 ? ', …' : ''}.`,
      `Delete ${keys.length} keys`);
    if (!ok) return;
    const confirmed = await confirmWrite(ns, 'Deleting these keys');
    if (confirmed === null) return;
    try {
      const result = await write('POST', 'bulk-delete', { ns }, { keys }, confirmed);
      toast(`Deleted ${result.deleted} keys`);
      location.hash = `${nsHref(ns)}?${new URLSearchParams({ prefix, limit })}&r=${Date.now()}`;
    } catch (error) {
      toast(error.message);
    }
  });

  const summary = page.keys.length === 0
    ? `No keys${prefix ? ` with the prefix "${prefix}"` : ''} on this page.`
    : `Page ${pageNumber + 1}: keys ${count(first)} to ${count(first + page.keys.length - 1)}${prefix ? ` with the prefix "${prefix}"` : ''}; ${page.listComplete ? 'the last page' : 'more follow'}.`;
  const previous = h('a', { class: 'button', id: 'previous-page', href: '#' }, 'Previous page');
  if (pageNumber === 0) {
    previous.removeAttribute('href');
    previous.setAttribute('aria-disabled', 'true');
  } else {
    const before = pageNumber >= 2 ? pages.cursors[pageNumber - 2] : '';
    previous.href = `${nsHref(ns)}?${new URLSearchParams({ prefix, limit, ...(before ? { cursor: before } : {}) })}`;
  }
  const next = h('a', { class: 'button', id: 'next-page' }, 'Next page');
  if (!page.listComplete && page.cursor) {
    next.href = `${nsHref(ns)}?${new URLSearchParams({ prefix, limit, cursor: page.cursor })}`;
  } else {
    next.setAttribute('aria-disabled', 'true');
  }

  show(
    crumbs(h('span', { 'aria-current': 'page' }, ns)),
    h('h1', {}, ns, ' ', productionTag(ns)),
    h('p', { class: 'muted' }, `Namespace id ${namespaceInfo(ns)?.id ?? ''}`),
    search,
    h('p', { id: 'prefix-help', class: 'help' }, 'Press / to search. Keys are listed in UTF-8 byte order, as KV lists them.'),
    h('div', { class: 'toolbar' }, h('a', { class: 'button', href: `${nsHref(ns)}/new`, id: 'new-key' }, 'New key'), deleteButton),
    h('table', { id: 'keys' },
      h('caption', { id: 'page-summary', 'aria-live': 'polite' }, summary),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, all), h('th', { scope: 'col' }, 'Key'),
        h('th', { scope: 'col' }, 'Expires'), h('th', { scope: 'col' }, 'Metadata'))),
      h('tbody', {}, rows)),
    h('nav', { class: 'pager', 'aria-label': 'Pages' }, previous, next));
}

export async function keyView(ns, key) {
  let value;
  try {
    value = await get('value', { ns, key });
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      show(crumbs(h('a', { href: nsHref(ns) }, ns)), h('h1', {}, 'No such key'), h('p', { role: 'alert' }, error.message));
      return;
    }
    throw error;
  }
  const kinds = { text: 'Text', json: 'JSON', binary: 'Binary' };
  const shown = value.kind === 'binary' ? value.hex : (value.pretty ?? value.text);
  const download = h('button', { type: 'button', id: 'download' }, 'Download value');
  download.addEventListener('click', async () => {
    const blob = await get('raw', { ns, key });
    const link = h('a', { href: URL.createObjectURL(blob), download: key.split('/').pop() || 'value' });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  });
  const remove = h('button', { type: 'button', class: 'danger', id: 'delete-key' }, 'Delete key');
  remove.addEventListener('click', async () => {
    if (!await confirmAction(`Delete ${key}?`, `This deletes the key ${key} from ${ns}.`, 'Delete key')) return;
    const confirmed = await confirmWrite(ns, 'Deleting this key');
    if (confirmed === null) return;
    try {
      await write('DELETE', 'value', { ns, key }, undefined, confirmed);
      toast(`Deleted ${key}`);
      location.hash = nsHref(ns);
    } catch (error) {
      toast(error.message);
    }
  });
  show(
    crumbs(h('a', { href: nsHref(ns) }, ns), h('span', { 'aria-current': 'page' }, key)),
    h('h1', {}, key),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Namespace'), h('dd', {}, ns, ' ', productionTag(ns)),
      h('dt', {}, 'Type'), h('dd', { id: 'value-kind' }, kinds[value.kind]),
      h('dt', {}, 'Size'), h('dd', { id: 'value-size' }, bytes(value.size)),
      h('dt', {}, 'Expires'), h('dd', { id: 'value-expiration' }, expiration(value.expiration))),
    h('h2', { id: 'value-heading' }, value.kind === 'binary' ? 'Value (hex)' : 'Value'),
    value.truncated ? h('p', { class: 'muted' }, 'Only the start of the value is shown: download it for the rest.') : null,
    h('pre', { id: 'value', tabindex: 0, 'aria-labelledby': 'value-heading' }, shown),
    h('h2', { id: 'metadata-heading' }, 'Metadata'),
    value.metadata === null || value.metadata === undefined
      ? h('p', { id: 'metadata', class: 'muted' }, 'None')
      : h('pre', { id: 'metadata', tabindex: 0, 'aria-labelledby': 'metadata-heading' }, JSON.stringify(value.metadata, null, 2)),
    h('div', { class: 'actions' },
      h('a', { class: 'button', href: `${nsHref(ns)}/edit?k=${encodeURIComponent(key)}`, id: 'edit-key' }, 'Edit'),
      download, remove));
}

function field(id, label, control, help) {
  return h('div', { class: 'field' },
    h('label', { for: id }, label), control,
    help ? h('p', { class: 'help', id: `${id}-help` }, help) : null,
    h('p', { class: 'error', id: `${id}-error`, hidden: true, role: 'alert' }));
}

export async function keyFormView(ns, key) {
  const editing = key !== null;
  const current = editing ? await get('value', { ns, key }) : null;
  const limits = currentSession().limits;
  if (current && (current.kind === 'binary' || current.truncated)) {
    current.text = null;
  }
  const keyInput = h('input', { id: 'f-key', 'data-field': 'key', value: key ?? '', readonly: editing, required: true,
    'aria-describedby': 'f-key-help f-key-error', autocomplete: 'off', spellcheck: 'false' });
  const valueInput = h('textarea', { id: 'f-value', 'data-field': 'value', rows: 12, 'aria-describedby': 'f-value-help f-value-error', spellcheck: 'false' });
  valueInput.value = current?.text ?? '';
  const fileInput = h('input', { id: 'f-file', type: 'file', 'aria-describedby': 'f-file-help' });
  const metadataInput = h('textarea', { id: 'f-metadata', 'data-field': 'metadata', rows: 4, 'aria-describedby': 'f-metadata-help f-metadata-error', spellcheck: 'false' });
  metadataInput.value = current?.metadata === null || current?.metadata === undefined ? '' : JSON.stringify(current.metadata, null, 2);

  const exp = current?.expiration ?? null;
  const radio = (value, label, checked) => h('label', { class: 'choice' },
    h('input', { type: 'radio', name: 'expires', value, checked }), label);
  const ttlInput = h('input', { id: 'f-ttl', 'data-field': 'expiration', inputmode: 'numeric', 'aria-describedby': 'f-ttl-help f-ttl-error' });
  const atInput = h('input', { id: 'f-at', type: 'number', 'data-field': 'expiration-at', value: exp ?? '', 'aria-describedby': 'f-at-help f-at-error' });
  const expires = h('fieldset', {},
    h('legend', {}, 'Expiration'),
    radio('never', 'Never expires', exp === null),
    radio('ttl', 'Expires after a time to live', false),
    radio('at', 'Expires at a moment (seconds since the UNIX epoch)', exp !== null),
    field('f-ttl', 'Time to live in seconds', ttlInput, `At least ${limits.minExpirationTtl} seconds.`),
    field('f-at', 'Expires at (seconds since 1970-01-01 UTC)', atInput,
      exp !== null ? `Now ${expiration(exp)}; at least ${limits.minExpirationTtl} s from now.` : `At least ${limits.minExpirationTtl} s from now.`));
  ttlInput.addEventListener('input', () => { expires.querySelector('input[value=ttl]').checked = true; });
  atInput.addEventListener('input', () => { expires.querySelector('input[value=at]').checked = true; });

  const form = h('form', { id: 'key-form', novalidate: true },
    field('f-key', 'Key', keyInput, editing ? 'The key cannot be renamed: create a new key instead.'
      : `1 to ${limits.keyBytes} bytes of UTF-8, not "." or "..".`),
    field('f-value', 'Value', valueInput, current && current.text === null
      ? `This ${current.kind === 'binary' ? 'binary' : 'long'} value cannot be edited as text: choose a file to replace it.`
      : 'Text; JSON is kept exactly as you type it.'),
    field('f-file', 'Or take the value from a file', fileInput, `Replaces the text above; at most ${bytes(limits.valueBytes)}.`),
    field('f-metadata', 'Metadata (JSON)', metadataInput, `Optional; at most ${count(limits.metadataBytes)} bytes of JSON.`),
    expires,
    h('p', { class: 'error form-error', hidden: true, role: 'alert' }),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'primary', id: 'save' }, editing ? 'Save' : 'Create key'),
      h('a', { class: 'button', href: editing ? keyHref(ns, key) : nsHref(ns) }, 'Cancel')));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    fieldError(form, null, null);
    const body = { key: keyInput.value, value: valueInput.value, metadata: metadataInput.value, create: !editing };
    const file = fileInput.files[0];
    if (file) {
      body.value = await base64(file);
      body.encoding = 'base64';
    } else if (current && current.text === null) {
      fieldError(form, 'value', 'Choose a file to replace this value: it cannot be edited as text.');
      return;
    }
    const choice = form.querySelector('input[name=expires]:checked').value;
    if (choice === 'ttl') body.expirationTtl = ttlInput.value;
    if (choice === 'at') body.expiration = atInput.value;
    const confirmed = await confirmWrite(ns, editing ? 'Saving this value' : 'Creating this key');
    if (confirmed === null) return;
    try {
      await write('PUT', 'value', { ns }, body, confirmed);
      toast(`Saved ${body.key}`);
      location.hash = keyHref(ns, body.key);
    } catch (error) {
      const target = error.field === 'expiration' ? (choice === 'at' ? 'expiration-at' : 'expiration') : error.field;
      fieldError(form, target, error.message);
    }
  });

  show(
    crumbs(h('a', { href: nsHref(ns) }, ns), editing ? h('a', { href: keyHref(ns, key) }, key) : null,
      h('span', { 'aria-current': 'page' }, editing ? 'Edit' : 'New key')),
    h('h1', {}, editing ? `Edit ${key}` : `New key in ${ns}`, ' ', productionTag(ns)),
    namespaceInfo(ns)?.production
      ? h('p', { class: 'warning' }, `${ns} is a production namespace: saving asks for a confirmation.`) : null,
    form);
}

function base64(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}
