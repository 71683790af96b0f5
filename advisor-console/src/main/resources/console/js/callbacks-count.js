// The header's "Call backs" link says how many are due now and overdue, so nobody has to open the page to know
// (a supervisor sees the overdue ones at a glance). Its own module, so the calls page need not know call backs.
import { api } from './api.js';

const REFRESH_MS = 60_000;

async function refresh() {
  const count = document.getElementById('callbacks-count');
  if (!count) return;
  try {
    const { counts } = await api('GET', '/api/callbacks?view=overdue');
    const parts = [];
    if (counts.due) parts.push(`${counts.due} due`);
    if (counts.overdue) parts.push(`${counts.overdue} overdue`);
    count.textContent = parts.length ? ` (${parts.join(', ')})` : '';
  } catch {
    count.textContent = '';
  }
}

refresh();
setInterval(refresh, REFRESH_MS);
