// Card payments during a call: choose an item from the council's catalogue (or an amount with a reason), send it
// to the kiosk, watch each step live, cancel before a card is presented, and open the receipt when it is stored.
//
// Stable hooks for tests: radios named "payment-item" (#pay-item-<id>, #pay-item-other), #pay-amount, #pay-reason,
// "Send to kiosk" (#payment-send), #payment-live with #payment-status, "Cancel payment" (#payment-cancel),
// the receipt link #payment-receipt, errors in #payment-error.
import { api } from './api.js';
import { el } from './format.js';

const $ = (id) => document.getElementById(id);
const TAG = {
  REQUESTED: 'govuk-tag--grey', WAITING_FOR_CARD: 'govuk-tag--blue', PROCESSING: 'govuk-tag--blue',
  DECLINED: 'govuk-tag--orange', READER_PROBLEM: 'govuk-tag--orange', SUCCEEDED: 'govuk-tag--green', CANCELLED: 'govuk-tag--grey',
};
const CANCELLABLE = ['REQUESTED', 'WAITING_FOR_CARD', 'DECLINED', 'READER_PROBLEM'];

let callId = null;
let current = null;
let tellAfterCall = () => {};

export function initPayments(banner) {
  tellAfterCall = banner;
  $('payment-form').addEventListener('submit', (e) => { e.preventDefault(); sendPayment(); });
  $('payment-cancel').addEventListener('click', cancelPayment);
}

export async function startPaymentsForCall(id) {
  callId = id;
  current = null;
  $('payments-panel').hidden = false;
  $('payment-live').hidden = true;
  $('payment-form').hidden = false;
  $('payment-error').hidden = true;
  try {
    const catalogue = await api('GET', '/api/payment-catalogue');
    renderCatalogue(catalogue);
  } catch (err) {
    problem(err.message);
  }
}

export function endPaymentsForCall() {
  callId = null;
  $('payments-panel').hidden = true;
}

function renderCatalogue(c) {
  $('payment-simulated').hidden = !c.simulatedReader;
  const radios = c.items.map((i) => el('div', { class: 'govuk-radios__item' },
    el('input', { class: 'govuk-radios__input', id: `pay-item-${i.id}`, name: 'payment-item', type: 'radio', value: i.id,
      'aria-describedby': `pay-item-${i.id}-hint` }),
    el('label', { class: 'govuk-label govuk-radios__label', for: `pay-item-${i.id}`, text: `${i.label}: ${i.amountText}` }),
    el('div', { class: 'govuk-hint govuk-radios__hint', id: `pay-item-${i.id}-hint`, text: `Fund code ${i.fundCode || 'none'}, VAT code ${i.vatCode || 'none'}` })));
  const other = el('div', { class: 'govuk-radios__item' },
    el('input', { class: 'govuk-radios__input', id: 'pay-item-other', name: 'payment-item', type: 'radio', value: '' }),
    el('label', { class: 'govuk-label govuk-radios__label', for: 'pay-item-other', text: 'Another amount' }));
  $('payment-items').replaceChildren(...radios, other);
  document.querySelectorAll('input[name=payment-item]').forEach((r) => r.addEventListener('change', () => {
    $('payment-other').hidden = !$('pay-item-other').checked;
  }));
  $('payment-other').hidden = true;
}

function pence(text) {
  const m = /^£?\s*(\d{1,6})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] || '0').padEnd(2, '0'));
}

async function sendPayment() {
  const chosen = document.querySelector('input[name=payment-item]:checked');
  if (!chosen) { problem('Choose what the payment is for'); return; }
  let body;
  if (chosen.value) {
    body = { itemId: chosen.value };
  } else {
    const amount = pence($('pay-amount').value);
    if (amount === null) { problem('Enter the amount in pounds and pence, like 12.50'); return; }
    body = { amountPence: amount, currency: 'GBP', reason: $('pay-reason').value };
  }
  $('payment-send').disabled = true;
  try {
    const p = await api('POST', `/api/calls/${encodeURIComponent(callId)}/payments`, body);
    $('payment-error').hidden = true;
    updated(p);
  } catch (err) {
    problem(err.message);
  } finally {
    $('payment-send').disabled = false;
  }
}

async function cancelPayment() {
  if (!current) return;
  $('payment-cancel').disabled = true;
  try {
    updated(await api('POST', `/api/payments/${encodeURIComponent(current.paymentId)}/cancel`, {}));
  } catch (err) {
    problem(err.message);
  } finally {
    $('payment-cancel').disabled = false;
  }
}

/** A payment.updated from the server: shown in the panel during the call, or as a banner after it. */
export function onPaymentMessage(p) {
  if (callId === null) {
    tellAfterCall(`Payment of ${p.amountText} for ${p.description}: ${p.statusText}${p.message ? `. ${p.message}` : ''}`);
    return;
  }
  updated(p);
}

function updated(p) {
  current = p;
  $('payment-form').hidden = !['SUCCEEDED', 'CANCELLED'].includes(p.status);
  $('payment-live').hidden = false;
  $('payment-what').textContent = `${p.amountText} for ${p.description}`;
  $('payment-status').replaceChildren(el('strong', { class: `govuk-tag ${TAG[p.status] || ''}`, text: p.statusText }),
    p.cardBrand ? ` ${p.cardBrand} ending ${p.cardLast4}` : '');
  $('payment-message').textContent = p.message || '';
  $('payment-message').hidden = !p.message;
  $('payment-cancel').hidden = !CANCELLABLE.includes(p.status);
  $('payment-receipt-line').replaceChildren(...(p.receiptDocumentId
    ? [el('a', { class: 'govuk-link', id: 'payment-receipt', href: `/api/documents/${p.receiptDocumentId}/file`, target: '_blank', rel: 'noopener', text: 'View the receipt (PDF)' })]
    : p.status === 'SUCCEEDED' ? ['Making the receipt…'] : []));
}

function problem(text) {
  $('payment-error').textContent = text;
  $('payment-error').hidden = false;
}
