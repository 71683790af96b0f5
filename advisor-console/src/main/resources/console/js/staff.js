// The staff page (admins only): everyone who can sign in with their role, skills and last sign-in; adding
// someone (who then sets their own password through a one-time link); changing their name, role and skills;
// turning an account off or on; and a new password link for someone who forgot theirs. Every change asks why:
// the reason goes to the audit log. The server checks everything again.
import { api, currentSession, signOut } from './api.js';
import { el, when } from './format.js';

const $ = (id) => document.getElementById(id);
const ROLE_NAMES = { ADVISOR: 'Advisor', SUPERVISOR: 'Supervisor', TECHNICIAN: 'Technician', ADMIN: 'Admin' };
const ROLE_HINTS = {
  ADVISOR: 'Takes calls from residents.',
  SUPERVISOR: 'Takes calls, watches the queue and reads the audit log.',
  TECHNICIAN: 'Looks after the kiosks on the fleet page. Takes no calls.',
  ADMIN: 'Looks after kiosks and staff accounts. Takes no calls.',
};
const HOW = { password: 'password', 'password+totp': 'password and code', oidc: 'council sign-in' };
const STAFF_FIELDS = ['username', 'signIn', 'displayName', 'role', 'themes', 'sites', 'languages', 'reason'];

let staff = [];
let options = { roles: [], themes: [], sites: [], languages: [] };
let editing = null; // the member being changed; null when adding someone

function done(text) {
  $('done-text').textContent = text;
  $('done-banner').hidden = false;
}

function tag(text, colour) {
  return el('strong', { class: `govuk-tag ${colour}`, text });
}

function nameOf(list, key, value) {
  const found = list.find((o) => o[key] === value);
  return found ? found.name : value;
}

function skillsCell(m) {
  if (m.role !== 'ADVISOR' && m.role !== 'SUPERVISOR') return el('span', { class: 'govuk-body-s', text: '—' });
  const sites = m.sites.length ? m.sites.map((s) => nameOf(options.sites, 'id', s)).join(', ') : 'Every site';
  const languages = m.languages.map((l) => nameOf(options.languages, 'code', l)).join(', ') || 'None recorded';
  return el('dl', { class: 'govuk-body-s govuk-!-margin-0' },
    el('dt', { class: 'govuk-!-font-weight-bold', text: 'Themes' }), el('dd', { class: 'govuk-!-margin-0', text: m.themes.join(', ') || 'None' }),
    el('dt', { class: 'govuk-!-font-weight-bold', text: 'Sites' }), el('dd', { class: 'govuk-!-margin-0', text: sites }),
    el('dt', { class: 'govuk-!-font-weight-bold', text: 'Languages' }), el('dd', { class: 'govuk-!-margin-0', text: languages }));
}

function accountCell(m) {
  if (m.disabled) return tag('Turned off', 'govuk-tag--grey');
  if (m.councilSignIn) return tag('Council account', 'govuk-tag--blue');
  if (!m.hasPassword && !m.lastSignedInAt) return tag('No password yet', 'govuk-tag--yellow');
  return tag('Active', 'govuk-tag--green');
}

function lastSignInCell(m) {
  if (!m.lastSignedInAt) return el('span', { class: 'govuk-body-s', text: 'Never' });
  return el('span', { class: 'govuk-body-s' }, when(m.lastSignedInAt),
    m.lastSignedInBy ? el('br') : null, m.lastSignedInBy ? `with ${HOW[m.lastSignedInBy] || m.lastSignedInBy}` : null);
}

function render() {
  $('staff-rows').replaceChildren(...staff.map((m) => {
    const change = el('button', { type: 'button', class: 'govuk-button govuk-button--secondary govuk-!-margin-bottom-0', 'data-staff': m.username, text: 'Change' },
      el('span', { class: 'govuk-visually-hidden', text: ` ${m.displayName}` }));
    change.addEventListener('click', () => openChange(m.id));
    return el('tr', { class: 'govuk-table__row', 'data-staff-row': m.username },
      el('td', { class: 'govuk-table__cell' }, el('strong', { text: m.displayName }), el('br'), el('span', { class: 'govuk-body-s', text: m.username })),
      el('td', { class: 'govuk-table__cell', text: ROLE_NAMES[m.role] || m.role }),
      el('td', { class: 'govuk-table__cell' }, skillsCell(m)),
      el('td', { class: 'govuk-table__cell' }, lastSignInCell(m)),
      el('td', { class: 'govuk-table__cell' }, accountCell(m)),
      el('td', { class: 'govuk-table__cell' }, change));
  }));
}

async function load() {
  const data = await api('GET', '/api/staff');
  staff = data.staff;
  options = data.options;
  render();
  $('loading').hidden = true;
}

