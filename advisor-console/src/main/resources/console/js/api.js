// The REST API as the console uses it: JSON in and out, the CSRF token on every change, and one
// place that sends a signed-out person back to sign in.

let csrfToken = null;

export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.error) || `The server answered ${status}`);
    this.status = status;
    this.body = body || {};
  }
}

export async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const response = await fetch(path, {
    method, headers, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = { error: text }; }
  if (response.status === 401 && !path.startsWith('/api/session')) {
    location.href = '/index.html';
    throw new ApiError(401, data);
  }
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

/** Loads who is signed in (and the CSRF token); null when nobody is. */
export async function currentSession() {
  try {
    const s = await api('GET', '/api/session');
    csrfToken = s.csrfToken;
    return s;
  } catch (e) {
    if (e.status === 401) return null;
    throw e;
  }
}

/** {@code code}: the one-time code from an authenticator app, once the server has asked for it. */
export async function signIn(username, password, code) {
  const s = await api('POST', '/api/session', code === undefined ? { username, password } : { username, password, code });
  csrfToken = s.csrfToken;
  return s;
}

const NOTICE_KEY = 'cap.signInNotice';

/** Goes back to the sign-in page, which shows why (a session that ended, say). */
export function showAtSignIn(reason) {
  try { sessionStorage.setItem(NOTICE_KEY, reason); } catch { /* storage off: the page still goes to sign-in */ }
  location.href = '/index.html';
}

/** The reason left by showAtSignIn, once. */
export function takeSignInNotice() {
  try {
    const reason = sessionStorage.getItem(NOTICE_KEY);
    sessionStorage.removeItem(NOTICE_KEY);
    return reason;
  } catch { return null; }
}

export async function signOut() {
  await api('DELETE', '/api/session');
  csrfToken = null;
}
