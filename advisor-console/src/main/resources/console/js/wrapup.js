// After the call: the outcome and notes, saved to the contact on the case.
import { api } from './api.js';
import { el } from './format.js';

const ENDINGS = {
  hangup_advisor: 'You ended the call.',
  hangup_kiosk: 'The resident ended the call.',
  kiosk_disconnected: "The resident's kiosk lost its connection and did not come back in time.",
  kiosk_screen_lost: "The kiosk's screen stopped and did not come back in time.",
  advisor_disconnected: 'Your connection was lost and did not come back in time.',
  lost_while_reconnecting: 'The call ended while your console was reconnecting.',
};

let callId = null;
let caseId = null;
let onSaved = () => {};

export function initWrapUp(savedCallback) {
  onSaved = savedCallback;
  document.getElementById('wrapup-form').addEventListener('submit', save);
}

export function startWrapUp(endedCallId, forCaseId, reason) {
  callId = endedCallId;
  caseId = forCaseId;
  document.getElementById('wrapup-form').reset();
  document.getElementById('wrapup-errors').hidden = true;
  document.getElementById('ended-reason').textContent = ENDINGS[reason] || 'The call has ended.';
  document.getElementById('wrapup').hidden = false;
  document.getElementById('wrapup-heading').setAttribute('tabindex', '-1');
  document.getElementById('wrapup-heading').focus();
}

export function setWrapUpCase(newCaseId) {
  caseId = newCaseId;
}

async function save(e) {
  e.preventDefault();
  const form = e.target;
  const outcome = form.outcome.value;
  const errors = document.getElementById('wrapup-errors');
  if (!outcome) {
    document.getElementById('wrapup-error-list').replaceChildren(el('li', {}, el('a', { href: '#outcome-resolved', text: 'Select the outcome of the call' })));
    errors.hidden = false;
    errors.focus();
    return;
  }
  try {
    const saved = await api('POST', `/api/calls/${callId}/outcome`, { outcome, notes: form.notes.value });
    document.getElementById('wrapup').hidden = true;
    onSaved(saved.caseId || caseId);
  } catch (err) {
    document.getElementById('wrapup-error-list').replaceChildren(el('li', { text: err.message }));
    errors.hidden = false;
    errors.focus();
  }
}