// ---- the add / change form ----

function choiceItems(kind, type, items, chosen) {
  return items.map((item, i) => {
    const id = i === 0 ? kind : `${kind}-${i}`;
    const input = el('input', { class: `govuk-${type}__input`, id, name: kind, type: type === 'radios' ? 'radio' : 'checkbox', value: item.value });
    input.checked = chosen.includes(item.value);
    const hintId = item.hint ? `${id}-hint` : null;
    if (hintId) input.setAttribute('aria-describedby', hintId);
    return el('div', { class: `govuk-${type}__item` }, input,
      el('label', { class: `govuk-label govuk-${type}__label`, for: id, text: item.label }),
      hintId ? el('div', { class: `govuk-hint govuk-${type}__hint`, id: hintId, text: item.hint }) : null);
  });
}

const SIGN_IN_CHOICES = [
  { value: 'council', label: 'With their council account',
    hint: 'Their username here must be the one the council\'s sign-in gives them, such as sam.jones@council.example.' },
  { value: 'password', label: 'With a password set here', hint: 'You get a one-time link to send them.' },
];

function byCouncil() {
  return !editing && options.councilSignIn && checked('signIn')[0] === 'council';
}

function labelSaveButton() {
  $('staff-save').textContent = editing ? 'Save changes' : (byCouncil() ? 'Add' : 'Add and make a password link');
}

function fillChoices(m) {
  $('signIn-options').replaceChildren(...choiceItems('signIn', 'radios', SIGN_IN_CHOICES, ['council']));
  $('role-options').replaceChildren(...choiceItems('role', 'radios',
    options.roles.map((r) => ({ value: r, label: ROLE_NAMES[r] || r, hint: ROLE_HINTS[r] })), m ? [m.role] : []));
  $('themes-options').replaceChildren(...choiceItems('themes', 'checkboxes',
    options.themes.map((t) => ({ value: t, label: t })), m ? m.themes : []));
  $('sites-options').replaceChildren(...choiceItems('sites', 'checkboxes',
    options.sites.map((s) => ({ value: s.id, label: s.name })), m ? m.sites : []));
  $('languages-options').replaceChildren(...choiceItems('languages', 'checkboxes',
    options.languages.map((l) => ({ value: l.code, label: l.name })), m ? m.languages : []));
}

function openPanel(m) {
  editing = m;
  $('link-panel').hidden = true;
  $('done-banner').hidden = true;
  showErrors('staff', STAFF_FIELDS, []);
  showErrors('account', ['account-reason'], []);
  const form = $('staff-form');
  form.reset();
  fillChoices(m);
  $('staff-panel-title').textContent = m ? `Change ${m.displayName}` : 'Add a member of staff';
  $('username-group').hidden = Boolean(m);
  $('username-shown').hidden = !m;
  $('username-value').textContent = m ? m.username : '';
  $('displayName').value = m ? m.displayName : '';
  $('signIn-group').hidden = Boolean(m) || !options.councilSignIn;
  $('council-note').hidden = !(m && m.councilSignIn);
  labelSaveButton();
  $('account-actions').hidden = !m;
  $('turn-off').hidden = !m || m.disabled;
  $('turn-on').hidden = !m || !m.disabled;
  $('make-link').hidden = !m || m.disabled || m.councilSignIn;
  $('account-reason').value = '';
  $('staff-panel').hidden = false;
  $('staff-panel-title').focus();
}

async function openChange(id) {
  const data = await api('GET', `/api/staff/${encodeURIComponent(id)}`);
  options = data.options;
  openPanel(data.member);
}

function closePanel() {
  $('staff-panel').hidden = true;
  editing = null;
}

function checked(name) {
  return [...document.querySelectorAll(`#staff-form input[name="${name}"]:checked`)].map((i) => i.value);
}

/** Shows field errors ([field, text] pairs) on one form: each field's message, and the summary linking to them. */
function showErrors(prefix, fields, errors) {
  const summary = $(`${prefix}-errors`);
  $(`${prefix}-error-list`).replaceChildren(...errors.map(([field, text]) => el('li', {}, el('a', { href: `#${field}`, text }))));
  for (const field of fields) {
    const message = errors.find(([f]) => f === field);
    $(`${field}-group`).classList.toggle('govuk-form-group--error', Boolean(message));
    const error = $(`${field}-error`);
    error.hidden = !message;
    error.replaceChildren(...(message ? [el('span', { class: 'govuk-visually-hidden', text: 'Error: ' }), message[1]] : []));
    const input = $(field);
    if (input && (input.tagName === 'TEXTAREA' || input.type === 'text')) input.setAttribute('aria-invalid', message ? 'true' : 'false');
  }
  summary.hidden = errors.length === 0;
  if (errors.length) summary.focus();
}

