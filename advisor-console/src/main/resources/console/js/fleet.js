// The fleet page: kiosks (state, devices, self-test, alerts) refreshed every few seconds, managing one kiosk
// (device settings, restart, screenshot, revoke), sites, and enrolment tokens. Supervisors may look; only
// technicians and admins change anything (the server enforces it).
import { api, currentSession, signOut } from './api.js';
import { el, when } from './format.js';

const $ = (id) => document.getElementById(id);
const REFRESH_MS = 5000;
const STATE_TAGS = {
  idle: ['Online', 'govuk-tag--green'],
  in_call: ['In a call', 'govuk-tag--blue'],
  offline: ['Offline', 'govuk-tag--red'],
  revoked: ['Revoked', 'govuk-tag--grey'],
};
const DEVICE_NAMES = { scanner: 'Scanner', printer: 'Printer', document_camera: 'Document camera' };
const DEVICE_WORDS = {
  READY: 'Ready', BUSY: 'Busy', OUT_OF_PAPER: 'Out of paper', PAPER_JAM: 'Paper jam', UNPLUGGED: 'Not connected', FAILED: 'Not working',
};

let kiosks = [];
let sites = [];
let managing = null;
let editingSite = null;
let mayChange = false;

/** Says what was just done, in a banner the page's refresh does not overwrite. */
function done(text) {
  $('done-text').textContent = text;
  $('done-banner').hidden = false;
}

function tag(text, colour) {
  return el('strong', { class: `govuk-tag ${colour}`, text });
}

function renderAlerts(alerts) {
  const list = $('alert-list');
  list.replaceChildren(...alerts.map((a) => el('li', {},
    el('strong', { text: `${a.kioskName}: ` }), a.message, el('span', { class: 'govuk-body-s', text: ` (since ${when(a.raisedAt)})` }))));
  $('alerts').hidden = alerts.length === 0;
  $('alerts-title').textContent = alerts.length === 1 ? '1 alert' : `${alerts.length} alerts`;
}

function devicesCell(k) {
  if (!k.devices.length) return el('span', { class: 'govuk-body-s', text: k.online ? 'Not reported yet' : '—' });
  return el('ul', { class: 'govuk-list govuk-body-s' }, ...k.devices.map((d) => {
    const well = d.state === 'READY' || d.state === 'BUSY';
    return el('li', {}, `${DEVICE_NAMES[d.device] || d.device}: `,
      tag(DEVICE_WORDS[d.state] || d.state, well ? 'govuk-tag--green' : 'govuk-tag--red'),
      d.simulated ? el('span', { text: ' (simulated)' }) : null);
  }));
}

function selfTestCell(k) {
  const t = k.selfTest;
  if (!t) return el('span', { class: 'govuk-body-s', text: 'Never run' });
  const failed = t.checks.filter((c) => !c.passed);
  const details = el('details', { class: 'govuk-details govuk-!-margin-bottom-0' },
    el('summary', { class: 'govuk-details__summary' }, el('span', { class: 'govuk-details__summary-text',
      text: failed.length ? `${failed.length} failed` : `All ${t.checks.length} passed` })),
    el('div', { class: 'govuk-details__text' },
      el('p', { class: 'govuk-body-s', text: `Run ${when(t.ranAt)}` }),
      el('ul', { class: 'govuk-list govuk-body-s' }, ...t.checks.map((c) => el('li', {},
        tag(c.passed ? 'Pass' : 'Fail', c.passed ? 'govuk-tag--green' : 'govuk-tag--red'), ` ${c.check}: ${c.detail}`,
        !c.passed && c.fix ? el('span', { text: ` Fix: ${c.fix}` }) : null)))));
  return details;
}

