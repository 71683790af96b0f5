// A card payment the advisor asked for, one thing per page: what it is for and how much, then "tap or insert
// your card", then accepted or a plain explanation. The card never touches this page: the reader talks to the bank.
//
// (The field is type=text with inputmode=email: the on-screen keyboard needs text selection, which type=email lacks.)
// Stable hooks for tests: #payment-area, "Pay £45.00 by card" (#payment-pay), "Cancel" (#payment-cancel),
// "Try another card" / "Try again" (#payment-retry), "Done" (#payment-done); with the simulated reader,
// "Tap a test card that works" (#payment-test-approved) and "Tap a test card that is declined" (#payment-test-declined);
// for the receipt, "Email me the receipt" (#payment-email), the field #receipt-email, "Send receipt" (#receipt-send).

import { button, el } from './dom.js';
import { MessageType, on, onWipe, send } from './kiosk-bridge.js';
import { createKeyboard } from './keyboard.js';
import { onLanguageChange, t } from './i18n.js';

// The result stays a full minute: a resident who reads slowly still has time to ask for the receipt (WCAG 2.2.1).
const DONE_SCREEN_MS = 60_000;

// A card held over a reader: decoration only, the words carry the instruction.
function readerPicture() {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 220 140');
  svg.setAttribute('class', 'kiosk-card-picture');
  svg.setAttribute('aria-hidden', 'true');
  svg.innerHTML = '<rect x="20" y="40" width="110" height="90" rx="10" fill="#505a5f"/>'
    + '<rect x="35" y="55" width="80" height="40" rx="4" fill="#b1b4b6"/>'
    + '<rect x="95" y="10" width="110" height="70" rx="8" fill="#1d70b8" transform="rotate(-12 150 45)"/>'
    + '<rect x="110" y="30" width="22" height="16" rx="3" fill="#ffdd00" transform="rotate(-12 150 45)"/>'
    + '<path d="M150 95 q12 12 0 24 M162 88 q20 19 0 38" stroke="#0b0c0c" stroke-width="5" fill="none"/>';
  return svg;
}