/** The server's refusal as field errors: its details when it names fields, else its message on one field. */
function errorsFrom(err, fieldFor, fallbackField) {
  const details = err.body && err.body.details;
  if (details && Object.keys(details).length) {
    return Object.entries(details).map(([field, text]) => [fieldFor(field), text]);
  }
  return [[fallbackField, err.message]];
}

function showLink(member, link, intro) {
  $('link-title').textContent = intro;
  $('link-for').textContent = `Send this link to ${member.displayName} (username ${member.username}). It works once, to set their password.`;
  $('link-text').textContent = new URL(link.path, location.origin).href;
  $('link-expires').textContent = `It stops working on ${when(link.expiresAt)}.`;
  $('copy-done').textContent = '';
  $('link-panel').hidden = false;
  $('link-title').focus();
}

$('staff-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const body = {
    displayName: $('displayName').value.trim(),
    role: checked('role')[0] || '',
    themes: checked('themes'),
    sites: checked('sites'),
    languages: checked('languages'),
    reason: $('reason').value.trim(),
  };
  const council = byCouncil();
  const errors = [];
  if (!editing && !$('username').value.trim()) errors.push(['username', 'Enter a username']);
  if (!body.displayName) errors.push(['displayName', 'Enter the person\'s full name']);
  if (!body.role) errors.push(['role', 'Select a role']);
  if (!body.reason) errors.push(['reason', 'Enter the reason for this change']);
  if (errors.length) { showErrors('staff', STAFF_FIELDS, errors); return; }
  try {
    if (editing) {
      const r = await api('PUT', `/api/staff/${encodeURIComponent(editing.id)}`, body);
      closePanel();
      await load();
      done(`${r.member.displayName} has been changed.`);
    } else {
      const signIn = council ? 'council' : 'password';
      const r = await api('POST', '/api/staff', { username: $('username').value.trim(), signIn, ...body });
      closePanel();
      await load();
      if (r.passwordLink) showLink(r.member, r.passwordLink, `${r.member.displayName} has been added`);
      else done(`${r.member.displayName} has been added. They sign in with their council account.`);
    }
  } catch (err) {
    showErrors('staff', STAFF_FIELDS, errorsFrom(err, (f) => (STAFF_FIELDS.includes(f) ? f : 'reason'), 'reason'));
  }
});

async function accountAction(path, after) {
  const reason = $('account-reason').value.trim();
  if (!reason) {
    showErrors('account', ['account-reason'], [['account-reason', 'Enter the reason for this change']]);
    return;
  }
  const member = editing;
  try {
    const r = await api('POST', `/api/staff/${encodeURIComponent(member.id)}/${path}`, { reason });
    closePanel();
    await load();
    after(member, r);
  } catch (err) {
    showErrors('account', ['account-reason'], errorsFrom(err, () => 'account-reason', 'account-reason'));
  }
}

$('turn-off').addEventListener('click', () => accountAction('disable',
  (m) => done(`${m.displayName}'s account is turned off. They have been signed out.`)));
$('turn-on').addEventListener('click', () => accountAction('enable',
  (m) => done(`${m.displayName}'s account is turned on again.`)));
$('reset-totp').addEventListener('click', () => accountAction('totp-reset',
  (m, r) => done(r.reset
    ? `${m.displayName}'s two-step verification is reset. They can set it up again on their account page.`
    : `${m.displayName} did not have two-step verification on. Nothing was changed.`)));
$('make-link').addEventListener('click', () => accountAction('password-link',
  (m, r) => showLink(m, r.passwordLink, 'Password link made')));

$('add-button').addEventListener('click', () => openPanel(null));
$('signIn-options').addEventListener('change', labelSaveButton);
$('staff-cancel').addEventListener('click', closePanel);
$('copy-link').addEventListener('click', async () => {
  try {
    await navigator.clipboard.writeText($('link-text').textContent);
    $('copy-done').textContent = 'Link copied.';
  } catch {
    // No clipboard here (a page not served over HTTPS, say): select the link so it can be copied by hand.
    window.getSelection().selectAllChildren($('link-text'));
    $('copy-done').textContent = 'The link is selected: copy it with Ctrl+C.';
  }
});

async function start() {
  const session = await currentSession();
  if (!session) { location.href = '/index.html'; return; }
  if (session.user.role !== 'ADMIN') { location.href = '/fleet.html'; return; }
  $('who').textContent = `${session.user.displayName} (admin)`;
  $('sign-out').addEventListener('click', async () => { await signOut(); location.href = '/index.html'; });
  await load();
}

start().catch((e) => { $('loading').textContent = `The staff list could not be loaded: ${e.message}`; });
