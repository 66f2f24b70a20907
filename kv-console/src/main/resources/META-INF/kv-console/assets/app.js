// The console's entry point: the header, the router (the part of the URL after #), the sections that extensions
// add, and sign-in to the emulator.
import { ApiError, loadSession, setApiToken } from './api.js';
import { h, show } from './dom.js';
import { namespacesView, keysView, keyView, keyFormView } from './browser.js';

const routes = [
  [/^\/?$/, () => namespacesView()],
  [/^\/ns\/([^/]+)$/, (m, q) => keysView(decodeURIComponent(m[1]), q)],
  [/^\/ns\/([^/]+)\/key$/, (m, q) => keyView(decodeURIComponent(m[1]), q.get('k') ?? '')],
  [/^\/ns\/([^/]+)\/new$/, (m) => keyFormView(decodeURIComponent(m[1]), null)],
  [/^\/ns\/([^/]+)\/edit$/, (m, q) => keyFormView(decodeURIComponent(m[1]), q.get('k') ?? '')],
];

// An extension (the session's "extensions") has a link in the header and a page module, assets/<name>.js, whose
// export `routes` holds more [pattern, view] pairs for paths under /<name>. Each module is imported once, when a
// page under its path is first shown.
const extraRoutes = [];
const loadedExtensions = new Set();

async function loadExtension(session, path) {
  for (const extension of session.extensions || []) {
    const inside = path === `/${extension.name}` || path.startsWith(`/${extension.name}/`);
    if (!inside || loadedExtensions.has(extension.name)) continue;
    const module = await import(`./${extension.name}.js`);
    extraRoutes.push(...(module.routes || []));
    loadedExtensions.add(extension.name);
  }
}

async function render() {
  try {
    await renderRoute();
  } finally {
    // Which route is on screen, for tests and tools that wait for the page.
    document.documentElement.dataset.route = location.hash;
  }
}

async function renderRoute() {
  const hash = location.hash.replace(/^#/, '') || '/';
  const [path, query = ''] = hash.split('?');
  const params = new URLSearchParams(query);
  try {
    const session = await loadSession();
    renderHeader(session);
    await loadExtension(session, path);
    for (const [pattern, view] of [...routes, ...extraRoutes]) {
      const match = pattern.exec(path);
      if (match) {
        await view(match, params);
        return;
      }
    }
    show(h('h1', {}, 'Not found'), h('p', {}, 'The console has no page here. ', h('a', { href: '#/' }, 'Namespaces')));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401 && error.message.includes('API token')) {
      signInView(error.message);
    } else {
      show(h('h1', {}, 'Something went wrong'), h('p', { class: 'error', role: 'alert' }, error.message));
    }
  }
}

function renderHeader(session) {
  const backend = document.getElementById('backend');
  backend.dataset.kind = session.backend.kind;
  backend.textContent = `${session.backend.label}: ${session.backend.description}`;
  backend.title = session.backend.kind === 'cloudflare' ? 'Real data on Cloudflare' : '';
  const nav = document.getElementById('sections');
  for (const extension of session.extensions || []) {
    if (!document.getElementById(`nav-${extension.name}`)) {
      nav.append(h('a', { href: `#/${extension.name}`, id: `nav-${extension.name}` }, extension.label));
    }
  }
}

function signInView(message) {
  const form = h('form', { class: 'field', id: 'sign-in' },
    h('label', { for: 'api-token' }, 'API token'),
    h('input', { id: 'api-token', type: 'password', autocomplete: 'off', required: true }),
    h('p', { class: 'help' }, 'The token the emulator was started with (KV_EMULATOR_TOKEN). It is kept only in this tab.'),
    h('div', { class: 'actions' }, h('button', { class: 'primary', type: 'submit' }, 'Sign in')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    setApiToken(form.querySelector('#api-token').value);
    render();
  });
  show(h('h1', {}, 'Sign in'), h('p', { role: 'alert' }, message), form);
}

document.addEventListener('keydown', (event) => {
  const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement?.tagName);
  if (event.key === '/' && !typing) {
    const search = document.getElementById('prefix');
    if (search) {
      event.preventDefault();
      search.focus();
    }
  }
});

window.addEventListener('hashchange', render);
render();