function createPaymentController({ area, onShow, onHide }) {
  let current = null; // the last payment.updated payload
  let doneTimer = null;
  // The receipt by email: 'status' (the payment's own screen), 'email' (asking the address), 'sending', 'sent'.
  let view = 'status';
  let email = { value: '', error: null, sentTo: null };
  let keyboard = null;
  let keyboardArea = null;

  function updated(p) {
    clearTimeout(doneTimer);
    const sameScreen = current && current.paymentId === p.paymentId && current.status === p.status;
    current = p;
    if (sameScreen && (!p.receiptDocumentId || view !== 'status')) return; // nothing the resident would notice
    onShow();
    render();
    armDone();
  }

  function armDone() {
    clearTimeout(doneTimer);
    if (view === 'status' && (current.status === 'SUCCEEDED' || current.status === 'CANCELLED')) {
      doneTimer = setTimeout(close, DONE_SCREEN_MS);
    }
  }

  function receiptEmailed(r) {
    if (!current || r.paymentId !== current.paymentId) return;
    if (r.ok) {
      view = 'sent';
      email = { value: '', error: null, sentTo: r.sentTo };
    } else {
      view = 'email';
      email.error = r.message;
    }
    render();
  }

  function emailScreen() {
    const error = email.error;
    const input = el('input', { class: `govuk-input${error ? ' govuk-input--error' : ''}`, id: 'receipt-email', name: 'email',
      type: 'text', inputmode: 'email', autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false', maxlength: '254',
      'aria-describedby': `receipt-email-hint${error ? ' receipt-email-error' : ''}` });
    input.value = email.value;
    input.addEventListener('input', () => { email.value = input.value; });
    input.addEventListener('focus', () => keyboard.attach(input));
    const sendIt = () => {
      email.value = input.value;
      view = 'sending';
      render();
      send(MessageType.PAYMENT_EMAIL_RECEIPT, { paymentId: current.paymentId, email: email.value });
    };
    const back = el('button', { type: 'button', class: 'kiosk-back', id: 'receipt-back', text: t('payment.back') });
    back.addEventListener('click', () => { view = 'status'; email = { value: '', error: null, sentTo: null }; render(); armDone(); });
    return [
      back,
      error ? el('div', { class: 'govuk-error-summary', tabindex: '-1', id: 'receipt-error-summary' },
        el('div', { role: 'alert' }, el('h2', { class: 'govuk-error-summary__title', text: t('payment.problem') }),
          el('div', { class: 'govuk-error-summary__body' }, el('ul', { class: 'govuk-list govuk-error-summary__list' },
            el('li', {}, el('a', { href: '#receipt-email', text: error })))))) : null,
      el('div', { class: `govuk-form-group${error ? ' govuk-form-group--error' : ''}` },
        el('h1', { class: 'govuk-label-wrapper' },
          el('label', { class: 'govuk-label govuk-label--l', for: 'receipt-email', text: t('payment.emailQuestion') })),
        el('div', { class: 'govuk-hint', id: 'receipt-email-hint', text: t('payment.emailHint') }),
        error ? el('p', { class: 'govuk-error-message', id: 'receipt-email-error' },
          el('span', { class: 'govuk-visually-hidden', text: t('payment.errorPrefix') }), ` ${error}`) : null,
        input),
      el('div', { class: 'kiosk-stack' }, button('receipt-send', t('payment.sendReceipt'), sendIt)),
      keyboardArea,
    ];
  }

  function act(type, extra = {}) {
    if (!current) return;
    area.querySelectorAll('button').forEach((b) => { b.disabled = true; });
    send(type, { paymentId: current.paymentId, ...extra });
  }

  function simulatedNotice() {
    if (!current.simulatedReader) return null;
    return el('div', { class: 'govuk-warning-text' },
      el('span', { class: 'govuk-warning-text__icon', 'aria-hidden': 'true', text: '!' }),
      el('strong', { class: 'govuk-warning-text__text' },
        el('span', { class: 'govuk-visually-hidden', text: t('payment.warning') }),
        t('payment.simulatedNotice')));
  }

  function testCards() {
    if (!current.testCards) return null;
    return el('div', { class: 'govuk-inset-text kiosk-simulated' },
      el('h2', { class: 'govuk-heading-m', text: current.simulatedReader ? t('payment.simulatedReader') : t('payment.testMode') }),
      button('payment-test-approved', t('payment.testApproved'), () => act(MessageType.PAYMENT_TEST_CARD, { card: 'approved' }), 'govuk-button--secondary'),
      button('payment-test-declined', t('payment.testDeclined'), () => act(MessageType.PAYMENT_TEST_CARD, { card: 'declined' }), 'govuk-button--secondary'));
  }

  function screen() {
    const p = current;
    const cancel = button('payment-cancel', t('payment.cancel'), () => act(MessageType.PAYMENT_CANCEL), 'govuk-button--secondary');
    switch (p.status) {
      case 'REQUESTED':
        return [
          el('span', { class: 'govuk-caption-l', text: t('payment.caption') }),
          el('h1', { class: 'govuk-heading-xl', tabindex: '-1', text: t('payment.youArePaying', { amount: p.amountText }) }),
          el('p', { class: 'govuk-body-l', text: t('payment.for', { description: p.description }) }),
          simulatedNotice(),
          el('div', { class: 'kiosk-stack' }, button('payment-pay', t('payment.pay', { amount: p.amountText }), () => act(MessageType.PAYMENT_PAY)), cancel),
        ];
      case 'WAITING_FOR_CARD':
        return [
          el('h1', { class: 'govuk-heading-xl', tabindex: '-1', text: t('payment.tapOrInsert') }),
          readerPicture(),
          el('p', { class: 'govuk-body-l', text: t('payment.useReader', { amount: p.amountText }) }),
          el('p', { class: 'govuk-body-l', text: t('payment.pin') }),
          simulatedNotice(),
          testCards(),
          el('div', { class: 'kiosk-stack' }, cancel),
        ];
      case 'PROCESSING':
        return [
          el('div', { class: 'kiosk-spinner', 'aria-hidden': 'true' }),
          el('h1', { class: 'govuk-heading-xl', tabindex: '-1', text: t('payment.wait') }),
          el('p', { class: 'govuk-body-l', text: t('payment.processing') }),
        ];
      case 'DECLINED':
        return [
          el('h1', { class: 'govuk-heading-xl', tabindex: '-1', text: t('payment.declined') }),
          el('p', { class: 'govuk-body-l', text: p.message || t('payment.declinedByBank') }),
          el('p', { class: 'govuk-body-l', text: t('payment.tryAnotherHint') }),
          el('div', { class: 'kiosk-stack' }, button('payment-retry', t('payment.tryAnother'), () => act(MessageType.PAYMENT_PAY)), cancel),
        ];
      case 'READER_PROBLEM':
        return [
          el('h1', { class: 'govuk-heading-xl', tabindex: '-1', text: t('payment.readerNotReady') }),
          el('p', { class: 'govuk-body-l', text: p.message || t('payment.readerNoAnswer') }),
          el('p', { class: 'govuk-body-l', text: t('payment.readerHelp') }),
          el('div', { class: 'kiosk-stack' }, button('payment-retry', t('payment.tryAgain'), () => act(MessageType.PAYMENT_PAY)), cancel),
        ];
      case 'SUCCEEDED':
        if (view === 'email') return emailScreen();
        if (view === 'sending') {
          return [el('div', { class: 'kiosk-spinner', 'aria-hidden': 'true' }),
            el('h1', { class: 'govuk-heading-xl', tabindex: '-1', text: t('payment.sendingReceipt') })];
        }
        if (view === 'sent') {
          return [
            el('div', { class: 'govuk-panel govuk-panel--confirmation' },
              el('h1', { class: 'govuk-panel__title', tabindex: '-1', text: t('payment.receiptSent') }),
              el('div', { class: 'govuk-panel__body', text: t('payment.emailedTo', { email: email.sentTo }) })),
            el('div', { class: 'kiosk-stack' }, button('payment-done', t('payment.done'), close)),
          ];
        }
        return [
          el('div', { class: 'govuk-panel govuk-panel--confirmation' },
            el('h1', { class: 'govuk-panel__title', tabindex: '-1', text: t('payment.accepted') }),
            el('div', { class: 'govuk-panel__body', text: p.cardBrand
              ? t('payment.paidWithCard', { amount: p.amountText, brand: p.cardBrand, last4: p.cardLast4 })
              : t('payment.paid', { amount: p.amountText }) })),
          el('p', { class: 'govuk-body-l', text: t('payment.for', { description: p.description }) }),
          el('p', { class: 'govuk-body-l', text: p.receiptDocumentId
            ? t('payment.receiptSaved')
            : t('payment.receiptMaking') }),
          simulatedNotice(),
          el('div', { class: 'kiosk-stack' },
            p.receiptDocumentId ? button('payment-email', t('payment.emailMe'), () => {
              clearTimeout(doneTimer);
              view = 'email';
              render();
            }, 'govuk-button--secondary') : null,
            button('payment-done', t('payment.done'), close)),
        ];
      default: // CANCELLED
        return [
          el('h1', { class: 'govuk-heading-xl', tabindex: '-1', text: t('payment.cancelled') }),
          el('p', { class: 'govuk-body-l', text: p.message || t('payment.cancelledBody') }),
          el('p', { class: 'govuk-body-l', text: t('payment.noMoneyTaken') }),
          el('div', { class: 'kiosk-stack' }, button('payment-done', t('payment.done'), close)),
        ];
    }
  }

  function render() {
    if (!keyboard) {
      keyboardArea = el('div', { class: 'kiosk-keyboard', role: 'group', 'aria-label': t('keyboard.label'), id: 'payment-keyboard' });
      keyboard = createKeyboard(keyboardArea);
    }
    keyboard.detach();
    area.replaceChildren(el('div', { 'aria-live': 'polite' }, screen()));
    const summary = area.querySelector('.govuk-error-summary');
    const field = area.querySelector('#receipt-email');
    if (summary) summary.focus();
    else if (field) field.focus();
    else {
      const heading = area.querySelector('h1');
      if (heading) heading.focus();
    }
  }

  // Forgets everything, the typed email address included, when the payment's screens close or the call ends.
  function close() {
    clearTimeout(doneTimer);
    current = null;
    view = 'status';
    email = { value: '', error: null, sentTo: null };
    if (keyboard) keyboard.detach();
    area.replaceChildren();
    onHide();
  }

  // A change of language draws the screen in view again (the typed email address is kept).
  function redraw() {
    if (!current) return;
    if (keyboardArea) keyboardArea.setAttribute('aria-label', t('keyboard.label'));
    render();
  }

  return { updated, receiptEmailed, redraw, wipe: close };
}

// ---- on the call screen: shown in the form's place, beside the video ----

const $ = (id) => document.getElementById(id);
let formWasShown = false;
const payments = createPaymentController({
  area: $('payment-area'),
  onShow: () => {
    if ($('payment-area').hidden) formWasShown = !$('form-area').hidden;
    $('screen-call').classList.add('kiosk-call--form');
    $('form-area').hidden = true;
    $('keyboard').hidden = true;
    $('payment-area').hidden = false;
  },
  onHide: () => {
    $('payment-area').hidden = true;
    if (formWasShown) $('form-area').hidden = false;
    else $('screen-call').classList.remove('kiosk-call--form');
  },
});
on(MessageType.PAYMENT_UPDATED, payments.updated);
onLanguageChange(payments.redraw);
on(MessageType.PAYMENT_RECEIPT_EMAILED, payments.receiptEmailed);
onWipe(payments.wipe);
