// Small helpers for building the kiosk's screens: every value is set as text or an attribute, never as HTML,
// so anything typed or sent by the server stays inert. el() is the protocol module's, shared with the console.
import { el } from '/protocol/cap-protocol.js';

export { el };

/** A full-width GOV.UK button for a touchscreen. */
export function button(id, text, onClick, kind = '') {
  const b = el('button', { type: 'button', id, class: `govuk-button kiosk-wide ${kind}`.trim(), text });
  b.addEventListener('click', onClick);
  return b;
}
