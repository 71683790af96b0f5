// Forms during a call: search the library, send a form to the kiosk, watch and help with every answer as it is
// typed (with who typed it and the same errors the resident sees), pause and resume, and see the signed PDF arrive.
//
// Stable hooks for tests: #form-q, "Search forms", "Send to kiosk" buttons (#send-<formId>), #live-form,
// #form-progress, rows #row-<field> with inputs #af-<field>, "Pause form" (#form-pause), #form-result.
import { api } from './api.js';
import { el } from './format.js';
import { MessageType } from '/protocol/cap-protocol.js';

const $ = (id) => document.getElementById(id);
const TYPING_DEBOUNCE_MS = 300;

let send = () => false;
let callId = null;
let live = null; // { sessionId, form, answers, answeredBy, errors, step }
let paused = []; // [{ sessionId, title }]
let typingTimer = null;

/** socket: the page's { on, send }; the form messages are registered here, before the socket starts. */
export function initForms(socket) {
  send = socket.send;
  [MessageType.FORM_OPENED, MessageType.FORM_UPDATED, MessageType.FORM_PROGRESS, MessageType.FORM_REJECTED,
    MessageType.FORM_SIGNED, MessageType.FORM_COMPLETED, MessageType.FORM_CLOSED]
    .forEach((type) => socket.on(type, (p) => onFormMessage(type, p)));
  $('form-search').addEventListener('submit', (e) => { e.preventDefault(); search(); });
  $('form-pause').addEventListener('click', pause);
}

export function startFormsForCall(id) {
  callId = id;
  live = null;
  paused = [];
  $('forms-panel').hidden = false;
  $('live-form').hidden = true;
  $('form-result').replaceChildren();
  $('form-error').hidden = true;
  renderPaused();
  search();
}

export function endFormsForCall() {
  callId = null;
  live = null;
  paused = [];
  clearTimeout(typingTimer);
  $('forms-panel').hidden = true;
  $('live-form').hidden = true;
}

async function search() {
  const q = $('form-q').value.trim();
  try {
    const forms = await api('GET', `/api/forms?q=${encodeURIComponent(q)}`);
    $('form-results').replaceChildren(forms.length === 0
      ? el('p', { class: 'govuk-body', text: `No forms match "${q}"` })
      : el('ul', { class: 'govuk-list' }, ...forms.map((f) => el('li', { class: 'cap-match' },
        el('p', { class: 'govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1', text: f.title }),
        el('p', { class: 'govuk-body-s govuk-!-margin-bottom-2', text: f.summary }),
        sendButton(f)))));
  } catch (err) {
    problem(err.message);
  }
}

function sendButton(f) {
  const b = el('button', { type: 'button', class: 'govuk-button govuk-button--secondary govuk-!-margin-bottom-0', id: `send-${f.id}` },
    'Send to kiosk', el('span', { class: 'govuk-visually-hidden', text: `: ${f.title}` }));
  b.addEventListener('click', async () => {
    b.disabled = true;
    try {
      await api('POST', `/api/calls/${encodeURIComponent(callId)}/forms`, { formId: f.id });
      $('form-error').hidden = true;
    } catch (err) {
      problem(err.message);
    } finally {
      b.disabled = false;
    }
  });
  return b;
}

function problem(text) {
  $('form-error').textContent = text;
  $('form-error').hidden = false;
}

async function pause() {
  if (!live) return;
  try {
    await api('POST', `/api/form-sessions/${live.sessionId}/pause`, {});
  } catch (err) {
    problem(err.message);
  }
}

function renderPaused() {
  $('paused-forms').replaceChildren(...paused.map((p) => {
    const b = el('button', { type: 'button', class: 'govuk-button govuk-button--secondary', id: `resume-${p.sessionId}` },
      'Resume', el('span', { class: 'govuk-visually-hidden', text: `: ${p.title}` }));
    b.addEventListener('click', async () => {
      try { await api('POST', `/api/form-sessions/${p.sessionId}/resume`, {}); } catch (err) { problem(err.message); }
    });
    return el('p', { class: 'govuk-body' }, `${p.title} (paused) `, b);
  }));
}

function visible(page) {
  return !page.when || page.when.in.includes(live.answers[page.when.field]);
}

function byWhom(field) {
  const who = live.answeredBy[field];
  if (!who) return '';
  if (who === 'resident') return 'Typed by the resident';
  if (who === 'case record') return 'From the case record';
  return `Typed by ${who}`;
}

// The advisor sees the form in English; the kiosk may show it in the resident's language, so say which.
function languageNote(code) {
  if (!code || code === 'en') return '';
  let name = code;
  try { name = new Intl.DisplayNames(['en-GB'], { type: 'language' }).of(code) || code; } catch { /* an unknown code stays as it is */ }
  return ` (they see the form in ${name})`;
}

function stepText(step) {
  if (!live) return '';
  const pages = live.form.pages.filter(visible);
  if (step === 'check') return 'The resident is checking their answers';
  if (step === 'sign') return 'The resident is signing';
  const i = pages.findIndex((p) => p.id === step);
  return i >= 0 ? `The resident is on question ${i + 1} of ${pages.length}: ${pages[i].label}` : 'Sent to the kiosk';
}

function inputFor(page) {
  const value = live.answers[page.field] ?? '';
  const id = `af-${page.field}`;
  let input;
  if (page.input === 'radios') {
    input = el('select', { class: 'govuk-select', id, name: page.field },
      el('option', { value: '', text: 'Not answered' }),
      ...page.options.map((o) => el('option', { value: o.value, text: o.label })));
  } else if (page.input === 'textarea') {
    input = el('textarea', { class: 'govuk-textarea', id, name: page.field, rows: '3' });
  } else {
    input = el('input', { class: 'govuk-input', id, name: page.field, type: page.input === 'date' ? 'date' : 'text', autocomplete: 'off' });
  }
  input.value = value;
  input.addEventListener('input', () => {
    live.answers[page.field] = input.value;
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => answer(page.field, input.value, false), TYPING_DEBOUNCE_MS);
  });
  input.addEventListener('change', () => { clearTimeout(typingTimer); answer(page.field, input.value, true); });
  return input;
}

