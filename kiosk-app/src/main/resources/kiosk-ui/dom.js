// Small helpers for building the kiosk's screens: every value is set as text or an attribute, never as HTML,
// so anything typed or sent by the server stays inert.

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  Object.entries(attrs).forEach(([k, v]) => {
    if (v === null || v === undefined || v === false) return;
    if (k === 'text') node.textContent = v;
    else node.setAttribute(k, v === true ? '' : v);
  });
  children.flat().forEach((c) => { if (c) node.append(c); });
  return node;
}

/** A full-width GOV.UK button for a touchscreen. */
export function button(id, text, onClick, kind = '') {
  const b = el('button', { type: 'button', id, class: `govuk-button kiosk-wide ${kind}`.trim(), text });
  b.addEventListener('click', onClick);
  return b;
}
