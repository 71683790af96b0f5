// One case: its customer, the contact history of its calls, and the timeline of everything on it.
// Later capabilities add documents, forms, payments and photos to the timeline; unknown kinds
// are shown generically. Every value is set as text, so markup typed into notes stays inert.
import { api, currentSession } from './api.js';
import { el, minutesSeconds, readable, when } from './format.js';
import { paymentsView } from './case-payments.js';

const $ = (id) => document.getElementById(id);

function summaryList(rows) {
  return el('dl', { class: 'govuk-summary-list' }, ...rows.map(([k, v]) => el('div', { class: 'govuk-summary-list__row' },
    el('dt', { class: 'govuk-summary-list__key', text: k }), el('dd', { class: 'govuk-summary-list__value', text: v || '—' }))));
}

function customerView(c) {
  if (!c) return el('p', { class: 'govuk-body', text: 'No customer linked yet' });
  return summaryList([
    ['Name', `${c.firstName} ${c.lastName}`], ['Date of birth', c.dateOfBirth],
    ['Address', [c.addressLine1, c.addressLine2, c.town, c.postcode].filter(Boolean).join(', ')],
    ['Phone', c.phone], ['Email', c.email]]);
}

function contactsView(contacts) {
  if (contacts.length === 0) return el('p', { class: 'govuk-body', text: 'No contacts on this case' });
  const head = ['Queued', 'Answered', 'Ended', 'Wait', 'Duration', 'Advisor', 'Kiosk', 'Outcome', 'Notes'];
  return el('table', { class: 'govuk-table' },
    el('caption', { class: 'govuk-table__caption govuk-visually-hidden', text: 'Calls on this case' }),
    el('thead', { class: 'govuk-table__head' }, el('tr', { class: 'govuk-table__row' },
      ...head.map((h) => el('th', { scope: 'col', class: 'govuk-table__header', text: h })))),
    el('tbody', { class: 'govuk-table__body' }, ...contacts.map((c) => el('tr', { class: 'govuk-table__row' },
      ...[when(c.queuedAt), when(c.answeredAt), when(c.endedAt), minutesSeconds(c.waitSeconds), minutesSeconds(c.durationSeconds),
        c.advisor || '—', [c.kiosk, c.site].filter(Boolean).join(', ') || '—',
        c.outcomeLabel || (c.state === 'ENDED' ? readable(c.endReason) : readable(c.state)), c.notes || '—']
        .map((v) => el('td', { class: 'govuk-table__cell cap-pre', text: v }))))));
}

function timelineView(entries) {
  if (entries.length === 0) return [el('li', { class: 'govuk-body', text: 'Nothing yet' })];
  return entries.map((t) => el('li', {},
    el('time', { datetime: t.at, class: 'govuk-body', text: when(t.at) }),
    el('strong', { class: 'govuk-tag govuk-tag--blue', text: readable(t.kind) }),
    el('p', { class: 'govuk-body cap-pre', text: t.summary }),
    el('p', { class: 'govuk-body-s', text: `By ${t.by || t.actor}` })));
}

const KINDS = { form: 'Signed form', 'signature-evidence': 'Signature evidence (strokes)', receipt: 'Payment receipt', scan: 'Scanned document', photo: 'ID photo', badge: 'ID badge' };

