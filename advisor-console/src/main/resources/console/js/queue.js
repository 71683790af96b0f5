// The live queue table: rows from queue.snapshot, "Waiting" ticking every second.
import { el, languageWords, minutesSeconds, readable } from './format.js';

let entries = [];
let clockOffsetMs = 0;

export function showQueue(snapshot) {
  entries = snapshot.entries || [];
  clockOffsetMs = Date.parse(snapshot.serverTime) - Date.now();
  render();
}

function render() {
  const rows = document.getElementById('queue-rows');
  document.getElementById('queue-empty').hidden = entries.length > 0;
  document.getElementById('queue-table').hidden = entries.length === 0;
  rows.replaceChildren(...entries.map((e) => {
    const waited = (Date.now() + clockOffsetMs - Date.parse(e.queuedAt)) / 1000;
    return el('tr', { class: 'govuk-table__row' },
      el('td', { class: 'govuk-table__cell', text: e.kioskName }),
      el('td', { class: 'govuk-table__cell', text: e.siteName }),
      el('td', { class: 'govuk-table__cell', text: readable(e.theme) + inLanguage(e.language) }),
      el('td', { class: 'govuk-table__cell', text: minutesSeconds(waited) + (e.offered ? ' (being offered)' : '') }));
  }));
}

// A resident who chose another language than English, so whoever speaks it can make themselves available.
function inLanguage(code) {
  const words = code && code !== 'en' ? languageWords(code) : null;
  return words ? `, in ${words.own}${words.english ? ` (${words.english})` : ''}` : '';
}

/** Ticks the "Waiting" column without re-announcing the whole table to screen readers. */
export function startQueueClock() {
  setInterval(() => {
    const rows = document.getElementById('queue-rows').children;
    entries.forEach((e, i) => {
      if (!rows[i]) return;
      const waited = (Date.now() + clockOffsetMs - Date.parse(e.queuedAt)) / 1000;
      rows[i].lastChild.textContent = minutesSeconds(waited) + (e.offered ? ' (being offered)' : '');
    });
  }, 1000);
}
