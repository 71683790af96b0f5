// After the call: the notes and the outcome, saved to the contact on the case. One press saves (ADR 0044): each
// outcome is its own button, so there is no default to save by mistake, and saving makes the advisor ready for
// the next call unless they ticked "Not ready".
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
let saving = false;
let onSaved = () => {};

export function initWrapUp(savedCallback) {
  onSaved = savedCallback;
  document.getElementById('wrapup-form').addEventListener('submit', save);
}

export function startWrapUp(endedCallId, forCaseId, reason) {
  callId = endedCallId;
  caseId = forCaseId;
  saving = false;
  document.getElementById('wrapup-form').reset();
  document.getElementById('wrapup-errors').hidden = true;
  document.getElementById('ended-reason').textContent = ENDINGS[reason] || 'The call has ended.';
  document.getElementById('wrapup').hidden = false;
  // The form has the focus: notes can be typed at once, and a stray Enter or Space there saves nothing.
  document.getElementById('notes').focus();
}

export function setWrapUpCase(newCaseId) {
  caseId = newCaseId;
}

function showError(text) {
  const errors = document.getElementById('wrapup-errors');
  document.getElementById('wrapup-error-list').replaceChildren(el('li', { text }));
  errors.hidden = false;
  errors.focus();
}

async function save(e) {
  e.preventDefault();
  const form = e.target;
  const outcome = e.submitter?.value;
  // A second press while the first is on its way would save twice.
  if (!outcome || saving) return;
  saving = true;
  try {
    const next = form.notReady.checked ? 'not_ready' : 'ready';
    const saved = await api('POST', `/api/calls/${callId}/outcome`, { outcome, notes: form.notes.value, next });
    document.getElementById('wrapup').hidden = true;
    onSaved(saved.caseId || caseId);
  } catch (err) {
    showError(err.message);
  } finally {
    saving = false;
  }
}
