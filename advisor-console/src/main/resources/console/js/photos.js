// ID photos during a call: ask the kiosk, see the still at full resolution, approve it (with the name for the badge
// when no customer is linked) or ask for another; then open the badge.
//
// Stable hooks for tests: "Take ID photo" (#photo-ask), #photo-status, the still #photo-still, #photo-name,
// "Approve photo" (#photo-approve), "Ask for another photo" (#photo-retake), #photo-result with #badge-link,
// "Print the badge at the kiosk" (#badge-print) and #print-status.
import { api } from './api.js';
import { el } from './format.js';

const $ = (id) => document.getElementById(id);
const STATUS = { WAITING: 'Waiting for the resident to take the photo', CAPTURED: 'Photo taken: check it',
  APPROVED: 'Approved', CANCELLED: 'Cancelled' };

let callId = null;
let current = null;

export function initPhotos() {
  $('photo-ask').addEventListener('click', () => act(`/api/calls/${encodeURIComponent(callId)}/photos`, {}));
  $('photo-retake').addEventListener('click', () => act(`/api/photos/${current.photoId}/retake`, {}));
  $('photo-approve').addEventListener('click', () => act(`/api/photos/${current.photoId}/approve`, { holderName: $('photo-name').value }));
}

export function startPhotosForCall(id) {
  callId = id;
  current = null;
  $('photos-panel').hidden = false;
  $('photo-live').hidden = true;
  $('photo-error').hidden = true;
  $('photo-result').replaceChildren();
}

export function endPhotosForCall() {
  callId = null;
  $('photos-panel').hidden = true;
}

async function act(path, body) {
  try {
    onPhotoMessage(await api('POST', path, body));
    $('photo-error').hidden = true;
  } catch (err) {
    $('photo-error').textContent = err.message;
    $('photo-error').hidden = false;
  }
}

export function onPhotoMessage(p) {
  if (callId === null) return;
  current = p;
  $('photo-live').hidden = false;
  $('photo-status').replaceChildren(el('strong', { class: 'govuk-tag govuk-tag--blue', text: STATUS[p.status] || p.status }));
  const captured = p.status === 'CAPTURED';
  $('photo-still-line').replaceChildren(...(captured ? [el('a', { href: p.stillUrl, target: '_blank', rel: 'noopener', class: 'govuk-link' },
    el('img', { id: 'photo-still', src: `${p.stillUrl}?t=${Date.now()}`, width: '320', alt: `The resident's photo, ${p.width} × ${p.height}, full size on click` }))] : []));
  $('photo-decide').hidden = !captured;
  $('photo-ask').hidden = p.status === 'WAITING' || captured;
  if (p.status === 'APPROVED') {
    $('photo-result').replaceChildren(el('div', { class: 'govuk-notification-banner govuk-notification-banner--success', role: 'alert' },
      el('div', { class: 'govuk-notification-banner__content' },
        el('p', { class: 'govuk-notification-banner__heading' }, `Badge ${p.idNumber} made and kept on the case. `,
          el('a', { class: 'govuk-notification-banner__link', id: 'badge-link', href: `/api/documents/${p.badgeDocumentId}/file`, target: '_blank', rel: 'noopener', text: 'View the badge (PDF)' })),
        // Inside the banner's white content, not on its green edge: black on green fails WCAG AA contrast.
        printButton(p.badgeDocumentId), el('p', { class: 'govuk-body', id: 'print-status', 'aria-live': 'polite' }))));
  }
}

// Print jobs the kiosk has answered for, by id: their outcome is newer than any reply still on its way.
const printOutcomes = new Set();

function printButton(documentId) {
  const b = el('button', { type: 'button', class: 'govuk-button govuk-button--secondary', id: 'badge-print', text: 'Print the badge at the kiosk' });
  b.addEventListener('click', async () => {
    b.disabled = true;
    try {
      const job = await api('POST', `/api/calls/${encodeURIComponent(callId)}/prints`, { documentId, paper: 'CR80' });
      // The kiosk's answer can arrive before this reply: "sent" must not overwrite "printed".
      if (!printOutcomes.has(job.printId)) $('print-status').textContent = 'Sent to the kiosk printer…';
    } catch (err) {
      $('print-status').textContent = err.message;
    } finally {
      b.disabled = false;
    }
  });
  return b;
}

/** print.updated: the kiosk printed it, or could not (with the printer's reason). */
export function onPrintMessage(p) {
  printOutcomes.add(p.printId);
  if (!$('print-status')) return;
  $('print-status').textContent = p.status === 'PRINTED' ? 'Printed at the kiosk.' : `Not printed: ${p.message}`;
}