function answer(field, value, isFinal) {
  if (!live) return;
  send(MessageType.FORM_ANSWER, { sessionId: live.sessionId, field, value: value === '' ? null : value, final: isFinal });
}

function renderLive() {
  $('live-form-title').textContent = live.form.title;
  const rows = live.form.pages.filter(visible).map((page) => {
    const error = live.errors[page.field];
    return el('div', { class: `govuk-form-group${error ? ' govuk-form-group--error' : ''}`, id: `row-${page.field}` },
      el('label', { class: 'govuk-label govuk-label--s', for: `af-${page.field}`, text: page.label }),
      el('div', { class: 'govuk-hint', id: `by-${page.field}`, text: byWhom(page.field) }),
      error ? el('p', { class: 'govuk-error-message', id: `err-${page.field}` },
        el('span', { class: 'govuk-visually-hidden', text: 'Error: ' }), error) : null,
      inputFor(page));
  });
  $('live-form-fields').replaceChildren(...rows);
}

/** Updates one row in place, so the advisor's own typing (and focus) elsewhere is not disturbed. */
function refreshRow(field) {
  const page = live.form.pages.find((p) => p.field === field);
  const row = $(`row-${field}`);
  const shouldShow = live.form.pages.filter(visible).map((p) => p.field);
  const shown = [...$('live-form-fields').children].map((r) => r.id.slice(4));
  if (!row || shouldShow.join() !== shown.join()) { renderLive(); return; }
  const input = $(`af-${field}`);
  if (document.activeElement !== input) input.value = live.answers[field] ?? '';
  $(`by-${field}`).textContent = byWhom(field);
  const error = live.errors[field];
  row.classList.toggle('govuk-form-group--error', Boolean(error));
  const old = $(`err-${field}`);
  if (old) old.remove();
  if (error) row.insertBefore(el('p', { class: 'govuk-error-message', id: `err-${field}` },
    el('span', { class: 'govuk-visually-hidden', text: 'Error: ' }), error), input);
  if (page) row.querySelector('label').textContent = page.label;
}

function onFormMessage(type, p) {
  switch (type) {
    case MessageType.FORM_OPENED:
      paused = paused.filter((x) => x.sessionId !== p.sessionId);
      renderPaused();
      live = { sessionId: p.sessionId, form: p.form, answers: { ...p.answers }, answeredBy: { ...(p.answeredBy || {}) }, errors: {} };
      $('form-result').replaceChildren();
      $('live-form').hidden = false;
      $('form-pause').hidden = false;
      $('form-progress').textContent = 'Sent to the kiosk';
      renderLive();
      return;
    case MessageType.FORM_UPDATED:
      if (!live || live.sessionId !== p.sessionId) return;
      live.answers[p.field] = p.value ?? '';
      live.answeredBy[p.field] = p.by === 'resident' ? 'resident' : p.byName;
      if (p.final) live.errors[p.field] = p.error || null;
      refreshRow(p.field);
      return;
    case MessageType.FORM_PROGRESS:
      if (live && live.sessionId === p.sessionId) $('form-progress').textContent = stepText(p.step) + languageNote(p.language);
      return;
    case MessageType.FORM_REJECTED:
      if (!live || live.sessionId !== p.sessionId) return;
      (p.errors || []).forEach((e) => { live.errors[e.field] = e.message; });
      renderLive();
      $('form-progress').textContent = `Not signed: ${p.message}`;
      return;
    case MessageType.FORM_SIGNED:
      if (live && live.sessionId === p.sessionId) {
        $('form-progress').textContent = 'The resident has signed. Sealing the PDF…';
        $('form-pause').hidden = true;
        if (typeof p.signatureImage === 'string' && p.signatureImage.startsWith('data:image/png;base64,')) {
          $('form-result').replaceChildren(el('img', { src: p.signatureImage, id: 'form-signature', class: 'cap-signature',
            alt: `The resident's signature on ${live.form.title}` }));
        }
      }
      return;
    case MessageType.FORM_COMPLETED:
      if (!live || live.sessionId !== p.sessionId) return;
      $('form-progress').textContent = 'Signed and sealed';
      $('live-form').hidden = true;
      $('form-result').replaceChildren(...[$('form-signature')].filter(Boolean), el('div', { class: 'govuk-notification-banner govuk-notification-banner--success', role: 'alert' },
        el('div', { class: 'govuk-notification-banner__content' },
          el('p', { class: 'govuk-notification-banner__heading', text: `${p.title}: signed and stored on the case.` }),
          el('p', { class: 'govuk-body' },
            el('a', { class: 'govuk-notification-banner__link', id: 'form-pdf-link', href: `/api/documents/${p.documentId}/file`, target: '_blank', text: 'View the PDF (opens in a new tab)' }),
            ' · ',
            el('a', { class: 'govuk-notification-banner__link', href: `/api/documents/${p.documentId}/file?download=1`, text: 'Download the PDF' })))));
      live = null;
      return;
    case MessageType.FORM_CLOSED:
      if (live && live.sessionId === p.sessionId) {
        if (p.reason === 'paused') { paused.push({ sessionId: p.sessionId, title: live.form.title }); renderPaused(); }
        live = null;
        $('live-form').hidden = true;
      }
      return;
    default:
  }
}
