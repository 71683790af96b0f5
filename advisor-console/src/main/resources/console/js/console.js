// The advisor's working page: status, live queue, incoming calls, the call itself, the customer,
// and the wrap-up. Each part lives in its own module and registers what it shows with socket.on(MessageType.X, fn)
// (docs/protocol.md); this one opens the socket and starts it once every part has registered.
import { api, currentSession, signOut, showAtSignIn } from './api.js';
import { createCall } from './call.js';
import { hideCustomerPanel, initCustomers, showCustomerPanel } from './customers.js';
import { el, languageLine, readable, when } from './format.js';
import { endFormsForCall, initForms, startFormsForCall } from './forms.js';
import { endPaymentsForCall, initPayments, onPaymentMessage, startPaymentsForCall } from './payments.js';
import { endScansForCall, initScans, onScanMessage, startScansForCall } from './scans.js';
import { endPhotosForCall, initPhotos, onPhotoMessage, onPrintMessage, startPhotosForCall } from './photos.js';
import { showQueue, startQueueClock } from './queue.js';
import { openSocket } from './socket.js';
import { MessageType } from '/protocol/cap-protocol.js';
import { initWrapUp, setWrapUpCase, startWrapUp } from './wrapup.js';
import { initOfferAlert, offerRinging, offerStopped } from './offer-alert.js';

const $ = (id) => document.getElementById(id);
const STATUS_TAGS = { AVAILABLE: 'govuk-tag--green', BUSY: 'govuk-tag--yellow', AWAY: 'govuk-tag--grey' };
const WITHDRAWN = {
  cancelled: 'The resident cancelled.',
  expired: 'The call was not accepted in time.',
  declined: 'You declined the call, so you are now Away.',
  kiosk_disconnected: "The resident's kiosk lost its connection.",
  advisor_disconnected: 'Your connection was lost.',
  no_advisors: 'The call ended.',
};

let socket;
let offer = null;
let offerTimer = null;
let call = null;
let callCaseId = null;
let signingOut = false;

function banner(text) {
  $('message-text').textContent = text;
  $('message-banner').hidden = false;
}

function onState(p) {
  // A console that reconnected mid-call: if the server no longer holds the call (it ended meanwhile, or the server
  // restarted), the call is over here too, rather than left on screen as if live.
  if (call && p.callId !== call.callId) onEnded({ callId: call.callId, reason: 'lost_while_reconnecting' });
  const tag = $('status-tag');
  // Wrap-up (ADR 0044): Busy until the outcome is saved, then ready soon if the council set a wrap-up time.
  tag.textContent = readable(p.status.toLowerCase()) + (p.wrapUp ? (p.readyAt ? ', ready again in a moment' : ', recording the outcome') : '');
  tag.className = `govuk-tag ${STATUS_TAGS[p.status] || ''}`;
  const radio = document.querySelector(`input[name=status][value=${p.status}]`);
  if (radio) radio.checked = true;
  // Available with no themes would wait for calls that never come (someone new from the council's sign-in, say).
  $('no-themes').hidden = !(Array.isArray(p.themes) && p.themes.length === 0);
}

function onOffer(p) {
  offer = p;
  $('offer-text').replaceChildren(`Incoming call from ${p.kioskName} at ${p.siteName} (${readable(p.theme)})`,
    ...(p.language && p.language !== 'en' ? ['. ', ...languageLine(p.language)] : []),
    ...(p.textFirst ? ['. The resident would rather type than talk.'] : []));
  let left = p.expiresInSeconds;
  $('offer-countdown').textContent = `Answer within ${left} seconds.`;
  clearInterval(offerTimer);
  offerTimer = setInterval(() => {
    left -= 1;
    $('offer-countdown').textContent = left > 0 ? `Answer within ${left} seconds.` : 'Time is up.';
  }, 1000);
  $('offer').hidden = false;
  offerRinging(p);
  // Focus goes to Accept, unless the advisor is typing: their next keys would land on Accept (ADR 0044).
  if (!isTyping(document.activeElement)) $('accept').focus();
}

function isTyping(node) {
  if (!node) return false;
  if (node.isContentEditable || node.tagName === 'TEXTAREA' || node.tagName === 'SELECT') return true;
  return node.tagName === 'INPUT' && !['button', 'submit', 'checkbox', 'radio', 'reset'].includes(node.type);
}

function clearOffer() {
  offer = null;
  clearInterval(offerTimer);
  offerStopped();
  const hadFocus = $('offer').contains(document.activeElement);
  $('offer').hidden = true;
  // Declined or withdrawn with focus on its buttons: back to the status, not the page's body.
  if (hadFocus) focusStatus();
}

function focusStatus() {
  $('status-now').setAttribute('tabindex', '-1');
  $('status-now').focus();
}

