// The console's flag pages (served as assets/flags.js by the flags' ConsoleExtension): the global document and the
// users' documents as tables, toggles, the editor of a flag (plain value, or variants, default variant and a
// percentage rollout), a preview for a targeting key, and the audit trail newest first.
import { get, namespaceInfo, write } from './api.js';
import { confirmAction, fieldError, h, show, toast } from './dom.js';
import { confirmWrite } from './browser.js';

const flagHref = (name, user) => `#/flags/flag?${new URLSearchParams({ name, ...(user ? { user } : {}) })}`;
const userHref = (user) => `#/flags/user?${new URLSearchParams({ id: user })}`;

const isDefinition = (value) => value !== null && typeof value === 'object' && !Array.isArray(value) && 'variants' in value;
const json = (value) => JSON.stringify(value);

function crumbs(...items) {
  return h('nav', { 'aria-label': 'Breadcrumb', class: 'crumbs' },
    h('a', { href: '#/flags' }, 'Flags'), ...items.flatMap((item) => [' / ', item]));
}

function productionTag(binding) {
  return namespaceInfo(binding)?.production ? h('span', { class: 'tag production' }, 'production') : null;
}

/** [[variant, percentage], ...] when the targeting is nothing but a fractional split, else null. */
function rolloutOf(targeting) {
  if (!targeting || typeof targeting !== 'object' || Object.keys(targeting).length !== 1) return null;
  const split = targeting.fractional;
  if (!Array.isArray(split)) return null;
  const buckets = split.filter((item) => Array.isArray(item));
  const ok = buckets.length > 0 && buckets.every((item) => typeof item[0] === 'string'
    && (item.length === 1 || (item.length === 2 && Number.isInteger(item[1]))));
  return ok ? buckets.map((item) => [item[0], item.length === 2 ? item[1] : 1]) : null;
}

function summary(value) {
  if (typeof value === 'boolean') return h('span', { class: value ? 'on' : 'off' }, value ? 'on (true)' : 'off (false)');
  if (!isDefinition(value)) return h('code', {}, json(value));
  const variants = Object.keys(value.variants || {});
  const rollout = rolloutOf(value.targeting);
  const parts = [`${value.state === 'DISABLED' ? 'disabled' : 'enabled'} definition`, `variants ${variants.join(', ')}`,
    `default ${value.defaultVariant ?? '(none)'}`];
  if (rollout) {
    const total = rollout.reduce((sum, [, weight]) => sum + weight, 0);
    parts.push(`rollout ${rollout.map(([name, weight]) => `${name} ${Math.round((weight * 1000) / total) / 10} %`).join(' / ')}`);
  } else if (value.targeting && Object.keys(value.targeting).length > 0) {
    parts.push('targeting rules');
  }
  return parts.join('; ');
}

async function saveFlag(binding, body, what) {
  const confirmed = await confirmWrite(binding, what);
  if (confirmed === null) return null;
  return write('POST', 'flags/flag', {}, body, confirmed);
}

/** The flags of one document: name, value and, for plain booleans, a toggle. */
function documentTable(id, overview, doc, user) {
  const names = Object.keys(doc.flags);
  const rows = names.map((name) => {
    const value = doc.flags[name];
    let toggle = null;
    if (typeof value === 'boolean') {
      toggle = h('button', { type: 'button', 'aria-label': `${value ? 'Turn off' : 'Turn on'} ${name}`, dataset: { flag: name } },
        value ? 'Turn off' : 'Turn on');
      toggle.addEventListener('click', async () => {
        toggle.disabled = true;
        try {
          const saved = await saveFlag(overview.binding, { flag: name, value: !value, user, expectedVersion: doc.version,
            reason: `Turned ${value ? 'off' : 'on'} in the console` }, `Turning ${name} ${value ? 'off' : 'on'}`);
          if (saved) {
            toast(`${name} is ${value ? 'off' : 'on'} (version ${saved.version})`);
            await rerender();
            document.querySelector(`#${id} button[data-flag="${CSS.escape(name)}"]`)?.focus();
          }
        } catch (error) {
          toast(error.message);
        } finally {
          toggle.disabled = false;
        }
      });
    }
    return h('tr', {},
      h('th', { scope: 'row', class: 'key' }, name),
      h('td', { class: 'value' }, summary(value)),
      h('td', {}, h('div', { class: 'actions' }, toggle,
        h('a', { class: 'button', href: flagHref(name, user), 'aria-label': `Edit ${name}` }, 'Edit'))));
  });
  const where = doc.exists
    ? `${doc.key}: version ${doc.version}${doc.updatedAt ? `, written ${doc.updatedAt.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC')} by ${doc.updatedBy}` : ''}`
    : `${doc.key} does not exist yet`;
  return h('table', { id },
    h('caption', {}, `${where}; ${names.length} flags`),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Flag'), h('th', { scope: 'col' }, 'Value'),
      h('th', { scope: 'col' }, 'Actions'))),
    h('tbody', {}, rows.length ? rows
      : h('tr', {}, h('td', { colspan: 3, class: 'muted' }, 'No flags in this document.'))));
}

