// The end of the call: what the resident takes away. The case reference (large, to copy down or show later), what
// was done in the call (forms sent, documents kept, payments, an ID photo) and what happens next, from the server's
// call.summary; a call that was cut off also says how to carry on. "Print this" prints it on the kiosk's printer,
// "Email it to me" (only when the council has a mail relay) takes an address on the on-screen keyboard. The screen
// stays until "Finish" or the kiosk's idle timer; "Finish" offers the satisfaction survey if the server asked for it.
//
// Stable hooks for tests: #screen-ended, #ended-title, #ended-reference, #ended-done, #ended-next, "Print this"
// (#ended-print), "Email it to me" (#ended-email), #ended-email-input, "Send the summary" (#ended-email-send),
// #ended-status, "Finish" (#finish).
import { onLanguageChange, t } from './i18n.js';
import { el } from './dom.js';
import { createKeyboard } from './keyboard.js';
import { MessageType, on, send, show, startAgain } from './kiosk-bridge.js';
import { offerSurvey } from './kiosk-survey.js';

const CUT_OFF = ['kiosk_disconnected', 'advisor_disconnected', 'kiosk_screen_lost', 'server_restart'];
const $ = (id) => document.getElementById(id);

let state = fresh();
// The email form while it is shown: its field, error parts and on-screen keyboard.
let form = null;
// A summary can reach the screen just before call.ended does (the server finishes each part of a call on its own
// thread): it waits here until the end screen for its call is shown.
let early = null;

function fresh() {
  return { callId: null, cutOff: false, phone: null, summary: null, view: 'summary', status: null, busy: null, error: null, email: '' };
}

/** kiosk.js, as a call ends: show the end screen for this call. */
export function showEnded({ callId, reason, phone }) {
  state = fresh();
  state.callId = callId;
  state.cutOff = CUT_OFF.includes(reason);
  state.phone = phone || null;
  if (early && early.callId === callId) state.summary = early;
  early = null;
  render();
  show('ended');
}

/** kiosk.js, starting again for the next resident: nothing of this one stays, the typed address included. */
export function forgetSummary() {
  state = fresh();
  early = null;
  render();
}

on(MessageType.CALL_SUMMARY, (p) => {
  if (state.callId && p.callId === state.callId) {
    state.summary = p;
    render();
  } else {
    early = p;
  }
});

on(MessageType.SUMMARY_SENT, (p) => {
  if (!state.callId || p.callId !== state.callId || state.busy !== p.action) return;
  state.busy = null;
  if (p.action === 'print') {
    state.status = p.ok ? t('ended.printed') : p.message;
  } else if (p.ok) {
    state.view = 'summary';
    state.error = null;
    state.status = t('ended.emailed', { address: p.sentTo });
    state.email = '';
  } else {
    state.view = 'email';
    state.error = p.message;
    state.status = null;
  }
  render();
  focusForView();
});

// The email form is built in the language it was opened in: build it again in the new one.
onLanguageChange(() => {
  if (form) { form.keyboard.detach(); form = null; }
  render();
});

function render() {
  const s = state.summary;
  $('ended-title').textContent = t(state.cutOff ? 'ended.cutOffTitle' : 'ended.title');
  const phone = (s && s.phone) || state.phone;
  $('ended-carry-on').hidden = !state.cutOff;
  $('ended-carry-on').textContent = phone ? t('ended.carryOnPhone', { phone }) : t('ended.carryOn');
  $('ended-reference-box').hidden = !s;
  $('ended-reference').textContent = s ? s.reference : '';
  $('ended-details').hidden = !s;
  $('ended-done').replaceChildren(...(s ? doneItems(s.done) : []));
  $('ended-next').replaceChildren(...(s ? nextSteps(s.nextSteps) : []));
  $('ended-status').textContent = state.status || '';
  $('ended-print').hidden = !s;
  $('ended-print').disabled = state.busy === 'print';
  $('ended-email').hidden = !(s && s.canEmail);

  const emailing = state.view === 'email';
  $('ended-summary').hidden = emailing;
  $('ended-email-form').hidden = !emailing;
  if (emailing) {
    if (!form) form = buildForm();
    updateForm();
  } else if (form) {
    form.keyboard.detach();
    $('ended-email-form').replaceChildren();
    form = null;
  }
}