function renderKiosks() {
  $('no-kiosks').hidden = kiosks.length > 0;
  $('kiosk-rows').replaceChildren(...kiosks.map((k) => {
    const [label, colour] = STATE_TAGS[k.state] || [k.state, 'govuk-tag--grey'];
    const manage = mayChange && k.state !== 'revoked'
      ? el('button', { type: 'button', class: 'govuk-button govuk-button--secondary govuk-!-margin-bottom-0', 'data-kiosk': k.id,
        text: 'Manage' }, el('span', { class: 'govuk-visually-hidden', text: ` ${k.name}` }))
      : null;
    if (manage) manage.addEventListener('click', () => openPanel(k.id));
    return el('tr', { class: 'govuk-table__row', 'data-kiosk-row': k.id },
      el('td', { class: 'govuk-table__cell' }, el('strong', { text: k.name }), el('br'), el('span', { class: 'govuk-body-s', text: k.siteName })),
      el('td', { class: 'govuk-table__cell' }, tag(label, colour)),
      el('td', { class: 'govuk-table__cell', text: k.lastSeen ? when(k.lastSeen) : 'Never' }),
      el('td', { class: 'govuk-table__cell', text: k.appVersion || '—' }),
      el('td', { class: 'govuk-table__cell' }, devicesCell(k)),
      el('td', { class: 'govuk-table__cell' }, selfTestCell(k)),
      el('td', { class: 'govuk-table__cell' }, manage));
  }));
}

async function refresh() {
  try {
    const fleet = await api('GET', '/api/fleet');
    kiosks = fleet.kiosks;
    renderAlerts(fleet.alerts);
    renderKiosks();
    const online = kiosks.filter((k) => k.online).length;
    $('fleet-updated').textContent = `${online} of ${kiosks.filter((k) => k.state !== 'revoked').length} kiosks online. Updated ${when(fleet.serverTime)}.`;
  } catch (e) {
    $('fleet-updated').textContent = `Could not load the fleet: ${e.message}. Trying again…`;
  }
}

// ---- one kiosk ----

function openPanel(id) {
  const k = kiosks.find((x) => x.id === id);
  if (!k) return;
  managing = k;
  $('kiosk-panel').hidden = false;
  $('kiosk-panel-title').textContent = `Manage ${k.name}`;
  for (const f of ['scanner', 'printer', 'documentCamera']) $(`device-${f}`).value = (k.deviceSettings || {})[f] || '';
  $('command-status').textContent = '';
  $('screenshot-image').hidden = true;
  $('revoke-confirm').checked = false;
  setRevokeEnabled(false);
  $('devices-errors').hidden = true;
  $('kiosk-panel-title').focus();
  loadReader(k);
}

async function loadReader(k) {
  $('reader-error').hidden = true;
  $('reader-group').classList.remove('govuk-form-group--error');
  $('reader-id').value = '';
  try {
    const r = await api('GET', `/api/kiosks/${k.id}/card-reader`);
    $('reader-now').textContent = r.simulatedReader
      ? 'This server uses the simulated card reader (no money is taken). A reader saved here is used once CAP_STRIPE_SECRET_KEY is set.'
      : (r.readerId ? `This kiosk takes payments on reader ${r.readerId}.` : 'No card reader is registered for this kiosk: it cannot take payments.');
    $('reader-id').value = r.readerId || '';
  } catch (e) {
    $('reader-now').textContent = e.message;
  }
}

async function saveReader(e) {
  e.preventDefault();
  const k = managing;
  try {
    await api('PUT', `/api/kiosks/${k.id}/card-reader`, { readerId: $('reader-id').value.trim(), label: k.name });
    done(`${k.name}: card reader ${$('reader-id').value.trim()} saved.`);
    loadReader(k);
  } catch (err) {
    $('reader-error').textContent = '';
    $('reader-error').append(el('span', { class: 'govuk-visually-hidden', text: 'Error: ' }), err.message);
    $('reader-error').hidden = false;
    $('reader-group').classList.add('govuk-form-group--error');
    $('reader-id').focus();
  }
}

function setRevokeEnabled(on) {
  $('revoke').disabled = !on;
  $('revoke').setAttribute('aria-disabled', String(!on));
}

function showErrors(prefix, error, fieldPrefix) {
  const details = (error.body && error.body.details) || {};
  const entries = Object.entries(details);
  const list = $(`${prefix}-error-list`);
  const items = entries.length ? entries : [[null, error.message]];
  list.replaceChildren(...items.map(([field, message]) => el('li', {},
    field && $(`${fieldPrefix}-${field}`) ? el('a', { href: `#${fieldPrefix}-${field}`, text: message }) : el('span', { text: message }))));
  document.querySelectorAll(`[id^="${fieldPrefix}-"]`).forEach((input) => input.classList.remove('govuk-input--error'));
  for (const [field] of entries) {
    const input = $(`${fieldPrefix}-${field}`);
    if (input) input.classList.add('govuk-input--error');
  }
  $(`${prefix}-errors`).hidden = false;
  $(`${prefix}-errors`).focus();
}

