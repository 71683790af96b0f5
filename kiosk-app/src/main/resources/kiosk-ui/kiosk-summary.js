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
import { createKeyboard } from './keyboard.js';
import { MessageType, on, send, show, startAgain } from './kiosk-bridge.js';
import { offerSurvey } from './kiosk-survey.js';

const CUT_OFF = ['kiosk_disconnected', 'advisor_disconnected', 'kiosk_screen_lost', 'server_restart'];
const $ = (id) => document.getElementById(id);
const keyboard = createKeyboard($('ended-keyboard'));

let state = fresh();
// A summary can reach the screen just before call.ended does (the server finishes each part of a call on its own
// thread): it waits here until the end screen for its call is shown.
let early = null;

function fresh() {
  return { callId: null, cutOff: false, phone: null, summary: null, view: 'summary', status: null, busy: null, error: null };
}

/** kiosk.js, as a call ends: show the end screen for this call. */
export function showEnded({ callId, reason, phone }) {
  state = fresh();
  state.callId = callId;
  state.cutOff = CUT_OFF.includes(reason);
  state.phone = phone || null;
  if (early && early.callId === callId) state.summary = early;
  early = null;
  $('ended-email-input').value = '';
  render();
  show('ended');
}

/** kiosk.js, starting again for the next resident: nothing of this one stays, the typed address included. */
export function forgetSummary() {
  state = fresh();
  early = null;
  $('ended-email-input').value = '';
  keyboard.detach();
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
    $('ended-email-input').value = '';
  } else {
    state.view = 'email';
    state.error = p.message;
    state.status = null;
  }
  render();
  focusForView();
});

onLanguageChange(() => render());

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
  $('ended-email-send').disabled = state.busy === 'email';
  const error = emailing ? state.error : null;
  $('ended-error-summary').hidden = !error;
  $('ended-error-link').textContent = error || '';
  $('ended-email-error').hidden = !error;
  $('ended-email-error-text').textContent = error || '';
  $('ended-email-group').classList.toggle('govuk-form-group--error', Boolean(error));
  $('ended-email-input').classList.toggle('govuk-input--error', Boolean(error));
  $('ended-email-input').setAttribute('aria-describedby', error ? 'ended-email-hint ended-email-error' : 'ended-email-hint');
  if (!emailing) keyboard.detach();
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
  if (state.view === 'email') {
    if (state.error) $('ended-error-summary').focus();
    else $('ended-email-input').focus();
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
  const email = $('ended-email-input').value;
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
$('ended-email-send').addEventListener('click', sendEmail);
$('ended-email-back').addEventListener('click', backPressed);
$('ended-email-input').addEventListener('focus', () => keyboard.attach($('ended-email-input')));
$('ended-email-input').addEventListener('keydown', (e) => { if (e.key === 'Enter') sendEmail(); });
$('finish').addEventListener('click', finishPressed);
