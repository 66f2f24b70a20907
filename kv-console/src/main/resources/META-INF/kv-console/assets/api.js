// The console's JSON API, relative to the page (so the console works under any path).

const TOKEN_KEY = 'kv-console-api-token';

export class ApiError extends Error {
  constructor(status, message, field) {
    super(message);
    this.status = status;
    this.field = field;
  }
}

let session = null;

function headers(extra = {}) {
  const all = { ...extra };
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) all.Authorization = `Bearer ${token}`;
  return all;
}

async function call(method, path, params, body, extraHeaders = {}) {
  const url = new URL(`api/${path}`, document.baseURI);
  for (const [name, value] of Object.entries(params || {})) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(name, value);
  }
  const init = { method, headers: headers(extraHeaders), credentials: 'same-origin' };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(url, init);
  if (!response.ok) {
    let message = `${response.status} ${response.statusText}`;
    let field;
    try {
      const error = await response.json();
      message = error.error || message;
      field = error.field;
    } catch {
      // not JSON: keep the status line
    }
    throw new ApiError(response.status, message, field);
  }
  return path === 'raw' ? response.blob() : response.json();
}

export async function loadSession(force = false) {
  if (!session || force) session = await call('GET', 'session');
  return session;
}

export function currentSession() {
  return session;
}

export function namespaceInfo(name) {
  return (session?.namespaces || []).find((ns) => ns.name === name);
}

export function get(path, params) {
  return call('GET', path, params);
}

/** A write: the session's write headers, and the production confirmation when the namespace needs it. */
export function write(method, path, params, body, confirmedNamespace) {
  const extra = { ...(session?.writeHeaders || {}) };
  if (confirmedNamespace) extra['X-KV-Console-Confirm'] = confirmedNamespace;
  return call(method, path, params, body, extra);
}

export function setApiToken(token) {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
  session = null;
}