/** A form that evaluates every flag (or one) for a targeting key, by the service the application evaluates with. */
function previewForm(only) {
  const key = h('input', { id: 'preview-key', 'data-field': 'key', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'preview-key-help' });
  const context = h('input', { id: 'preview-context', 'data-field': 'context', autocomplete: 'off', spellcheck: 'false',
    placeholder: '{"country": "CH"}', 'aria-describedby': 'preview-context-help preview-context-error' });
  const result = h('div', { id: 'preview-result', 'aria-live': 'polite' });
  const form = h('form', { id: 'preview-form', class: 'search', novalidate: true },
    h('div', {}, h('label', { for: 'preview-key' }, 'Targeting key'), key),
    h('div', {}, h('label', { for: 'preview-context' }, 'Attributes (JSON, optional)'), context),
    h('button', { type: 'submit', class: 'primary', id: 'preview-run' }, 'Preview'));
  const errors = h('p', { class: 'error form-error', id: 'preview-context-error', hidden: true, role: 'alert' });
  let ran = false;
  const run = async () => {
    ran = true;
    fieldError(form, null, null);
    errors.hidden = true;
    try {
      const answer = await get('flags/evaluate', { key: key.value, context: context.value });
      const flags = only ? answer.flags.filter((flag) => flag.name === only) : answer.flags;
      result.replaceChildren(h('table', { id: 'preview' },
        h('caption', {}, answer.targetingKey ? `For the targeting key ${answer.targetingKey}` : 'Without a targeting key (the global document)'),
        h('thead', {}, h('tr', {}, ...['Flag', 'Value', 'Variant', 'Reason'].map((title) => h('th', { scope: 'col' }, title)))),
        h('tbody', {}, flags.length ? flags.map((flag) => h('tr', { dataset: { flag: flag.name } },
          h('th', { scope: 'row' }, flag.name),
          h('td', { class: 'preview-value' }, h('code', {}, json(flag.value))),
          h('td', { class: 'preview-variant' }, flag.variant ?? ''),
          h('td', { class: 'preview-reason' }, flag.reason, flag.errorMessage ? ` (${flag.errorMessage})` : '')))
          : h('tr', {}, h('td', { colspan: 4, class: 'muted' },
            only ? `${only} is not in the document that answers this key: the caller's default applies.` : 'No flags answer this key.')))));
    } catch (error) {
      errors.textContent = error.message;
      errors.hidden = false;
      if (error.field === 'context') context.setAttribute('aria-invalid', 'true');
    }
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    run();
  });
  return { section: h('section', { 'aria-labelledby': 'preview-heading' },
    h('h2', { id: 'preview-heading' }, only ? `Preview of ${only}` : 'Preview for a targeting key'),
    h('p', { class: 'help', id: 'preview-key-help' }, 'Evaluated by the application\'s flag service, as its OpenFeature provider answers: the user\'s document if it exists, else the global one, else the defaults.'),
    form, h('p', { class: 'help', id: 'preview-context-help' }, 'Attributes that targeting rules read with "var".'),
    errors, result), run, key, ran: () => ran };
}

