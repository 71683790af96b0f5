import { api, currentSession, signIn, takeSignInNotice } from './api.js';
import { el } from './format.js';

const form = document.getElementById('sign-in');

function showErrors(errors) {
  const summary = document.getElementById('errors');
  const list = document.getElementById('error-list');
  list.replaceChildren(...errors.map(([field, text]) => el('li', {}, el('a', { href: `#${field}`, text }))));
  for (const field of ['username', 'password', 'code']) {
    const message = errors.find(([f]) => f === field);
    const group = document.getElementById(`${field}-group`);
    const error = document.getElementById(`${field}-error`);
    group.classList.toggle('govuk-form-group--error', Boolean(message));
    error.hidden = !message;
    error.replaceChildren(...(message ? [el('span', { class: 'govuk-visually-hidden', text: 'Error: ' }), message[1]] : []));
    document.getElementById(field).setAttribute('aria-invalid', message ? 'true' : 'false');
  }
  summary.hidden = errors.length === 0;
  if (errors.length) summary.focus();
}

form.addEventListener('submit', async (e) => {
  e.preventDefault();
  const username = form.username.value.trim();
  const password = form.password.value;
  const errors = [];
  if (!username) errors.push(['username', 'Enter your username']);
  if (!password) errors.push(['password', 'Enter your password']);
  const asked = !document.getElementById('code-group').hidden;
  const code = form.code.value.replace(/\s/g, '');
  if (asked && !code) errors.push(['code', 'Enter the 6-digit code from your authenticator app']);
  if (errors.length) { showErrors(errors); return; }
  try {
    const s = await signIn(username, password, asked ? code : undefined);
    location.href = homeOf(s.user.role);
  } catch (err) {
    if (err.body.setUpRequired) {
      if (asked) showErrors([['code', err.message]]);
      else await showSetUp(username, password);
      return;
    }
    if (err.body.codeRequired) {
      // The password was right and the account has a second factor: ask for the code. Asked for the
      // first time, that is not a mistake, so no error is shown; a wrong code is one.
      document.getElementById('code-group').hidden = false;
      if (asked) showErrors([['code', err.message]]);
      else { showErrors([]); form.code.focus(); }
      return;
    }
    const field = asked && err.status === 429 ? 'code' : 'username';
    showErrors([[field, err.status === 401 ? 'Username or password is incorrect' : err.message]]);
  }
});

/**
 * This person's role must use two-step verification and they have not set it up: the server gives a new key for
 * their app (for the same username and password), shown as a QR code and as text; the next sign-in sends a code.
 */
async function showSetUp(username, password) {
  try {
    const s = await api('POST', '/api/session/totp-setup', { username, password });
    // The server's SVG is shown as an image, never inserted as markup.
    document.getElementById('setup-qr').src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(s.qrSvg)}`;
    document.getElementById('setup-secret').textContent = s.secret;
    document.getElementById('code-hint').textContent = 'The 6-digit code your app shows for this account.';
    document.getElementById('setup').hidden = false;
    document.getElementById('code-group').hidden = false;
    showErrors([]);
    form.code.focus();
  } catch (err) {
    showErrors([['username', err.message]]);
  }
}

document.getElementById('errors').setAttribute('tabindex', '-1');

// Why the console sent this person here (their session ended), set as text: it comes from the server.
const notice = takeSignInNotice();
if (notice) showNotice(notice);
// Why council sign-in sent this person back here: a fixed code from the server, turned into words
// here, so nothing in a link is ever shown as if the council said it.
const COUNCIL_REFUSALS = {
  off: 'Signing in with a council account is not set up here.',
  state: 'That sign-in could not be finished. Start again from this page.',
  expired: 'That sign-in took too long. Start again from this page.',
  cancelled: 'You did not finish signing in with your council account.',
  provider: "Your council's sign-in service could not be reached. Try again in a few minutes, or ask a technician.",
  token: "Your council's sign-in service sent an answer that could not be checked. Try again, and ask a technician if it happens again.",
  no_group: 'Your council account is not in a group that can use Customer Access Point. Ask your manager.',
  no_username: 'Your council account has no username or email address that this service can use. Ask a technician.',
  taken: 'Another council account already uses this username here. Ask an administrator.',
  disabled: 'Your account has been turned off. Ask an administrator if you need it back.',
};

function showNotice(text) {
  document.getElementById('notice-text').textContent = text;
  document.getElementById('notice').hidden = false;
}

const refusal = new URLSearchParams(location.search).get('oidc');
if (refusal && Object.hasOwn(COUNCIL_REFUSALS, refusal)) {
  showNotice(COUNCIL_REFUSALS[refusal]);
  history.replaceState(null, '', '/index.html');
}

/** Offers the council's sign-in when the server has it, and hides passwords where they are off. */
async function offerCouncilSignIn() {
  const response = await fetch('/api/oidc', { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  if (!response.ok) return;
  const about = await response.json();
  if (about.enabled) {
    document.getElementById('council-sign-in-link').textContent = about.label;
    document.getElementById('council-sign-in').hidden = false;
  }
  if (!about.localPasswords) {
    form.hidden = true;
    document.getElementById('password-instead').hidden = true;
  }
}
offerCouncilSignIn().catch(() => {});

/** Technicians and admins look after the kiosks; everyone else takes or supervises calls. */
function homeOf(role) {
  return role === 'TECHNICIAN' || role === 'ADMIN' ? '/fleet.html' : '/console.html';
}

currentSession().then((s) => { if (s) location.href = homeOf(s.user.role); }).catch(() => {});