function onConnected(p) {
  if (p.resumed && call && call.callId === p.callId) {
    // The side that dropped is back (or this console reconnected): same call, new media.
    callNotice(null);
    call.restart(p.iceServers);
    return;
  }
  clearOffer();
  $('saved-banner').hidden = true;
  $('wrapup').hidden = true;
  callCaseId = p.caseId;
  $('call-details').replaceChildren(`${p.kioskName}, ${p.siteName}. Case `,
    el('a', { class: 'govuk-link', href: `/case.html?id=${p.caseId}`, target: '_blank', text: `${p.caseReference} (opens in a new tab)` }));
  // The language the resident chose on the kiosk, so the advisor can switch to it or bring in an interpreter.
  $('call-language').replaceChildren(...languageLine(p.language));
  $('call-language').hidden = !p.language;
  $('media-problem').hidden = true;
  callNotice(null);
  $('kiosk-media').hidden = true;
  $('kiosk-assist').hidden = true;
  $('prefers-text').hidden = !p.textFirst;
  $('text-log').replaceChildren();
  $('call').hidden = false;
  $('call-heading').setAttribute('tabindex', '-1');
  $('call-heading').focus();
  call = createCall({ callId: p.callId, iceServers: p.iceServers, send: socket.send, onProblem: (text) => {
    $('media-problem').textContent = text;
    $('media-problem').hidden = false;
  } });
  showCustomerPanel(p.caseId);
  startFormsForCall(p.callId);
  startPaymentsForCall(p.callId);
  startScansForCall(p.callId);
  startPhotosForCall(p.callId);
  refreshRecent();
}

// What is happening to the call, said plainly; while the resident's side is away the picture is hidden.
const PAUSED = {
  kiosk_disconnected: "The kiosk lost its connection.",
  kiosk_screen_lost: "The kiosk's screen restarted.",
  advisor_disconnected: 'Your connection dropped.',
};

function callNotice(text) {
  $('call-notice-text').textContent = text || '';
  $('call-notice').hidden = !text;
  document.querySelector('.cap-videos').classList.toggle('cap-videos--paused', Boolean(text));
}

function onPaused(p) {
  if (!call || call.callId !== p.callId) return;
  const seconds = p.resumeWithinSeconds;
  callNotice(`${PAUSED[p.reason] || 'The resident\'s side dropped.'} Reconnecting… The call ends if it is not back within ${seconds} seconds.`);
}

function onKioskMedia(p) {
  if (!call || call.callId !== p.callId) return;
  // What the resident turned off themselves is said as their choice, not as a fault.
  const chosen = [p.cameraOff ? 'The resident has turned their camera off.' : null,
    p.muted ? 'The resident has muted their microphone: write to them under Messages, or ask them to turn it on.' : null]
    .filter(Boolean);
  if (chosen.length > 0 && (p.camera || p.cameraOff) && (p.microphone || p.muted)) {
    $('kiosk-media').textContent = chosen.join(' ');
    $('kiosk-media').hidden = false;
    return;
  }
  const words = p.camera && p.microphone ? null
    : !p.camera && !p.microphone ? "The kiosk's camera and microphone are not working: you cannot see or hear the resident. Write to them under Messages; they can write back."
      : !p.camera ? "The kiosk's camera is not working: you can hear the resident but not see them."
        : "The kiosk's microphone is not working: you can see the resident but not hear them. Write to them under Messages.";
  $('kiosk-media').textContent = words || '';
  $('kiosk-media').hidden = !words;
}

// The resident uses the kiosk's Listen (it reads the screen aloud): the advisor describes what they send.
function onKioskAssist(p) {
  if (!call || call.callId !== p.callId) return;
  if (p.speech) $('kiosk-assist').hidden = false;
}

function onText(p) {
  if (!call || call.callId !== p.callId) return;
  $('text-log').append(el('li', {}, el('strong', { text: p.party === 'advisor' ? 'You: ' : 'Resident: ' }), p.text));
  $('text-log').scrollTop = $('text-log').scrollHeight;
}

function onEnded(p) {
  if (!call || call.callId !== p.callId) return;
  callNotice(null);
  call.close();
  call = null;
  endFormsForCall();
  endPaymentsForCall();
  endScansForCall();
  endPhotosForCall();
  $('call').hidden = true;
  startWrapUp(p.callId, callCaseId, p.reason);
}

async function refreshRecent() {
  try {
    const { cases } = await api('GET', '/api/cases?recent=true');
    $('recent-cases').replaceChildren(...(cases.length === 0 ? [el('li', { class: 'govuk-body', text: 'No cases yet' })]
      : cases.slice(0, 10).map((c) => el('li', {}, el('a', { class: 'govuk-link', href: `/case.html?id=${c.id}`,
        text: `${c.reference}${c.customerName ? ` – ${c.customerName}` : ''}` }), ` opened ${when(c.openedAt)}`))));
  } catch (err) {
    banner(err.message);
  }
}

