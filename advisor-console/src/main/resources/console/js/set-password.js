// The page a one-time password link opens: checks the link, then sets the password once. The token is taken out
// of the address bar at once, so it is not left in the browser's history or shown over someone's shoulder.
import { api } from './api.js';
import { el } from './format.js';

const $ = (id) => document.getElementById(id);
const token = new URLSearchParams(location.search).get('token') || '';
history.replaceState(null, '', location.pathname);

function show(id) {
  for (const part of ['checking', 'link-broken', 'set', 'finished']) $(part).hidden = part !== id;
}

function broken(message) {
  $('link-broken-text').textContent = message;
  show('link-broken');
}

function showErrors(errors) {
  $('error-list').replaceChildren(...errors.map(([field, text]) => el('li', {}, el('a', { href: `#${field}`, text }))));
  for (const field of ['password', 'confirm']) {
    const message = errors.find(([f]) => f === field);
    $(`${field}-group`).classList.toggle('govuk-form-group--error', Boolean(message));
    $(`${field}-error`).hidden = !message;
    $(`${field}-error`).replaceChildren(...(message ? [el('span', { class: 'govuk-visually-hidden', text: 'Error: ' }), message[1]] : []));
    $(field).setAttribute('aria-invalid', message ? 'true' : 'false');
  }
  $('errors').hidden = errors.length === 0;
  if (errors.length) $('errors').focus();
}

$('password-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const password = $('password').value;
  const errors = [];
  if (!password) errors.push(['password', 'Enter a password']);
  else if ([...password].length < 12) errors.push(['password', 'Your password must be at least 12 characters long']);
  if (password && $('confirm').value !== password) errors.push(['confirm', 'The passwords do not match']);
  if (errors.length) { showErrors(errors); return; }
  try {
    await api('POST', '/api/password', { token, password });
    showErrors([]);
    show('finished');
    $('finished-title').focus();
  } catch (err) {
    if (err.body && err.body.details && err.body.details.password) {
      showErrors([['password', err.body.details.password]]);
    } else {
      showErrors([]);
      broken(err.message);
    }
  }
});

async function start() {
  if (!token) {
    broken('This page needs the whole link you were sent. Ask an administrator for a new one if it does not work.');
    return;
  }
  try {
    const who = await api('POST', '/api/password/check', { token });
    $('greeting').textContent = `Choose a password for ${who.displayName} (username ${who.username}).`;
    $('username').value = who.username;
    show('set');
  } catch (err) {
    broken(err.message);
  }
}

start();