function auditTable(entries) {
  const change = (entry) => {
    const names = [...new Set([...Object.keys(entry.before || {}), ...Object.keys(entry.after || {})])];
    return names.map((name) => h('div', { class: 'mono' }, `${name}: `,
      name in entry.before ? json(entry.before[name]) : '(none)', ' → ', name in entry.after ? json(entry.after[name]) : '(removed)'));
  };
  return h('table', { id: 'audit' },
    h('caption', {}, 'Newest first'),
    h('thead', {}, h('tr', {}, ...['When', 'Who', 'Document', 'Change', 'Why'].map((title) => h('th', { scope: 'col' }, title)))),
    h('tbody', {}, entries.length ? entries.map((entry) => h('tr', {},
      h('td', {}, entry.at.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC')),
      h('td', { class: 'audit-actor' }, entry.actor),
      h('td', {}, entry.user ? h('a', { href: userHref(entry.user) }, entry.key) : entry.key, ` (v${entry.versionBefore} → v${entry.versionAfter})`),
      h('td', { class: 'audit-change' }, change(entry)),
      h('td', {}, entry.reason ?? '')))
      : h('tr', {}, h('td', { colspan: 5, class: 'muted' }, 'No changes recorded yet.'))));
}

let rerender = async () => {};

async function flagsView(match, query) {
  const [overview, audit] = await Promise.all([get('flags', { cursor: query.get('users') || '' }), get('flags/audit', { limit: 10 })]);
  const state = overview.state;
  const openUser = h('form', { class: 'search', id: 'open-user' },
    h('div', {}, h('label', { for: 'user-id' }, 'User id'), h('input', { id: 'user-id', required: true, autocomplete: 'off' })),
    h('button', { type: 'submit' }, 'Open their document'));
  openUser.addEventListener('submit', (event) => {
    event.preventDefault();
    location.hash = userHref(openUser.querySelector('#user-id').value);
  });
  const users = overview.users.entries.map((user) => h('tr', {},
    h('th', { scope: 'row', class: 'key' }, h('a', { href: userHref(user.id) }, user.id)),
    h('td', {}, user.version ?? ''), h('td', {}, (user.updatedAt ?? '').replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC')),
    h('td', {}, user.updatedBy ?? '')));
  const preview = previewForm(null);
  // After a toggle the page is drawn again, with the preview of the same key run again.
  rerender = async () => {
    const again = new URLSearchParams(query);
    if (preview.ran()) again.set('preview', preview.key.value);
    await flagsView(match, again);
  };
  show(
    h('h1', {}, 'Feature flags'),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Binding'), h('dd', {}, overview.binding, ' ', productionTag(overview.binding)),
      h('dt', {}, 'Documents'), h('dd', { class: 'mono' }, `${overview.globalKey} and ${overview.userKeyPrefix}<id>`),
      h('dt', {}, 'Mode'), h('dd', {}, overview.mode === 'merge' ? 'merge: a user\'s flags override the global ones'
        : 'replace: a user\'s document, when it exists, is their whole answer'),
      h('dt', {}, 'Service'), h('dd', { id: 'flags-state' }, state.status,
        state.lastRefresh ? `, last read ${state.lastRefresh.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC')}` : '')),
    state.staleSince ? h('p', { class: 'warning', role: 'alert' },
      `Reading KV fails since ${state.staleSince}: evaluations answer from the last good documents (${state.lastError ?? ''}).`) : null,
    h('div', { class: 'split' }, h('div', {},
      h('h2', {}, 'Global document'),
      documentTable('global-flags', overview, overview.global, null),
      h('div', { class: 'toolbar' }, h('a', { class: 'button', href: '#/flags/flag', id: 'new-flag' }, 'New flag')),
      !overview.global.exists && Object.keys(overview.defaults).length
        ? h('p', { class: 'help' }, `Until it exists, flags answer from the defaults: ${Object.entries(overview.defaults).map(([n, v]) => `${n} = ${json(v)}`).join(', ')}.`) : null),
    h('aside', {}, preview.section)),
    h('h2', {}, 'User overrides'),
    h('table', { id: 'users' },
      h('caption', {}, users.length ? `Users with a document of their own${overview.users.cursor ? ' (first page)' : ''}` : 'No user has a document of their own.'),
      h('thead', {}, h('tr', {}, ...['User', 'Version', 'Written', 'By'].map((title) => h('th', { scope: 'col' }, title)))),
      h('tbody', {}, users)),
    overview.users.cursor ? h('p', {}, h('a', { href: `#/flags?${new URLSearchParams({ users: overview.users.cursor })}` }, 'More users')) : null,
    openUser,
    h('h2', {}, 'Audit trail'),
    auditTable(audit.entries),
    h('p', {}, h('a', { href: '#/flags/audit', id: 'all-audit' }, 'The whole audit trail')));
  if (query.get('preview') !== null) {
    preview.key.value = query.get('preview');
    await preview.run();
  }
}

async function userView(match, query) {
  const id = query.get('id') ?? '';
  rerender = async () => userView(match, query);
  const [overview, doc] = await Promise.all([get('flags'), get('flags/user', { id })]);
  const preview = previewForm(null);
  preview.key.value = id;
  show(
    crumbs(h('span', { 'aria-current': 'page' }, `User ${id}`)),
    h('h1', {}, `Flags of user ${id}`),
    h('p', { class: 'help' }, overview.mode === 'merge'
      ? 'Merge mode: these flags override the global ones for this user.'
      : 'Replace mode: once this document exists it is the user\'s whole answer; copy the global flags they should keep.'),
    h('div', { class: 'split' }, h('div', {},
      documentTable('user-flags', overview, doc, id),
      h('div', { class: 'toolbar' }, h('a', { class: 'button', href: `#/flags/flag?${new URLSearchParams({ user: id })}`, id: 'new-user-flag' }, 'New flag for this user'))),
    h('aside', {}, preview.section)));
  await preview.run();
}

async function auditView(match, query) {
  const page = await get('flags/audit', { limit: 50, cursor: query.get('cursor') || '' });
  show(crumbs(h('span', { 'aria-current': 'page' }, 'Audit trail')), h('h1', {}, 'Audit trail'), auditTable(page.entries),
    page.cursor ? h('p', {}, h('a', { href: `#/flags/audit?${new URLSearchParams({ cursor: page.cursor })}`, id: 'older' }, 'Older changes')) : null);
}

function field(id, label, control, help) {
  return h('div', { class: 'field' },
    h('label', { for: id }, label), control,
    help ? h('p', { class: 'help', id: `${id}-help` }, help) : null,
    h('p', { class: 'error', id: `${id}-error`, hidden: true, role: 'alert' }));
}

function parseJson(text, what) {
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    return { error: `${what} is not JSON: ${error.message}` };
  }
}

