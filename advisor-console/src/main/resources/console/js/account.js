// A member of staff's own two-step verification: set up an authenticator app (QR code, or the key to type),
// confirm it with a code, or turn it off with a code. Every word about the result comes from the server.
import { api, currentSession } from './api.js';
import { el } from './format.js';

const $ = (id) => document.getElementById(id);
const FIELDS = ['confirm-code', 'off-code'];

function showErrors(errors) {
  $('error-list').replaceChildren(...errors.map(([field, text]) => el('li', {}, el('a', { href: `#${field}`, text }))));
  for (const field of FIELDS) {
    const message = errors.find(([f]) => f === field);
    $(`${field}-group`).classList.toggle('govuk-form-group--error', Boolean(message));
    $(`${field}-error`).hidden = !message;
    $(`${field}-error`).replaceChildren(...(message ? [el('span', { class: 'govuk-visually-hidden', text: 'Error: ' }), message[1]] : []));
    $(field).setAttribute('aria-invalid', message ? 'true' : 'false');
  }
  $('errors').hidden = errors.length === 0;
  if (errors.length) $('errors').focus();
}

// What the server says this person may do here: someone who signs in through the council has nothing to
// set up (their provider's checks apply), and a role that must use it has nothing to turn off.
let policy = { council: false, required: false };

function statusText(state) {
  if (policy.council) {
    return 'You sign in with your council account; its own sign-in checks (such as multi-factor authentication) '
      + 'apply. Two-step verification here is only for signing in with a password.';
  }
  return state.on
    ? 'Two-step verification is on. You sign in with your password and a code from your authenticator app.'
    : 'Two-step verification is off. You sign in with your password only.';
}

function show(state, done) {
  $('status').textContent = statusText(state);
  $('required').hidden = policy.council || !policy.required;
  $('off').hidden = policy.council || state.on || state.setup;
  $('setup').hidden = policy.council || !state.setup;
  $('on').hidden = policy.council || policy.required || !state.on;
  $('done').hidden = !done;
  $('done-text').textContent = done || '';
}

async function start() {
  showErrors([]);
  try {
    const r = await api('POST', '/api/account/totp', {});
    $('secret').textContent = r.secret;
    // The QR code is the server's, for this set-up only; a fresh address so no older one is shown.
    $('qr').src = `/api/account/totp/qr.svg?at=${Date.now()}`;
    $('confirm-code').value = '';
    show({ on: false, setup: true });
    $('confirm-code').focus();
  } catch (err) {
    showErrors([['confirm-code', err.message]]);
  }
}

function codeOr(field, errors) {
  const code = $(field).value.replace(/\s/g, '');
  if (!code) errors.push([field, 'Enter the 6-digit code from your authenticator app']);
  return code;
}

async function send(path, field, after) {
  const errors = [];
  const code = codeOr(field, errors);
  if (errors.length) { showErrors(errors); return; }
  try {
    await api('POST', path, { code });
    showErrors([]);
    $(field).value = '';
    after();
  } catch (err) {
    showErrors([[field, err.message]]);
  }
}

async function main() {
  const session = await currentSession();
  if (!session) { location.href = '/index.html'; return; }
  const role = session.user.role;
  $('who').textContent = `${session.user.displayName} (${role.toLowerCase()})`;
  if (role === 'TECHNICIAN' || role === 'ADMIN') $('home-link').href = '/fleet.html';
  $('start').addEventListener('click', start);
  $('confirm-form').addEventListener('submit', (e) => {
    e.preventDefault();
    send('/api/account/totp/confirm', 'confirm-code', () => show({ on: true }, 'Two-step verification is on.'));
  });
  $('off-form').addEventListener('submit', (e) => {
    e.preventDefault();
    send('/api/account/totp/off', 'off-code', () => show({ on: false }, 'Two-step verification is off.'));
  });
  const state = await api('GET', '/api/account/totp');
  policy = { council: state.council === true, required: state.required === true };
  show({ on: state.on, setup: false });
}

main();