function documentsView(docs, names) {
  if (docs.length === 0) return el('p', { class: 'govuk-body', text: 'No documents on this case' });
  return el('ul', { class: 'govuk-list' }, ...docs.map((d) => {
    const check = d.mediaType === 'application/pdf'
      ? el('button', { type: 'button', class: 'govuk-button govuk-button--secondary govuk-!-margin-bottom-0', id: `check-${d.id}` },
        'Check the seal', el('span', { class: 'govuk-visually-hidden', text: `: ${d.title}` }))
      : null;
    const verdict = el('p', { class: 'govuk-body', id: `seal-${d.id}`, 'aria-live': 'polite' });
    if (check) check.addEventListener('click', async () => {
      verdict.textContent = 'Checking…';
      try {
        const v = await api('GET', `/api/documents/${d.id}/seal`);
        verdict.textContent = v.intact && v.unchangedSinceStored
          ? `Seal intact (${v.level}), sealed by ${v.signedBy}.${v.selfSignedCertificate ? ' Demo: the seal uses a self-signed certificate.' : ''}`
          : 'Warning: this file has changed since it was sealed.';
      } catch (err) {
        verdict.textContent = err.message;
      }
    });
    return el('li', { class: 'cap-match' },
      el('p', { class: 'govuk-body govuk-!-margin-bottom-1' }, el('strong', { text: d.title }), ` – ${KINDS[d.kind] || readable(d.kind)}`),
      el('p', { class: 'govuk-body-s govuk-!-margin-bottom-1', text: `Stored ${when(d.createdAt)} by ${names[d.createdBy] || d.createdBy}. ${Math.ceil(d.sizeBytes / 1024)} KB. SHA-256 ${d.sha256}` }),
      el('p', { class: 'govuk-body govuk-!-margin-bottom-1' },
        el('a', { class: 'govuk-link', href: d.url, target: '_blank', text: `View ${d.mediaType === 'application/pdf' ? 'PDF' : 'file'} (opens in a new tab)` }),
        ' · ', el('a', { class: 'govuk-link', href: `${d.url}?download=1`, text: 'Download' })),
      check, verdict);
  }));
}

function formsView(forms) {
  if (forms.length === 0) return el('p', { class: 'govuk-body', text: 'No forms on this case' });
  return el('div', {}, ...forms.map((f) => el('div', { class: 'cap-match' },
    el('h3', { class: 'govuk-heading-s', text: `${f.title} (version ${f.formVersion})` }),
    el('p', { class: 'govuk-body' }, el('strong', { class: `govuk-tag ${f.status === 'COMPLETED' ? 'govuk-tag--green' : 'govuk-tag--yellow'}`,
      text: f.status === 'COMPLETED' ? 'Signed' : f.status === 'PAUSED' ? 'Draft, not signed' : 'Being filled in' }),
      ` Last changed ${when(f.updatedAt)}`),
    el('dl', { class: 'govuk-summary-list' }, ...f.answers.map((a) => el('div', { class: 'govuk-summary-list__row' },
      el('dt', { class: 'govuk-summary-list__key', text: a.label }),
      el('dd', { class: 'govuk-summary-list__value cap-pre', text: a.answer || '—' })))))));
}

// The payments route keeps the stored actor ids; the case's own names (server-resolved) replace
// those it knows, so "card-reader:simulated-…" reads as "Simulated card reader" here too.
function withNames(payments, names) {
  const name = (actor) => names[actor] || actor;
  return payments.map((p) => ({
    ...p,
    requestedBy: name(p.requestedBy),
    history: (p.history || []).map((h) => ({ ...h, actor: name(h.actor) })),
    refunds: (p.refunds || []).map((r) => ({ ...r, by: name(r.by) })),
  }));
}

async function showPayments(caseId, isSupervisor, names) {
  const payments = await api('GET', `/api/cases/${caseId}/payments`);
  $('payments').replaceChildren(paymentsView(withNames(payments, names), isSupervisor, () => showPayments(caseId, isSupervisor, names)));
}

async function main() {
  const session = await currentSession();
  if (!session) { location.href = '/index.html'; return; }
  const id = new URLSearchParams(location.search).get('id');
  try {
    const c = await api('GET', `/api/cases/${encodeURIComponent(id || '')}`);
    document.title = `Case ${c.reference} – Customer Access Point`;
    $('case-title').textContent = c.reference;
    $('case-status').replaceChildren(`Opened ${when(c.openedAt)}. Status: ${readable(c.status.toLowerCase())}.`,
      ...(c.mergedInto ? [' ', el('a', { class: 'govuk-link', href: `/case.html?id=${c.mergedInto}`, text: 'Go to the case it was merged into' })] : []));
    $('customer').replaceChildren(customerView(c.customer));
    $('contacts').replaceChildren(contactsView(c.contacts));
    $('timeline').replaceChildren(...timelineView(c.timeline));
    const [docs, forms] = await Promise.all([api('GET', `/api/cases/${c.id}/documents`), api('GET', `/api/cases/${c.id}/forms`)]);
    $('documents').replaceChildren(documentsView(docs, c.names || {}));
    $('forms').replaceChildren(formsView(forms));
    await showPayments(c.id, session.user.role === 'SUPERVISOR', c.names || {});
  } catch (err) {
    $('case-title').textContent = 'Case not found';
    $('case-status').textContent = err.message;
  }
}

main();