/** The editor of one flag of the global document or of a user's: a plain value, or a flagd definition. */
async function flagView(match, query) {
  const name = query.get('name') ?? '';
  const user = query.get('user') || null;
  const overview = await get('flags');
  const doc = user ? await get('flags/user', { id: user }) : overview.global;
  const exists = name !== '' && name in doc.flags;
  const current = exists ? doc.flags[name] : false;
  const definition = isDefinition(current) ? current : null;

  const nameInput = h('input', { id: 'f-flag', 'data-field': 'flag', value: name, readonly: exists, required: true, autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'f-flag-error' });
  const kindRadio = (value, label) => h('label', { class: 'choice' },
    h('input', { type: 'radio', name: 'kind', value, checked: (value === 'definition') === (definition !== null) }), label);
  const plainInput = h('textarea', { id: 'f-value', 'data-field': 'value', rows: 3, spellcheck: 'false', 'aria-describedby': 'f-value-help f-value-error' });
  plainInput.value = definition ? '' : JSON.stringify(current, null, 2);

  const stateSelect = h('select', { id: 'f-state' }, ['ENABLED', 'DISABLED'].map((s) => h('option', { value: s, selected: (definition?.state ?? 'ENABLED') === s }, s)));
  const variantRows = h('tbody', {});
  const defaultSelect = h('select', { id: 'f-default', 'data-field': 'defaultVariant', 'aria-describedby': 'f-default-error' });
  const rolloutBox = h('input', { type: 'checkbox', id: 'f-rollout-on' });
  const rolloutInputs = h('div', { id: 'rollout-inputs' });
  const targetingInput = h('textarea', { id: 'f-targeting', 'data-field': 'targeting', rows: 5, spellcheck: 'false', 'aria-describedby': 'f-targeting-help f-targeting-error' });
  const initialRollout = rolloutOf(definition?.targeting);
  rolloutBox.checked = initialRollout !== null;
  targetingInput.value = definition?.targeting && !initialRollout ? JSON.stringify(definition.targeting, null, 2) : '';
  const weights = new Map(initialRollout ?? []);

  const variantNames = () => [...variantRows.querySelectorAll('input.variant-name')].map((input) => input.value.trim()).filter((v) => v);
  const refreshVariants = () => {
    const names = variantNames();
    const chosen = defaultSelect.value || definition?.defaultVariant;
    defaultSelect.replaceChildren(h('option', { value: '' }, '(none: the caller\'s default)'),
      ...names.map((v) => h('option', { value: v, selected: v === chosen }, v)));
    for (const input of rolloutInputs.querySelectorAll('input')) weights.set(input.dataset.variant, Number(input.value));
    rolloutInputs.replaceChildren(...names.map((v, i) => h('div', { class: 'choice' },
      h('label', { for: `f-rollout-${i}` }, `Percentage for ${v}`),
      h('input', { id: `f-rollout-${i}`, type: 'number', min: 0, max: 100, step: 1, value: weights.get(v) ?? 0,
        dataset: { variant: v }, disabled: !rolloutBox.checked, 'data-field': 'rollout' }), ' %')));
    targetingField.hidden = rolloutBox.checked;
  };
  let variantCount = 0;
  const addVariant = (variantName, value) => {
    const i = variantCount++;
    const nameCell = h('input', { id: `f-variant-${i}`, class: 'variant-name', value: variantName, autocomplete: 'off', spellcheck: 'false', 'aria-label': `Name of variant ${i + 1}` });
    const valueCell = h('input', { id: `f-variant-value-${i}`, class: 'variant-value mono', value: value === undefined ? '' : json(value), spellcheck: 'false', 'aria-label': `Value of variant ${i + 1} (JSON)` });
    const remove = h('button', { type: 'button', 'aria-label': `Remove variant ${i + 1}` }, 'Remove');
    const row = h('tr', {}, h('td', {}, nameCell), h('td', {}, valueCell), h('td', {}, remove));
    remove.addEventListener('click', () => { row.remove(); refreshVariants(); });
    nameCell.addEventListener('change', refreshVariants);
    variantRows.append(row);
  };
  for (const [variant, value] of Object.entries(definition?.variants ?? { on: true, off: false })) addVariant(variant, value);
  const addButton = h('button', { type: 'button', id: 'add-variant' }, 'Add variant');
  addButton.addEventListener('click', () => { addVariant('', undefined); refreshVariants(); variantRows.lastElementChild.querySelector('input').focus(); });
  rolloutBox.addEventListener('change', refreshVariants);

  const targetingField = field('f-targeting', 'Targeting (JSON Logic, optional)', targetingInput,
    'Rules without a percentage rollout; empty for none.');
  const definitionFields = h('fieldset', { id: 'definition' },
    h('legend', {}, 'Definition (flagd)'),
    field('f-state', 'State', stateSelect, 'A disabled flag answers the caller\'s default.'),
    h('table', { id: 'variants' }, h('caption', {}, 'Variants: a name and its value as JSON (true, "blue", 5, {...})'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'Value'), h('th', { scope: 'col' }, h('span', { class: 'muted' }, 'Remove')))),
      variantRows),
    h('div', { class: 'toolbar' }, addButton),
    h('p', { class: 'error', id: 'f-variants-error', hidden: true, role: 'alert' }),
    field('f-default', 'Default variant', defaultSelect, null),
    h('fieldset', {}, h('legend', {}, 'Rollout'),
      h('label', { class: 'choice' }, rolloutBox, 'Split targeting keys between the variants by percentage (sticky per key, flagd\'s fractional)'),
      rolloutInputs,
      h('p', { class: 'error', id: 'f-rollout-error', hidden: true, role: 'alert' })),
    targetingField);
  const plainFields = field('f-value', 'Value (JSON)', plainInput, 'true, false, "text", a number or an object.');
  const reasonInput = h('input', { id: 'f-reason', autocomplete: 'off', 'aria-describedby': 'f-reason-help' });
  const showKind = () => {
    const kind = form.querySelector('input[name=kind]:checked').value;
    definitionFields.hidden = kind !== 'definition';
    plainFields.hidden = kind === 'definition';
  };
  const removeButton = h('button', { type: 'button', class: 'danger', id: 'remove-flag', hidden: !exists }, 'Remove flag');
  const form = h('form', { id: 'flag-form', novalidate: true },
    field('f-flag', 'Flag', nameInput, null),
    h('fieldset', {}, h('legend', {}, 'Kind'), kindRadio('plain', 'A plain value, the same for everyone'),
      kindRadio('definition', 'Variants, a default variant and a rollout or rules')),
    plainFields, definitionFields,
    field('f-reason', 'Reason (kept in the audit trail)', reasonInput, null),
    h('p', { class: 'error form-error', hidden: true, role: 'alert' }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'save-flag' }, 'Save'), removeButton,
      h('a', { class: 'button', href: user ? userHref(user) : '#/flags' }, 'Back')));
  for (const radio of form.querySelectorAll('input[name=kind]')) radio.addEventListener('change', showKind);

  const build = () => {
    if (form.querySelector('input[name=kind]:checked').value === 'plain') {
      const parsed = parseJson(plainInput.value, 'The value');
      return parsed.error ? { field: 'value', error: parsed.error } : { value: parsed.value };
    }
    const variants = {};
    for (const row of variantRows.querySelectorAll('tr')) {
      const variant = row.querySelector('.variant-name').value.trim();
      if (!variant) continue;
      const parsed = parseJson(row.querySelector('.variant-value').value, `The value of ${variant}`);
      if (parsed.error) return { field: 'variants', error: parsed.error };
      variants[variant] = parsed.value;
    }
    if (Object.keys(variants).length === 0) return { field: 'variants', error: 'Give the flag at least one variant.' };
    const value = { state: stateSelect.value, variants, defaultVariant: defaultSelect.value || null };
    if (rolloutBox.checked) {
      const split = [...rolloutInputs.querySelectorAll('input')].map((input) => [input.dataset.variant, Number(input.value)]);
      if (split.some(([, weight]) => !Number.isInteger(weight) || weight < 0 || weight > 100)) {
        return { field: 'rollout', error: 'Each percentage is a whole number from 0 to 100.' };
      }
      const total = split.reduce((sum, [, weight]) => sum + weight, 0);
      if (total !== 100) return { field: 'rollout', error: `The percentages add up to ${total}; they must add up to 100.` };
      value.targeting = { fractional: split.filter(([, weight]) => weight > 0) };
    } else if (targetingInput.value.trim()) {
      const parsed = parseJson(targetingInput.value, 'The targeting');
      if (parsed.error) return { field: 'targeting', error: parsed.error };
      value.targeting = parsed.value;
    }
    return { value };
  };
  const showError = (fieldName, message) => {
    fieldError(form, null, null);
    const target = { variants: 'f-variants-error', rollout: 'f-rollout-error' }[fieldName];
    if (target) {
      const el = form.querySelector(`#${target}`);
      el.textContent = message;
      el.hidden = false;
      (form.querySelector(fieldName === 'rollout' ? '#rollout-inputs input' : '.variant-name') || el).focus();
    } else {
      fieldError(form, fieldName, message);
    }
  };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    fieldError(form, null, null);
    const flag = nameInput.value.trim();
    if (!exists && flag in doc.flags) {
      fieldError(form, 'flag', `${doc.key} already has a flag ${flag}: edit it instead.`);
      return;
    }
    const built = build();
    if (built.error) {
      showError(built.field, built.error);
      return;
    }
    try {
      const saved = await saveFlag(overview.binding, { flag: nameInput.value.trim(), value: built.value, user,
        reason: reasonInput.value, expectedVersion: doc.version }, `Saving ${nameInput.value}`);
      if (!saved) return;
      toast(`Saved ${nameInput.value} (version ${saved.version})`);
      const key = preview?.ran() ? `&${new URLSearchParams({ preview: preview.key.value })}` : '';
      location.hash = `${flagHref(nameInput.value.trim(), user)}&saved=${saved.version}${key}`;
    } catch (error) {
      showError(error.field === 'value' && form.querySelector('input[name=kind]:checked').value === 'definition' ? 'variants' : error.field, error.message);
    }
  });
  removeButton.addEventListener('click', async () => {
    if (!await confirmAction(`Remove ${name}?`, `This removes ${name} from ${doc.key}; evaluations answer the caller's default.`, 'Remove flag')) return;
    try {
      const saved = await saveFlag(overview.binding, { flag: name, remove: true, user, reason: reasonInput.value, expectedVersion: doc.version }, `Removing ${name}`);
      if (!saved) return;
      toast(`Removed ${name}`);
      location.hash = user ? userHref(user) : '#/flags';
    } catch (error) {
      showError(error.field, error.message);
    }
  });

  const preview = exists ? previewForm(name) : null;
  show(
    crumbs(user ? h('a', { href: userHref(user) }, `User ${user}`) : null,
      h('span', { 'aria-current': 'page' }, exists ? name : 'New flag')),
    h('h1', {}, exists ? `Flag ${name}` : 'New flag', user ? ` for user ${user}` : '', ' ', productionTag(overview.binding)),
    h('p', { class: 'muted' }, `${doc.key}, version ${doc.version}`),
    namespaceInfo(overview.binding)?.production
      ? h('p', { class: 'warning' }, `${overview.binding} is a production namespace: saving asks for a confirmation.`) : null,
    h('div', { class: 'split' }, form, preview ? h('aside', {}, preview.section) : h('div', {})));
  refreshVariants();
  showKind();
  if (preview && query.get('preview') !== null) {
    preview.key.value = query.get('preview');
    await preview.run();
  }
}

export const routes = [
  [/^\/flags$/, flagsView],
  [/^\/flags\/user$/, userView],
  [/^\/flags\/audit$/, auditView],
  [/^\/flags\/flag$/, flagView],
];
