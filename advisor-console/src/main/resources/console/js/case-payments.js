// A case's card payments: what was paid for, the card (brand and last four only), the status history, the receipt,
// refunds, and for supervisors a refund form (in full or in part, with a reason).
//
// Stable hooks for tests: #payment-<id>, the refund form #refund-form-<id> with #refund-amount-<id>,
// #refund-reason-<id> and "Refund" (#refund-<id>), its error #refund-error-<id>.
import { api } from './api.js';
import { el, when } from './format.js';

function row(k, v) {
  return el('div', { class: 'govuk-summary-list__row' },
    el('dt', { class: 'govuk-summary-list__key', text: k }), el('dd', { class: 'govuk-summary-list__value', text: v || '—' }));
}

function table(caption, head, rows) {
  return el('table', { class: 'govuk-table' },
    el('caption', { class: 'govuk-table__caption govuk-table__caption--s', text: caption }),
    el('thead', { class: 'govuk-table__head' }, el('tr', { class: 'govuk-table__row' },
      ...head.map((h) => el('th', { scope: 'col', class: 'govuk-table__header', text: h })))),
    el('tbody', { class: 'govuk-table__body' }, ...rows.map((r) => el('tr', { class: 'govuk-table__row' },
      ...r.map((v) => el('td', { class: 'govuk-table__cell', text: v || '—' }))))));
}

function refundForm(p, reload) {
  const error = el('p', { class: 'govuk-error-message', id: `refund-error-${p.paymentId}`, role: 'alert', hidden: true });
  const form = el('form', { id: `refund-form-${p.paymentId}`, novalidate: true },
    el('h4', { class: 'govuk-heading-s', text: `Refund (up to ${p.refundableText})` }), error,
    el('div', { class: 'govuk-form-group' },
      el('label', { class: 'govuk-label', for: `refund-amount-${p.paymentId}`, text: 'Amount to refund' }),
      el('div', { class: 'govuk-hint', id: `refund-amount-hint-${p.paymentId}`, text: 'Leave empty to refund everything that is left' }),
      el('div', { class: 'govuk-input__wrapper' }, el('div', { class: 'govuk-input__prefix', 'aria-hidden': 'true', text: '£' }),
        el('input', { class: 'govuk-input govuk-input--width-5', id: `refund-amount-${p.paymentId}`, type: 'text', inputmode: 'decimal',
          'aria-describedby': `refund-amount-hint-${p.paymentId}` }))),
    el('div', { class: 'govuk-form-group' },
      el('label', { class: 'govuk-label', for: `refund-reason-${p.paymentId}`, text: 'Reason for the refund' }),
      el('input', { class: 'govuk-input', id: `refund-reason-${p.paymentId}`, type: 'text', maxlength: '500' })),
    el('button', { type: 'submit', class: 'govuk-button govuk-button--warning', id: `refund-${p.paymentId}`, text: 'Refund' }));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const text = form.querySelector(`#refund-amount-${p.paymentId}`).value.trim();
    const m = /^£?\s*(\d{1,6})(?:\.(\d{1,2}))?$/.exec(text);
    if (text && !m) { error.textContent = 'Enter the amount in pounds and pence, like 15.00'; error.hidden = false; return; }
    const body = { reason: form.querySelector(`#refund-reason-${p.paymentId}`).value };
    if (m) body.amountPence = Number(m[1]) * 100 + Number((m[2] || '0').padEnd(2, '0'));
    form.querySelector('button').disabled = true;
    try {
      await api('POST', `/api/payments/${p.paymentId}/refunds`, body);
      reload();
    } catch (err) {
      error.textContent = err.message;
      error.hidden = false;
      form.querySelector('button').disabled = false;
    }
  });
  return form;
}

// A refunded payment is no longer simply "accepted": its tag says so in words, in a different colour.
function tagColour(p) {
  if (p.status !== 'SUCCEEDED') return 'govuk-tag--grey';
  return p.refundedText && p.refundedText !== '£0.00' ? 'govuk-tag--yellow' : 'govuk-tag--green';
}

export function paymentsView(payments, isSupervisor, reload) {
  if (payments.length === 0) return el('p', { class: 'govuk-body', text: 'No payments on this case' });
  return el('div', {}, ...payments.map((p) => el('div', { class: 'cap-match', id: `payment-${p.paymentId}` },
    el('h3', { class: 'govuk-heading-s', text: `${p.amountText}: ${p.description}` }),
    el('p', { class: 'govuk-body' }, el('strong', { class: `govuk-tag ${tagColour(p)}`, text: p.tagText || p.statusText }),
      p.simulatedReader ? ' Simulated card reader: no money was taken.' : ''),
    el('dl', { class: 'govuk-summary-list' },
      row('Amount', `${p.amountText} (${p.currency})`), row('Item', p.itemId), row('Fund code', p.fundCode), row('VAT code', p.vatCode),
      row('Card', p.cardBrand ? `${p.cardBrand} ending ${p.cardLast4}` : ''), row('Stripe payment', p.paymentIntentId),
      row('Requested by', p.requestedBy), row('Requested at', when(p.createdAt)),
      ...Object.entries(p.receiptFields || {}).map(([k, v]) => row(k, v))),
    p.receiptDocumentId ? el('p', { class: 'govuk-body' }, el('a', { class: 'govuk-link', href: `/api/documents/${p.receiptDocumentId}/file`, text: 'View the receipt (PDF)' })) : null,
    table('What happened', ['When', 'Status', 'Detail', 'By'], (p.happened || p.history).map((h) => [when(h.at), h.statusText, h.detail, h.actor])),
    p.refunds.length ? table('Refunds', ['When', 'Amount', 'Reason', 'Status', 'By'],
      p.refunds.map((r) => [when(r.at), r.amountText, r.reason, r.status === 'SUCCEEDED' ? 'Refunded' : r.status.toLowerCase(), r.by])) : null,
    isSupervisor && p.refundable > 0 ? refundForm(p, reload) : null)));
}
