// Find or create the customer during or after a call, and link them to the call's case.
import { api } from './api.js';
import { el } from './format.js';

const FIELDS = [
  ['firstName', 'First name', 'text', 'given-name'],
  ['lastName', 'Last name', 'text', 'family-name'],
  ['dateOfBirth', 'Date of birth', 'date', 'bday'],
  ['addressLine1', 'Address line 1', 'text', 'address-line1'],
  ['addressLine2', 'Address line 2 (optional)', 'text', 'address-line2'],
  ['town', 'Town or city', 'text', 'address-level2'],
  ['postcode', 'Postcode', 'text', 'postal-code'],
  ['phone', 'Phone number', 'tel', 'tel'],
  ['email', 'Email address', 'email', 'email'],
];

let caseId = null;
let onLinked = () => {};

export function initCustomers(linkedCallback) {
  onLinked = linkedCallback;
  const form = document.getElementById('customer-form');
  form.replaceChildren(...FIELDS.map(([name, label, type, autocomplete]) => el('div', { class: 'govuk-form-group', id: `cf-${name}-group` },
    el('label', { class: 'govuk-label', for: `cf-${name}`, text: label }),
    el('p', { class: 'govuk-error-message', id: `cf-${name}-error`, hidden: true }),
    el('input', { class: 'govuk-input', id: `cf-${name}`, name, type, autocomplete: 'off', 'data-autocomplete': autocomplete }))),
  el('button', { type: 'submit', class: 'govuk-button', text: 'Create customer' }));
  form.addEventListener('submit', (e) => { e.preventDefault(); createCustomer(false); });
  document.getElementById('customer-search').addEventListener('submit', (e) => { e.preventDefault(); search(); });
}

export function showCustomerPanel(forCaseId) {
  caseId = forCaseId;
  document.getElementById('customer-panel').hidden = false;
  document.getElementById('customer-linked').hidden = true;
  document.getElementById('customer-results').replaceChildren();
  document.getElementById('duplicates').hidden = true;
  document.getElementById('customer-form').reset();
}

export function hideCustomerPanel() {
  document.getElementById('customer-panel').hidden = true;
  caseId = null;
}

async function search() {
  const q = document.getElementById('customer-q').value.trim();
  const out = document.getElementById('customer-results');
  if (q.length < 2) { out.replaceChildren(el('p', { class: 'govuk-body', text: 'Enter at least 2 characters to search.' })); return; }
  try {
    const { results } = await api('GET', `/api/customers?q=${encodeURIComponent(q)}`);
    out.replaceChildren(results.length === 0
      ? el('p', { class: 'govuk-body', text: 'No customers match. You can create a new customer.' })
      : el('div', {}, ...results.map(matchView)));
  } catch (err) {
    out.replaceChildren(el('p', { class: 'govuk-body', text: err.message }));
  }
}

function matchView(c) {
  const name = `${c.firstName} ${c.lastName}`;
  const link = el('button', { type: 'button', class: 'govuk-button govuk-button--secondary', text: 'Link to this case' });
  link.setAttribute('aria-label', `Link ${name} to this case`);
  link.addEventListener('click', () => linkCustomer(c.id, name));
  return el('div', { class: 'cap-match' },
    el('p', { class: 'govuk-body govuk-!-font-weight-bold', text: name }),
    el('p', { class: 'govuk-body-s', text: [c.dateOfBirth && `Born ${c.dateOfBirth}`, c.addressLine1, c.town, c.postcode].filter(Boolean).join(', ') }),
    c.reasons && c.reasons.length ? el('p', { class: 'govuk-body-s', text: `Matches: ${c.reasons.join(', ')}` }) : null,
    link);
}

async function linkCustomer(customerId, name) {
  if (!caseId) return;
  try {
    const { caseId: linkedCase } = await api('PUT', `/api/cases/${caseId}/customer`, { customerId });
    caseId = linkedCase;
    const linked = document.getElementById('customer-linked');
    linked.replaceChildren(`${name} is linked to this call's case. `, el('a', { class: 'govuk-link', href: `/case.html?id=${linkedCase}`, target: '_blank', text: 'Open the case (new tab)' }));
    linked.hidden = false;
    document.getElementById('customer-results').replaceChildren();
    document.getElementById('duplicates').hidden = true;
    onLinked(linkedCase);
  } catch (err) {
    document.getElementById('customer-results').replaceChildren(el('p', { class: 'govuk-body', text: err.message }));
  }
}

async function createCustomer(confirmNotDuplicate) {
  const form = document.getElementById('customer-form');
  const body = Object.fromEntries(FIELDS.map(([name]) => [name, form[name].value]));
  body.confirmNotDuplicate = confirmNotDuplicate;
  showFieldErrors({});
  try {
    const { customer } = await api('POST', '/api/customers', body);
    await linkCustomer(customer.id, `${customer.firstName} ${customer.lastName}`);
    form.reset();
  } catch (err) {
    if (err.status === 409) showDuplicates(err.body.possibleDuplicates || []);
    else showFieldErrors(err.body.details || { firstName: err.message });
  }
}

function showDuplicates(list) {
  const box = document.getElementById('duplicates');
  const createAnyway = el('button', { type: 'button', class: 'govuk-button govuk-button--warning', text: 'None of these – create new' });
  createAnyway.addEventListener('click', () => createCustomer(true));
  box.replaceChildren(el('h3', { class: 'govuk-heading-m', text: 'This person may already be known' }), ...list.map(matchView), createAnyway);
  box.hidden = false;
}

function showFieldErrors(details) {
  const entries = Object.entries(details);
  const summary = document.getElementById('customer-errors');
  document.getElementById('customer-error-list').replaceChildren(...entries.map(([f, m]) => el('li', {}, el('a', { href: `#cf-${f}`, text: m }))));
  summary.hidden = entries.length === 0;
  for (const [name] of FIELDS) {
    const message = details[name];
    document.getElementById(`cf-${name}-group`).classList.toggle('govuk-form-group--error', Boolean(message));
    const e = document.getElementById(`cf-${name}-error`);
    e.hidden = !message;
    e.textContent = message ? `Error: ${message}` : '';
  }
  if (entries.length) summary.focus();
}
