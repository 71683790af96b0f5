// Times and durations the way people in the council read them.

const dateTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit',
});

export function when(iso) {
  return iso ? dateTime.format(new Date(iso)) : '—';
}

export function minutesSeconds(totalSeconds) {
  if (totalSeconds === null || totalSeconds === undefined) return '—';
  const s = Math.max(0, Math.floor(totalSeconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

// One el() for both browsers: the protocol module's.
import { el } from '/protocol/cap-protocol.js';

export { el };

export function readable(code) {
  const s = String(code || '').replace(/[-_.]/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

// A resident's language as the advisor reads it: its own name, then its English name ("Polski (Polish)"), from the
// browser's own language data, so a language a council added on its kiosks needs no list here. Null if none given.
export function languageWords(code) {
  if (!code) return null;
  const name = (locale) => {
    try { return new Intl.DisplayNames([locale], { type: 'language' }).of(code); } catch { return null; }
  };
  const english = name('en-GB') || code;
  const own = name(code);
  const capitalised = own ? own.charAt(0).toLocaleUpperCase(code) + own.slice(1) : null;
  return !capitalised || capitalised === english ? { own: english, english: null } : { own: capitalised, english };
}

/** "Language: Polski (Polish)" as nodes, the language's own name marked with its lang for screen readers. */
export function languageLine(code) {
  const words = languageWords(code);
  if (!words) return [];
  return ['Language: ', el('span', { lang: code, text: words.own }), words.english ? ` (${words.english})` : ''];
}
