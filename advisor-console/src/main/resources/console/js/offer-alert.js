// Offers no one misses (ADR 0044): while a call is offered the console rings, the tab's title says so, and a
// console in the background raises a browser notification. The sound can be turned off (remembered in this
// browser); notifications need the advisor's permission, asked for with a button, never on load.
import { el } from './format.js';

const SOUND_KEY = 'cap.offerSound';
// The UK ringing cadence: 400+450 Hz, on 0.4 s, off 0.2 s, on 0.4 s, then 2 s of quiet.
const RING_EVERY_MS = 3000;
const BURSTS = [[0, 0.4], [0.6, 0.4]];

let audio = null;
let ringTimer = null;
let notice = null;
let titleBefore = null;

function soundOn() {
  try { return localStorage.getItem(SOUND_KEY) !== 'off'; } catch { return true; }
}

function setSound(on) {
  try { localStorage.setItem(SOUND_KEY, on ? 'on' : 'off'); } catch { /* private mode: this page only */ }
  if (!on) stopRinging();
}

function ringOnce() {
  const AudioCtx = window.AudioContext || window.webkitAudioContext;
  if (!AudioCtx) return;
  // Made on the first ring, not on load: browsers let a page that the advisor has used play sound.
  audio = audio || new AudioCtx();
  if (audio.state === 'suspended') audio.resume().catch(() => {});
  const gain = audio.createGain();
  gain.gain.value = 0.08;
  gain.connect(audio.destination);
  const now = audio.currentTime;
  for (const [at, length] of BURSTS) {
    for (const hz of [400, 450]) {
      const tone = audio.createOscillator();
      tone.frequency.value = hz;
      tone.connect(gain);
      tone.start(now + at);
      tone.stop(now + at + length);
    }
  }
}

function stopRinging() {
  clearInterval(ringTimer);
  ringTimer = null;
}

function notify(offer) {
  if (!('Notification' in window) || Notification.permission !== 'granted') return;
  if (!document.hidden && document.hasFocus()) return;
  try {
    notice = new Notification('Incoming call', {
      body: `${offer.kioskName} at ${offer.siteName}. Answer it on the Calls page.`,
      tag: 'cap-offer',
      requireInteraction: true,
    });
    notice.onclick = () => {
      window.focus();
      notice?.close();
    };
  } catch {
    notice = null; // Some browsers only allow notifications from a service worker; the sound and title remain.
  }
}

// The call is offered: ring until it is answered or withdrawn, say so in the title, and notify if in the background.
export function offerRinging(offer) {
  offerStopped();
  titleBefore = document.title;
  document.title = `Incoming call – ${titleBefore}`;
  if (soundOn()) {
    ringOnce();
    ringTimer = setInterval(ringOnce, RING_EVERY_MS);
  }
  notify(offer);
}

// Answered, declined, withdrawn or the connection dropped: quiet, and the title as it was.
export function offerStopped() {
  stopRinging();
  notice?.close();
  notice = null;
  if (titleBefore !== null) document.title = titleBefore;
  titleBefore = null;
}

function permissionWords(permission) {
  if (permission === 'granted') return 'Notifications are on: you will see one when a call is offered while this page is in the background.';
  if (permission === 'denied') return 'Notifications are blocked. To allow them, change this site\'s settings in your browser.';
  return null;
}

// The advisor's controls: sound on or off, and a button to allow notifications. Placed after the status choice.
export function initOfferAlert(after) {
  const box = el('input', { class: 'govuk-checkboxes__input', id: 'offer-sound', type: 'checkbox' });
  box.checked = soundOn();
  box.addEventListener('change', () => setSound(box.checked));
  const status = el('p', { class: 'govuk-body', id: 'notify-status' });
  const allow = el('button', { type: 'button', class: 'govuk-button govuk-button--secondary', id: 'notify-allow',
    text: 'Show a notification for incoming calls' });
  const show = () => {
    const permission = 'Notification' in window ? Notification.permission : 'unsupported';
    allow.hidden = permission !== 'default';
    status.textContent = permissionWords(permission) || '';
    status.hidden = !status.textContent;
  };
  allow.addEventListener('click', async () => {
    try { await Notification.requestPermission(); } catch { /* old browsers take a callback; none in use here */ }
    show();
    status.focus();
  });
  status.setAttribute('tabindex', '-1');
  show();
  const controls = el('div', { class: 'govuk-form-group', id: 'offer-alerts' },
    el('div', { class: 'govuk-checkboxes govuk-checkboxes--small' },
      el('div', { class: 'govuk-checkboxes__item' }, box,
        el('label', { class: 'govuk-label govuk-checkboxes__label', for: 'offer-sound', text: 'Sound for incoming calls' }))),
    status, allow);
  after.after(controls);
}
