// The satisfaction survey on a case, for supervisors only: each answer the resident gave at the
// kiosk after a call, and the net score (good minus poor, over answers). Advisors do not see
// ratings of their own work; the server refuses them too.
//
// Stable hooks for tests: #survey (the section), #survey-score, #survey-export.
import { api, currentSession } from './api.js';
import { el, when } from './format.js';

function answersTable(answers) {
  if (answers.length === 0) return el('p', { class: 'govuk-body', text: 'No survey answers on this case' });
  const head = ['Answered', 'Kiosk', 'Rating', 'Reason'];
  return el('table', { class: 'govuk-table' },
    el('caption', { class: 'govuk-table__caption govuk-visually-hidden', text: 'Survey answers on this case' }),
    el('thead', { class: 'govuk-table__head' }, el('tr', { class: 'govuk-table__row' },
      ...head.map((h) => el('th', { scope: 'col', class: 'govuk-table__header', text: h })))),
    el('tbody', { class: 'govuk-table__body' }, ...answers.map((a) => el('tr', { class: 'govuk-table__row' },
      ...[when(a.answeredAt), a.kioskName, a.ratingText, a.reasonText || '—']
        .map((v) => el('td', { class: 'govuk-table__cell', text: v }))))));
}

async function main() {
  const session = await currentSession();
  if (!session || session.user.role !== 'SUPERVISOR') return;
  const id = new URLSearchParams(location.search).get('id');
  const section = document.getElementById('survey');
  try {
    const s = await api('GET', `/api/cases/${encodeURIComponent(id || '')}/survey`);
    const score = s.score;
    section.replaceChildren(
      el('h2', { class: 'govuk-heading-l', text: 'Satisfaction survey' }),
      el('p', { class: 'govuk-body', id: 'survey-score' },
        el('strong', { text: `Net score: ${score.netScoreText}` }),
        score.responses > 0
          ? ` (${score.responses} ${score.responses === 1 ? 'answer' : 'answers'}: ${score.good} good, ${score.ok} OK, ${score.poor} poor)`
          : ''),
      answersTable(s.answers),
      el('p', { class: 'govuk-body' }, el('a', {
        class: 'govuk-link', id: 'survey-export', href: '/api/surveys/export.csv',
        text: 'Download every survey answer from the last 30 days (CSV)' })));
    section.hidden = false;
  } catch (err) {
    section.replaceChildren(el('p', { class: 'govuk-body', text: err.message }));
    section.hidden = false;
  }
}

main();