async function saveDevices(e) {
  e.preventDefault();
  const body = {};
  for (const f of ['scanner', 'printer', 'documentCamera']) body[f] = $(`device-${f}`).value.trim();
  try {
    await api('PUT', `/api/kiosks/${managing.id}/devices`, body);
    $('devices-errors').hidden = true;
    $('command-status').textContent = 'Device settings saved and sent to the kiosk.';
    done(`${managing.name}: device settings saved and sent to the kiosk.`);
    refresh();
  } catch (err) {
    showErrors('devices', err, 'device');
  }
}

async function command(which) {
  const k = managing;
  $('command-status').textContent = which === 'restart' ? 'Asking the kiosk to restart…' : 'Asking the kiosk for its screen…';
  $('screenshot-image').hidden = true;
  try {
    let c = await api('POST', `/api/kiosks/${k.id}/commands`, { command: which });
    for (let i = 0; i < 40 && c.status === 'sent'; i++) {
      await new Promise((r) => { setTimeout(r, 500); });
      c = await api('GET', `/api/kiosk-commands/${c.commandId}`);
    }
    if (c.status === 'sent') {
      $('command-status').textContent = 'The kiosk has not answered. It may be busy or its network slow; try again.';
    } else if (c.status === 'failed') {
      $('command-status').textContent = `The kiosk could not do it: ${c.message}`;
    } else if (which === 'restart') {
      $('command-status').textContent = 'The kiosk is restarting. It will show as online again in a few seconds.';
    } else {
      const r = await fetch(`/api/kiosks/${k.id}/screenshot`, { credentials: 'same-origin' });
      if (!r.ok) throw new Error('the screenshot could not be fetched');
      const img = $('screenshot-image');
      if (img.src.startsWith('blob:')) URL.revokeObjectURL(img.src);
      img.src = URL.createObjectURL(await r.blob());
      img.alt = `The screen of ${k.name}, taken ${when(new Date().toISOString())}`;
      img.hidden = false;
      $('command-status').textContent = 'This is the kiosk\'s screen now.';
    }
  } catch (err) {
    $('command-status').textContent = err.message;
  }
}

async function revoke() {
  const k = managing;
  try {
    await api('POST', `/api/kiosks/${k.id}/revoke`, {});
    $('kiosk-panel').hidden = true;
    managing = null;
    done(`${k.name} is revoked: it has been disconnected and its credentials will be refused.`);
    await refresh();
  } catch (err) {
    $('command-status').textContent = err.message;
  }
}

// ---- sites ----

async function loadSites() {
  sites = (await api('GET', '/api/sites')).sites;
  $('site-rows').replaceChildren(...sites.map((s) => {
    const change = mayChange ? el('button', { type: 'button', class: 'govuk-button govuk-button--secondary govuk-!-margin-bottom-0',
      text: 'Change' }, el('span', { class: 'govuk-visually-hidden', text: ` ${s.name}` })) : null;
    if (change) change.addEventListener('click', () => editSite(s));
    return el('tr', { class: 'govuk-table__row' },
      el('td', { class: 'govuk-table__cell' }, el('strong', { text: s.name }), s.address ? el('br') : null,
        s.address ? el('span', { class: 'govuk-body-s cap-pre', text: s.address }) : null),
      el('td', { class: 'govuk-table__cell', text: s.openingHours }),
      el('td', { class: 'govuk-table__cell', text: s.phone }),
      el('td', { class: 'govuk-table__cell', text: `${s.idleTimeoutSeconds} seconds` }),
      el('td', { class: 'govuk-table__cell' }, change));
  }));
  const select = $('token-site');
  const chosen = select.value;
  select.replaceChildren(...sites.map((s) => el('option', { value: s.id, text: s.name })));
  if (chosen) select.value = chosen;
}

