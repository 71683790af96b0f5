// Scanning during a call: choose what the document is and where it goes (glass or feeder), ask the kiosk, see each
// page at full resolution as it arrives, turn or remove pages, scan more, and keep the document on the case.
//
// Stable hooks for tests: radios "scan-type" and "scan-source", "Scan document" (#scan-send), #scan-live,
// #scan-status, pages #scan-page-<n> (images link to the full-resolution page), "Keep this document" (#scan-accept),
// "Scan more pages" (#scan-more), #scan-result, errors in #scan-error.
import { api } from './api.js';
import { el } from './format.js';

const $ = (id) => document.getElementById(id);
const STATUS = { WAITING: 'Waiting for the kiosk', CAPTURED: 'Scanned: check the pages', ACCEPTED: 'Kept on the case', CANCELLED: 'Cancelled' };

let callId = null;
let current = null;

export function initScans(banner) {
  $('scan-form').addEventListener('submit', (e) => { e.preventDefault(); requestScan(); });
  $('scan-accept').addEventListener('click', () => act('POST', `/api/scans/${current.scanId}/accept`, {}, true));
  $('scan-more').addEventListener('click', () => act('POST', `/api/scans/${current.scanId}/more`, {}));
  initScans.banner = banner;
}

export function startScansForCall(id) {
  callId = id;
  current = null;
  $('scans-panel').hidden = false;
  $('scan-live').hidden = true;
  $('scan-error').hidden = true;
  $('scan-result').replaceChildren();
}

export function endScansForCall() {
  callId = null;
  $('scans-panel').hidden = true;
}

async function requestScan() {
  const type = document.querySelector('input[name=scan-type]:checked');
  const source = document.querySelector('input[name=scan-source]:checked');
  if (!type) { problem('Choose what kind of document this is'); return; }
  $('scan-send').disabled = true;
  try {
    onScanMessage(await api('POST', `/api/calls/${encodeURIComponent(callId)}/scans`, { type: type.value, source: source ? source.value : 'FLATBED' }));
    $('scan-error').hidden = true;
    $('scan-result').replaceChildren();
  } catch (err) {
    problem(err.message);
  } finally {
    $('scan-send').disabled = false;
  }
}

async function act(method, path, body, accepting = false) {
  try {
    const result = await api(method, path, body);
    if (accepting) {
      $('scan-result').replaceChildren(el('div', { class: 'govuk-notification-banner govuk-notification-banner--success', role: 'alert' },
        el('div', { class: 'govuk-notification-banner__content' },
          el('p', { class: 'govuk-notification-banner__heading' }, `${result.title} kept on the case. `,
            el('a', { class: 'govuk-notification-banner__link', id: 'scan-pdf-link', href: `/api/documents/${result.documentId}/file`, target: '_blank', rel: 'noopener', text: 'View the PDF' })))));
    } else {
      onScanMessage(result);
    }
    $('scan-error').hidden = true;
  } catch (err) {
    problem(err.message);
  }
}

/** scan.requested / scan.updated from the server, or a REST answer: the scan as it now stands. */
export function onScanMessage(p) {
  if (callId === null) {
    if (p.status === 'CANCELLED' && initScans.banner) initScans.banner(`${p.typeText}: ${p.message || 'cancelled'}`);
    return;
  }
  current = p;
  $('scan-live').hidden = false;
  $('scan-form').hidden = p.status === 'WAITING' || p.status === 'CAPTURED';
  // Kept pages leave the scan for the PDF, so the server counts them: pages.length is 0 by then.
  const count = p.pageCount ?? p.pages.length;
  $('scan-status').replaceChildren(el('strong', { class: 'govuk-tag govuk-tag--blue', text: STATUS[p.status] || p.status }),
    ` ${p.typeText}, ${count} ${count === 1 ? 'page' : 'pages'}`);
  $('scan-message').textContent = p.message || '';
  $('scan-message').hidden = !p.message;
  $('scan-pages').replaceChildren(...p.pages.map((page) => el('li', { id: `scan-page-${page.pageNo}`, class: 'cap-scan-page' },
    el('a', { href: page.url, target: '_blank', rel: 'noopener', class: 'govuk-link' },
      el('img', { src: `${page.url}?v=${page.rotation}`, alt: `Page ${page.pageNo} of the ${p.typeText.toLowerCase()}, full size on click`,
        width: '160', class: `cap-turn-${page.rotation}` })),
    el('p', { class: 'govuk-body-s', text: `Page ${page.pageNo}: ${page.width} × ${page.height} at ${page.dpi} dpi` }),
    pageButton(`Turn page ${page.pageNo}`, () => act('POST', `/api/scans/${p.scanId}/pages/${page.pageNo}/rotate`, { degrees: 90 })),
    pageButton(`Remove page ${page.pageNo}`, () => act('DELETE', `/api/scans/${p.scanId}/pages/${page.pageNo}`)))));
  const open = p.status === 'CAPTURED';
  $('scan-accept').hidden = !open || p.pages.length === 0;
  $('scan-more').hidden = !open;
  if (p.status === 'ACCEPTED' || p.status === 'CANCELLED') $('scan-form').hidden = false;
}

function pageButton(text, onClick) {
  const b = el('button', { type: 'button', class: 'govuk-button govuk-button--secondary govuk-!-margin-bottom-1 govuk-!-margin-right-1', text });
  b.addEventListener('click', onClick);
  return b;
}

function problem(text) {
  $('scan-error').textContent = text;
  $('scan-error').hidden = false;
}
