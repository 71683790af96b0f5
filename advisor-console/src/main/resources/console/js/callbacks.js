// The Call backs page: the lists (due now, overdue, assigned to me, later), opening one (the server shows the phone
// number only here, and audits each look), taking it, and recording what happened (it goes on the case). Advisors and
// supervisors only: the server refuses anyone else.
import { api, currentSession, signOut } from './api.js';
import { el, languageLine } from './format.js';

const $ = (id) => document.getElementById(id);
const VIEWS = { due: 'Due now', overdue: 'Overdue', mine: 'Assigned to me', later: 'Later' };
const TIMING_TAGS = { due: ['Due now', 'govuk-tag--green'], overdue: ['Overdue', 'govuk-tag--red'], later: ['Later', 'govuk-tag--grey'] };
const REFRESH_MS = 30_000;

let me = null;
let view = 'due';
let open = null;

function chosenView() {
  const asked = new URLSearchParams(location.search).get('view');
  return Object.hasOwn(VIEWS, asked || '') ? asked : 'due';
}

function tag(text, colour) {
  return el('strong', { class: `govuk-tag ${colour}`, text });
}

function statusCell(c) {
  const [text, colour] = TIMING_TAGS[c.timing] || [c.timing, 'govuk-tag--grey'];
  return el('td', { class: 'govuk-table__cell' }, tag(text, colour),
    c.status === 'NO_ANSWER' ? el('span', { class: 'govuk-body-s', text: ` No answer (${c.attempts} tried)` }) : null,
    c.assignedName ? el('span', { class: 'govuk-body-s', text: ` Taken by ${c.assignedName}` }) : null);
}

function row(c) {
  const cell = (...children) => el('td', { class: 'govuk-table__cell' }, ...children);
  return el('tr', { class: 'govuk-table__row' },
    cell(c.slotText),
    cell(c.name),
    cell(c.theme),
    cell(...(c.language ? languageLine(c.language).slice(1) : ['—'])),
    statusCell(c),
    cell(el('button', { type: 'button', class: 'govuk-button govuk-button--secondary govuk-!-margin-bottom-0',
      'data-open': c.id, text: 'Open', 'aria-label': `Open the call back for ${c.name}` })));
}

async function load() {
  const data = await api('GET', `/api/callbacks?view=${view}`);
  for (const [k, n] of Object.entries(data.counts)) {
    const count = $(`count-${k}`);
    if (count) count.textContent = String(n);
  }
  $('callback-rows').replaceChildren(...data.callbacks.map(row));
  $('callbacks').hidden = data.callbacks.length === 0;
  $('list-status').textContent = data.callbacks.length === 0
    ? `There are no call backs ${view === 'mine' ? 'assigned to you' : VIEWS[view].toLowerCase()}.`
    : `${data.callbacks.length} call back${data.callbacks.length === 1 ? '' : 's'}.`;
}

function detail(label, ...value) {
  return el('div', { class: 'govuk-summary-list__row' },
    el('dt', { class: 'govuk-summary-list__key', text: label }),
    el('dd', { class: 'govuk-summary-list__value' }, ...value));
}

function showPanel(c) {
  open = c;
  $('panel-title').textContent = `Call back ${c.reference}`;
  $('panel-details').replaceChildren(
    detail('Name', c.name),
    detail('Phone', el('a', { class: 'govuk-link', href: `tel:${c.phoneE164}`, text: c.phone })),
    detail('When to call', c.slotText),
    detail('Enquiry', c.theme),
    detail('Language', ...(c.language ? languageLine(c.language).slice(1) : ['Not given'])),
    detail('Asked at', `${c.kioskName} (${c.siteName})`),
    detail('Case', el('a', { class: 'govuk-link', href: `/case.html?id=${c.caseId}`, text: c.caseReference })),
    detail('Status', c.statusText + (c.attempts ? ` (${c.attempts} tried)` : '')),
    detail('Taken by', c.assignedName || 'Nobody yet'),
    ...(c.resultNotes ? [detail('Last notes', c.resultNotes)] : []));
  const mine = c.assignedTo === me.id;
  const stillOpen = c.status === 'REQUESTED' || c.status === 'NO_ANSWER';
  $('take').hidden = !stillOpen || mine;
  $('result-form').hidden = !stillOpen || !(mine || me.role === 'SUPERVISOR');
  $('result-form').reset();
  $('result-errors').hidden = true;
  $('callback-panel').hidden = false;
  $('panel-title').focus();
}

async function openCallback(id) {
  showPanel(await api('GET', `/api/callbacks/${id}`));
}

function closePanel() {
  const id = open && open.id;
  open = null;
  $('callback-panel').hidden = true;
  const back = id && document.querySelector(`[data-open="${id}"]`);
  if (back) back.focus();
}

function problem(message, href) {
  $('result-error-list').replaceChildren(el('li', {}, href ? el('a', { href, text: message }) : message));
  $('result-errors').hidden = false;
  $('result-errors').focus();
}

async function saveResult(e) {
  e.preventDefault();
  const form = e.target;
  const result = form.result.value;
  if (!result) {
    problem('Select what happened', '#result-resolved');
    return;
  }
  try {
    const saved = await api('POST', `/api/callbacks/${open.id}/result`, { result, notes: form.notes.value });
    $('done-text').textContent = `Call back ${saved.reference}: ${saved.statusText}. It is on case ${saved.caseReference}.`;
    $('done-banner').hidden = false;
    $('callback-panel').hidden = true;
    open = null;
    await load();
    $('done-banner').focus();
  } catch (err) {
    problem(err.message);
  }
}

async function take() {
  try {
    showPanel(await api('POST', `/api/callbacks/${open.id}/take`, {}));
    await load();
  } catch (err) {
    $('done-banner').hidden = true;
    problem(err.message);
    $('result-form').hidden = false;
  }
}

async function main() {
  const session = await currentSession();
  if (!session) { location.href = '/index.html'; return; }
  me = session.user;
  if (me.role !== 'ADVISOR' && me.role !== 'SUPERVISOR') { location.href = '/fleet.html'; return; }
  $('who').textContent = `${me.displayName} (${me.role.toLowerCase()})`;
  view = chosenView();
  $('list-title').textContent = VIEWS[view];
  $('list-caption').textContent = `Call backs: ${VIEWS[view].toLowerCase()}`;
  document.querySelectorAll('[data-view]').forEach((a) => {
    if (a.dataset.view === view) a.setAttribute('aria-current', 'page');
  });
  $('done-banner').setAttribute('tabindex', '-1');
  $('callback-rows').addEventListener('click', (e) => {
    const button = e.target.closest('[data-open]');
    if (button) openCallback(button.dataset.open).catch((err) => { $('list-status').textContent = err.message; });
  });
  $('take').addEventListener('click', take);
  $('result-form').addEventListener('submit', saveResult);
  $('panel-close').addEventListener('click', closePanel);
  $('sign-out').addEventListener('click', async () => { await signOut(); location.href = '/index.html'; });
  await load();
  setInterval(() => { load().catch(() => {}); }, REFRESH_MS);
}

main().catch((err) => { $('list-status').textContent = err.message; });