function onOfferWithdrawn(p) {
  if (offer && offer.callId === p.callId) { clearOffer(); banner(p.kioskName ? missedText(p) : WITHDRAWN[p.reason] || 'The call is no longer waiting.'); }
}

// A lapsed offer names the kiosk and says where the call went (ADR 0047); only misses in a row set Away.
function missedText(p) {
  const where = p.next === 'another_advisor' ? 'It has gone to another advisor.' : 'It is still waiting.';
  return `You missed a call from ${p.kioskName}. ${where}${p.away ? ' You are now Away: choose Available when you are ready.' : ''}`;
}

// What this page shows of each message. Forms register their own (initForms); the panels below are wired here.
function registerHandlers(on) {
  on(MessageType.ADVISOR_STATE, onState);
  on(MessageType.QUEUE_SNAPSHOT, showQueue);
  on(MessageType.CALL_OFFER, onOffer);
  on(MessageType.CALL_OFFER_WITHDRAWN, onOfferWithdrawn);
  on(MessageType.CALL_CONNECTED, onConnected);
  on(MessageType.CALL_ENDED, onEnded);
  on(MessageType.CALL_PAUSED, onPaused);
  on(MessageType.CALL_MEDIA, onKioskMedia);
  on(MessageType.CALL_TEXT, onText);
  on(MessageType.CALL_ASSIST, onKioskAssist);
  on(MessageType.RTC_SIGNAL, (p) => { if (call && call.callId === p.callId) call.signal(p); });
  on(MessageType.PAYMENT_UPDATED, onPaymentMessage);
  on(MessageType.SCAN_REQUESTED, onScanMessage);
  on(MessageType.SCAN_UPDATED, onScanMessage);
  on(MessageType.PHOTO_REQUESTED, onPhotoMessage);
  on(MessageType.PHOTO_UPDATED, onPhotoMessage);
  on(MessageType.PRINT_UPDATED, onPrintMessage);
  on(MessageType.ERROR, (p) => banner(p.message));
}

async function main() {
  const session = await currentSession();
  if (!session) { location.href = '/index.html'; return; }
  if (session.user.role === 'TECHNICIAN' || session.user.role === 'ADMIN') { location.href = '/fleet.html'; return; }
  $('fleet-link').hidden = session.user.role !== 'SUPERVISOR';
  $('who').textContent = `${session.user.displayName} (${session.user.role.toLowerCase()})`;
  socket = openSocket({
    onOpen: () => {
      $('connection-banner').hidden = true;
      $('status-fieldset').disabled = false;
    },
    onDown: () => {
      // While disconnected nothing the advisor chooses can reach the server, so say so and
      // do not show a queue that may be stale.
      $('connection-banner').hidden = false;
      $('status-fieldset').disabled = true;
      showQueue({ entries: [], serverTime: new Date().toISOString() });
      // The server holds the call for a while: it carries on when this console is back in time.
      if (call) callNotice('Your connection dropped. Reconnecting… The call carries on if you are back within a few seconds.');
      clearOffer();
    },
    // Signing out here closes the socket too; only a session ended elsewhere needs explaining at sign-in.
    onSessionEnded: (reason) => { if (!signingOut) showAtSignIn(reason); },
    stillSignedIn: async () => (await currentSession()) !== null,
  });
  $('sign-out').addEventListener('click', async () => { signingOut = true; await signOut(); location.href = '/index.html'; });
  $('message-dismiss').addEventListener('click', () => { $('message-banner').hidden = true; });
  document.querySelectorAll('input[name=status]').forEach((r) => r.addEventListener('change', () => {
    socket.send(MessageType.ADVISOR_STATUS, { status: r.value });
  }));
  $('accept').addEventListener('click', () => { if (offer) socket.send(MessageType.CALL_ACCEPT, { callId: offer.callId }); });
  $('decline').addEventListener('click', () => { if (offer) socket.send(MessageType.CALL_DECLINE, { callId: offer.callId }); });
  $('end-call').addEventListener('click', () => { if (call) socket.send(MessageType.CALL_HANGUP, { callId: call.callId }); });
  $('text-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const text = $('text-input').value.trim();
    if (call && text && socket.send(MessageType.CALL_TEXT, { callId: call.callId, text })) $('text-input').value = '';
  });
  initForms(socket);
  initPayments(banner);
  initScans(banner);
  initPhotos();
  initCustomers((caseId) => { callCaseId = caseId; setWrapUpCase(caseId); });
  initWrapUp((caseId) => {
    hideCustomerPanel();
    $('saved-case-link').href = `/case.html?id=${caseId}`;
    $('saved-banner').hidden = false;
    // The next thing: the status (soon Available), or Accept if the next call is already offered.
    if (!offer) focusStatus();
    refreshRecent();
  });
  initOfferAlert($('status-fieldset').closest('.govuk-form-group'));
  startQueueClock();
  registerHandlers(socket.on);
  socket.start();
  refreshRecent();
}

main();
