// A document scan the advisor asked for, one thing per page: what to do (with a picture), then progress while
// kiosk-app scans and sends the pages, then "the advisor is checking it", then saved. Faults are explained.
//
// Stable hooks for tests: #scan-area, "Scan my document" (#scan-start), "Scan again" (#scan-retry), "Done" (#scan-done).

import { button, el } from './dom.js';
import { MessageType, on, onWipe, send } from './kiosk-bridge.js';
import { onLanguageChange, t } from './i18n.js';

// A sheet of paper going face down onto the glass, or into the feeder: decoration; the words carry the instruction.
function picture(source) {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 220 140');
  svg.setAttribute('class', 'kiosk-card-picture');
  svg.setAttribute('aria-hidden', 'true');
  svg.innerHTML = source === 'FEEDER'
    ? '<rect x="30" y="70" width="160" height="50" rx="6" fill="#505a5f"/><rect x="70" y="10" width="80" height="90" fill="#ffffff" stroke="#0b0c0c" stroke-width="3"/>'
      + '<path d="M110 105 v20 m-10 -10 l10 10 l10 -10" stroke="#1d70b8" stroke-width="5" fill="none"/>'
    : '<rect x="20" y="60" width="180" height="70" rx="6" fill="#505a5f"/><rect x="30" y="70" width="160" height="50" fill="#b1b4b6"/>'
      + '<rect x="60" y="8" width="70" height="50" fill="#ffffff" stroke="#0b0c0c" stroke-width="3" transform="rotate(-10 95 33)"/>'
      + '<path d="M150 20 v30 m-10 -10 l10 10 l10 -10" stroke="#1d70b8" stroke-width="5" fill="none"/>';
  return svg;
}

const INSTRUCTIONS = {
  FLATBED: ['scan.flatbedTitle', 'scan.flatbedHint'],
  FEEDER: ['scan.feederTitle', 'scan.feederHint'],
  CAMERA: ['scan.cameraTitle', 'scan.cameraHint'],
};

function createScanController({ area, onShow, onHide, isSimulated }) {
  let scan = null; // the last scan.requested / scan.updated payload
  let progress = null; // the last scan.progress payload for this scan
  let doneTimer = null;

  function requested(p) {
    scan = p;
    progress = null;
    onShow();
    render();
  }

  function updated(p) {
    if (!scan || p.scanId !== scan.scanId) return;
    scan = p;
    if (p.status === 'CANCELLED') { close(); return; }
    if (p.status === 'WAITING') progress = null; // the advisor asked for more pages
    render();
    if (p.status === 'ACCEPTED') doneTimer = setTimeout(close, 10_000);
  }

  function progressed(p) {
    if (!scan || p.scanId !== scan.scanId) return;
    progress = p;
    render();
  }

  function screen() {
    if (scan.status === 'ACCEPTED') {
      return [el('div', { class: 'govuk-panel govuk-panel--confirmation' },
        el('h1', { class: 'govuk-panel__title', tabindex: '-1', text: t('scan.saved') }),
        el('div', { class: 'govuk-panel__body', text: t('scan.takeBack') })),
      el('div', { class: 'kiosk-stack' }, button('scan-done', t('scan.done'), close))];
    }
    if (scan.status === 'CAPTURED') {
      return [el('h1', { class: 'govuk-heading-xl', tabindex: '-1', text: t('scan.scanned') }),
        el('p', { class: 'govuk-body-l', text: t('scan.checking') })];
    }
    if (progress && (progress.step === 'scanning' || progress.step === 'uploading' || progress.step === 'done')) {
      const words = progress.step === 'scanning' ? t('scan.scanning')
        : t('scan.sendingPage', { page: progress.page, of: progress.of });
      return [el('div', { class: 'kiosk-spinner', 'aria-hidden': 'true' }),
        el('h1', { class: 'govuk-heading-xl', tabindex: '-1', text: t('scan.wait') }),
        el('p', { class: 'govuk-body-l', text: words })];
    }
    const [heading, hint] = (INSTRUCTIONS[scan.source] || INSTRUCTIONS.FLATBED).map((key) => t(key));
    const problem = (progress && progress.step === 'failed' ? progress.message : null) || scan.message;
    return [
      el('span', { class: 'govuk-caption-l', text: scan.typeText }),
      problem ? el('div', { class: 'govuk-error-summary', tabindex: '-1' },
        el('div', { role: 'alert' }, el('h2', { class: 'govuk-error-summary__title', text: t('scan.problem') }),
          el('div', { class: 'govuk-error-summary__body' }, el('p', { class: 'govuk-body', text: problem })))) : null,
      el('h1', { class: 'govuk-heading-xl', tabindex: '-1', text: heading }),
      picture(scan.source),
      el('p', { class: 'govuk-body-l', text: hint }),
      isSimulated() ? el('div', { class: 'govuk-warning-text' },
        el('span', { class: 'govuk-warning-text__icon', 'aria-hidden': 'true', text: '!' }),
        el('strong', { class: 'govuk-warning-text__text' }, el('span', { class: 'govuk-visually-hidden', text: t('scan.warning') }),
          t('scan.simulatedNotice'))) : null,
      el('div', { class: 'kiosk-stack' }, button(problem ? 'scan-retry' : 'scan-start', problem ? t('scan.again') : t('scan.start'), () => {
        area.querySelectorAll('button').forEach((b) => { b.disabled = true; });
        progress = { scanId: scan.scanId, step: 'scanning' };
        scan = { ...scan, message: null };
        render();
        send(MessageType.SCAN_CAPTURE, { scanId: scan.scanId });
      })),
    ];
  }

  function render() {
    area.replaceChildren(el('div', { 'aria-live': 'polite' }, screen()));
    const focus = area.querySelector('.govuk-error-summary') || area.querySelector('h1');
    if (focus) focus.focus();
  }

  function close() {
    clearTimeout(doneTimer);
    scan = null;
    progress = null;
    area.replaceChildren();
    onHide();
  }

  return { requested, updated, progressed, redraw: () => { if (scan) render(); }, wipe: close };
}

// ---- on the call screen: shown in the form's place, beside the video ----

const $ = (id) => document.getElementById(id);
let simulatedScanner; // kiosk-app says in kiosk.link whether its scanner is the simulated one
const scans = createScanController({
  area: $('scan-area'),
  isSimulated: () => simulatedScanner !== false,
  onShow: () => {
    $('screen-call').classList.add('kiosk-call--form');
    $('form-area').hidden = true;
    $('payment-area').hidden = true;
    $('keyboard').hidden = true;
    $('scan-area').hidden = false;
  },
  onHide: () => {
    $('scan-area').hidden = true;
    $('screen-call').classList.remove('kiosk-call--form');
  },
});
on(MessageType.KIOSK_LINK, (p) => { simulatedScanner = p.simulatedScanner; });
on(MessageType.SCAN_REQUESTED, scans.requested);
onLanguageChange(scans.redraw);
on(MessageType.SCAN_UPDATED, scans.updated);
on(MessageType.SCAN_PROGRESS, scans.progressed);
onWipe(scans.wipe);