function buildForm() {
  const input = el('input', { class: 'govuk-input kiosk-summary-email', id: 'ended-email-input', name: 'email', type: 'text',
    inputmode: 'email', autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false', maxlength: '254' });
  input.value = state.email;
  input.addEventListener('input', () => { state.email = input.value; });
  input.addEventListener('focus', () => keyboard.attach(input));
  input.addEventListener('keydown', (e) => { if (e.key === 'Enter') sendEmail(); });
  const back = el('button', { type: 'button', class: 'kiosk-back', id: 'ended-email-back', text: t('ended.back') });
  back.addEventListener('click', backPressed);
  const sendButton = el('button', { type: 'button', class: 'govuk-button kiosk-wide', id: 'ended-email-send', text: t('ended.emailSend') });
  sendButton.addEventListener('click', sendEmail);
  const errorLink = el('a', { href: '#ended-email-input' });
  const errorSummary = el('div', { class: 'govuk-error-summary', id: 'ended-error-summary', tabindex: '-1' },
    el('div', { role: 'alert' },
      el('h2', { class: 'govuk-error-summary__title', text: t('ended.errorTitle') }),
      el('div', { class: 'govuk-error-summary__body' },
        el('ul', { class: 'govuk-list govuk-error-summary__list' }, el('li', {}, errorLink)))));
  const errorText = el('span', {});
  const errorMessage = el('p', { class: 'govuk-error-message', id: 'ended-email-error' },
    el('span', { class: 'govuk-visually-hidden', text: t('ended.errorPrefix') }), ' ', errorText);
  const group = el('div', { class: 'govuk-form-group', id: 'ended-email-group' },
    el('h1', { class: 'govuk-label-wrapper', tabindex: '-1' },
      el('label', { class: 'govuk-label govuk-label--l', for: 'ended-email-input', text: t('ended.emailQuestion') })),
    el('div', { class: 'govuk-hint', id: 'ended-email-hint', text: t('ended.emailHint') }),
    errorMessage,
    input);
  const keyboardArea = el('div', { class: 'kiosk-keyboard', id: 'ended-keyboard', role: 'group', 'aria-label': t('ended.keyboard') });
  const keyboard = createKeyboard(keyboardArea);
  $('ended-email-form').replaceChildren(back, errorSummary, group, sendButton, keyboardArea);
  keyboard.attach(input);
  return { input, sendButton, errorSummary, errorLink, errorMessage, errorText, group, keyboard };
}

function updateForm() {
  const error = state.error;
  form.errorSummary.hidden = !error;
  form.errorLink.textContent = error || '';
  form.errorMessage.hidden = !error;
  form.errorText.textContent = error || '';
  form.group.classList.toggle('govuk-form-group--error', Boolean(error));
  form.input.classList.toggle('govuk-input--error', Boolean(error));
  form.input.setAttribute('aria-describedby', error ? 'ended-email-hint ended-email-error' : 'ended-email-hint');
  form.sendButton.disabled = state.busy === 'email';
}

function doneItems(done) {
  if (done.length === 0) return [li(t('ended.doneNothing'))];
  return done.map((item) => li(doneWords(item)));
}

function doneWords(item) {
  switch (item.kind) {
    case 'form': return t('ended.doneForm', { title: item.title });
    case 'document': return t('ended.doneDocument', { title: item.title });
    case 'payment': return t('ended.donePayment', { title: item.title, amount: item.amount });
    case 'photo': return t('ended.donePhoto');
    default: return item.title || '';
  }
}

function nextSteps(steps) {
  const words = steps.length > 0 ? steps : [t('ended.nextDefault')];
  return words.map((text) => {
    const p = document.createElement('p');
    p.className = 'govuk-body-l';
    p.textContent = text;
    return p;
  });
}

function li(text) {
  const item = document.createElement('li');
  item.textContent = text;
  return item;
}

function focusForView() {
  if (state.view === 'email' && form) {
    if (state.error) form.errorSummary.focus();
    else form.input.focus();
  } else {
    $('ended-title').focus({ preventScroll: true });
  }
}

function printPressed() {
  if (!state.summary || state.busy) return;
  state.busy = 'print';
  state.status = t('ended.printing');
  render();
  send(MessageType.SUMMARY_PRINT, { callId: state.callId });
}

function emailPressed() {
  state.view = 'email';
  state.error = null;
  state.status = null;
  render();
  focusForView();
}

function sendEmail() {
  if (state.busy) return;
  const email = state.email;
  state.busy = 'email';
  state.status = t('ended.sending');
  render();
  if (!send(MessageType.SUMMARY_EMAIL, { callId: state.callId, email })) {
    state.busy = null;
    state.error = t('ended.notConnected');
    render();
    focusForView();
  }
}

function backPressed() {
  state.view = 'summary';
  state.error = null;
  render();
  focusForView();
}

function finishPressed() {
  const callId = state.callId;
  // The survey, if the server asked, comes after the summary rather than instead of it.
  if (!offerSurvey(callId)) startAgain();
}

$('ended-print').addEventListener('click', printPressed);
$('ended-email').addEventListener('click', emailPressed);
$('finish').addEventListener('click', finishPressed);
