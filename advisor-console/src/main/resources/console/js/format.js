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
export { el } from '/protocol/cap-protocol.js';

export function readable(code) {
  const s = String(code || '').replace(/[-_.]/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}