function editSite(s) {
  editingSite = s;
  for (const f of ['name', 'address', 'openingHours', 'phone', 'idleTimeoutSeconds']) $(`site-${f}`).value = s[f] ?? '';
  $('site-form-title').textContent = `Change ${s.name}`;
  $('site-save').textContent = 'Save and send to its kiosks';
  $('site-cancel').hidden = false;
  $('site-errors').hidden = true;
  $('site-form-title').focus();
}

function resetSiteForm() {
  editingSite = null;
  $('site-form').reset();
  $('site-idleTimeoutSeconds').value = '120';
  $('site-form-title').textContent = 'Add a site';
  $('site-save').textContent = 'Add site';
  $('site-cancel').hidden = true;
}

async function saveSite(e) {
  e.preventDefault();
  const idle = $('site-idleTimeoutSeconds').value.trim();
  const body = {
    name: $('site-name').value.trim(),
    address: $('site-address').value.trim(),
    openingHours: $('site-openingHours').value.trim(),
    phone: $('site-phone').value.trim(),
    idleTimeoutSeconds: /^\d+$/.test(idle) ? Number(idle) : -1,
    timeZone: editingSite ? editingSite.timeZone : 'Europe/London',
    themes: editingSite ? editingSite.themes : ['general'],
    enquiryThemes: editingSite ? editingSite.enquiryThemes : [],
  };
  try {
    const saved = editingSite ? await api('PUT', `/api/sites/${editingSite.id}`, body) : await api('POST', '/api/sites', body);
    $('site-errors').hidden = true;
    done(editingSite ? `${saved.name} saved; its kiosks have the new settings.` : `${saved.name} added.`);
    resetSiteForm();
    await loadSites();
  } catch (err) {
    showErrors('site', err, 'site');
  }
}

// ---- enrolment tokens ----

async function makeToken(e) {
  e.preventDefault();
  const hours = $('token-hours').value.trim();
  try {
    const t = await api('POST', '/api/enrolment-tokens', {
      siteId: $('token-site').value, kioskName: $('token-kioskName').value.trim(), hours: /^\d+$/.test(hours) ? Number(hours) : 0,
    });
    $('token-errors').hidden = true;
    $('token-text').textContent = t.token;
    // The server's SVG is shown as an image, never inserted as markup.
    $('token-qr').src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(t.qrSvg)}`;
    $('token-expiry').textContent = `For ${t.kioskName}. Works once, until ${when(t.expiresAt)}.`;
    $('token-command').textContent = `sudo cap-provisioning enrol --server ${location.origin} --token ${t.token}`;
    $('token-result').hidden = false;
    $('token-how').hidden = false;
    $('token-text').setAttribute('tabindex', '-1');
    $('token-text').focus();
  } catch (err) {
    showErrors('token', err, 'token');
  }
}

async function main() {
  const session = await currentSession();
  if (!session) { location.href = '/index.html'; return; }
  const role = session.user.role;
  if (!['TECHNICIAN', 'ADMIN', 'SUPERVISOR'].includes(role)) { location.href = '/console.html'; return; }
  mayChange = role === 'TECHNICIAN' || role === 'ADMIN';
  $('who').textContent = `${session.user.displayName} (${role.toLowerCase()})`;
  $('calls-link').hidden = role !== 'SUPERVISOR';
  $('staff-link').hidden = role !== 'ADMIN';
  $('sign-out').addEventListener('click', async () => { await signOut(); location.href = '/index.html'; });
  for (const id of ['site-form', 'token-form']) $(id).hidden = !mayChange;
  $('devices-form').addEventListener('submit', saveDevices);
  $('reader-form').addEventListener('submit', saveReader);
  $('restart').addEventListener('click', () => command('restart'));
  $('screenshot').addEventListener('click', () => command('screenshot'));
  $('revoke-confirm').addEventListener('change', () => setRevokeEnabled($('revoke-confirm').checked));
  $('revoke').addEventListener('click', revoke);
  $('site-form').addEventListener('submit', saveSite);
  $('site-cancel').addEventListener('click', resetSiteForm);
  $('token-form').addEventListener('submit', makeToken);
  await loadSites();
  await refresh();
  setInterval(refresh, REFRESH_MS);
}

main();
