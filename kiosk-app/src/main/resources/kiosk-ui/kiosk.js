// The kiosk's screen. It talks only to kiosk-app over the loopback /bridge WebSocket, using the
// protocol in docs/protocol.md; kiosk-app holds the kiosk's identity and its link to the server.
//
// Stable hooks for tests: the button "Talk to an advisor" (#talk), the heading "Connecting you to an
// advisor", "Cancel" (#cancel), "End call" (#end-call), #remote-video, #local-video,
// "Back to start" (#unavailable-back), "Finish" (#finish).

import { createFormController } from './kiosk-form.js';
import { createPaymentController } from './kiosk-payment.js';
import { createScanController } from './kiosk-scan.js';
import { createPhotoController } from './kiosk-photo.js';

const DEFAULT_IDLE_SECONDS = 120;
const STILL_THERE_GRACE_MS = 30_000;
const ENDED_SCREEN_MS = 10_000;

const $ = (id) => document.getElementById(id);

const kiosk = {
  socket: null,
  linkUp: false,
  config: null,
  screen: 'attract',
  callId: null,
  pc: null,
  localStream: null,
  pendingCandidates: [],
  idleTimer: null,
  stillThereTimer: null,
  endedTimer: null,
  nextId: 1,
};

// ---- the bridge ----

function connectBridge() {
  const socket = new WebSocket(`ws://${location.host}/bridge`);
  kiosk.socket = socket;
  socket.addEventListener('message', (e) => {
    let msg;
    try { msg = JSON.parse(e.data); } catch { return; }
    handle(msg.type, msg.payload || {});
  });
  socket.addEventListener('close', () => {
    kiosk.linkUp = false;
    if (kiosk.screen === 'call') endCall('kiosk_disconnected');
    show('offline');
    setTimeout(connectBridge, 1000);
  });
}

function send(type, payload = {}) {
  if (!kiosk.socket || kiosk.socket.readyState !== WebSocket.OPEN) return false;
  kiosk.socket.send(JSON.stringify({ v: 1, type, id: `k${kiosk.nextId++}`, payload }));
  return true;
}

function handle(type, p) {
  switch (type) {
    case 'kiosk.link': return onLink(p);
    case 'call.queued': return onQueued(p);
    case 'call.unavailable': return onUnavailable(p);
    case 'call.connected': return onConnected(p);
    case 'call.ended': return onEnded(p);
    case 'rtc.signal': return onSignal(p);
    case 'form.opened': return forms.open(p);
    case 'form.updated': return forms.updated(p);
    case 'form.rejected': return forms.rejected(p);
    case 'form.signed': return forms.signed(p);
    case 'form.completed': return forms.completed(p);
    case 'form.closed': return forms.closed(p);
    case 'payment.updated': return payments.updated(p);
    case 'payment.receipt_emailed': return payments.receiptEmailed(p);
    case 'scan.requested': return scans.requested(p);
    case 'scan.updated': return scans.updated(p);
    case 'scan.progress': return scans.progressed(p);
    case 'photo.requested': return photos.requested(p);
    case 'photo.updated': return photos.updated(p);
    case 'error': return console.warn('Refused:', p.message);
    default: return undefined;
  }
}

// ---- screens ----

function show(name) {
  kiosk.screen = name;
  document.querySelectorAll('[data-screen]').forEach((s) => { s.hidden = s.id !== `screen-${name}`; });
  const heading = document.querySelector(`#screen-${name} h1`);
  if (heading) heading.focus({ preventScroll: true });
  armIdleTimer();
}

function onLink(p) {
  kiosk.simulatedScanner = p.simulatedScanner;
  kiosk.linkUp = p.connected === true;
  if (p.config) applyConfig(p.config);
  $('talk').disabled = !kiosk.linkUp;
  if (!kiosk.linkUp) {
    if (kiosk.screen === 'call') endCall('kiosk_disconnected');
    show('offline');
  } else if (kiosk.screen === 'offline') {
    show('attract');
  }
}

function applyConfig(config) {
  kiosk.config = config;
  $('welcome').textContent = config.siteName ? `Welcome to ${config.siteName}` : 'Welcome';
  $('offline-phone').textContent = config.phone ? `You can phone us on ${config.phone}` : '';
  $('welcome-hours').textContent = config.openingHours ? `Advisors are here: ${config.openingHours}` : '';
}

function idleSeconds() {
  return (kiosk.config && kiosk.config.idleTimeoutSeconds) || DEFAULT_IDLE_SECONDS;
}

// ---- the resident's journey ----

function talkPressed() {
  const themes = (kiosk.config && kiosk.config.enquiryThemes) || [];
  if (themes.length > 0) {
    const box = $('theme-buttons');
    box.replaceChildren(...themes.map((theme) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'govuk-button kiosk-wide';
      b.textContent = readable(theme);
      b.addEventListener('click', () => requestCall(theme));
      return b;
    }));
    show('themes');
  } else {
    requestCall(null);
  }
}

function requestCall(theme) {
  $('queue-position').textContent = 'Please wait…';
  $('queue-wait').textContent = '';
  $('still-there').hidden = true;
  show('connecting');
  send('call.request', theme ? { theme } : {});
}

function onQueued(p) {
  kiosk.callId = p.callId;
  if (kiosk.screen !== 'connecting') show('connecting');
  $('queue-position').textContent = p.position === 1
    ? 'You are number 1 in the queue. You are next.'
    : `You are number ${p.position} in the queue.`;
  const minutes = Math.round(p.estimatedWaitSeconds / 60);
  $('queue-wait').textContent = p.estimatedWaitSeconds < 60
    ? 'Estimated wait: less than a minute.'
    : `Estimated wait: about ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}

function cancelPressed() {
  if (kiosk.callId) send('call.cancel', { callId: kiosk.callId });
  reset();
}

function onUnavailable(p) {
  clearCall();
  $('unavailable-title').textContent = p.reason === 'closed'
    ? 'We are closed at the moment'
    : 'Sorry, no advisors are available right now';
  $('unavailable-hours').textContent = p.openingHours ? `Our opening hours are: ${p.openingHours}.` : '';
  $('unavailable-phone').textContent = p.phone || '';
  show('unavailable');
}

function onEnded(p) {
  if (kiosk.callId && p.callId && p.callId !== kiosk.callId) return;
  if (p.reason === 'no_advisors') { clearCall(); return; } // call.unavailable follows at once
  const wasInCall = kiosk.screen === 'call';
  endCall(p.reason);
  if (!wasInCall && p.reason === 'cancelled') { reset(); return; }
  $('ended-title').textContent = (p.reason === 'kiosk_disconnected' || p.reason === 'advisor_disconnected')
    ? 'The call was cut off. Sorry.'
    : 'Your call has ended. Thank you.';
  show('ended');
  clearTimeout(kiosk.endedTimer);
  kiosk.endedTimer = setTimeout(reset, ENDED_SCREEN_MS);
}

// ---- WebRTC: the advisor makes the offer, the kiosk answers ----

function onConnected(p) {
  kiosk.callId = p.callId;
  if (!p.media || p.media.mode !== 'p2p') {
    console.warn('Unknown media mode', p.media);
  }
  $('talking-to').textContent = p.advisorName ? `You are talking to ${p.advisorName}` : 'You are talking to an advisor';
  $('media-problem').hidden = true;
  show('call');
  const pc = new RTCPeerConnection({ iceServers: p.iceServers || [] });
  kiosk.pc = pc;
  kiosk.pendingCandidates = [];
  const remote = new MediaStream();
  $('remote-video').srcObject = remote;
  pc.addEventListener('track', (e) => remote.addTrack(e.track));
  pc.addEventListener('icecandidate', (e) => {
    if (e.candidate && e.candidate.candidate) {
      send('rtc.signal', { callId: kiosk.callId, candidate: {
        candidate: e.candidate.candidate, sdpMid: e.candidate.sdpMid,
        sdpMLineIndex: e.candidate.sdpMLineIndex, usernameFragment: e.candidate.usernameFragment } });
    }
  });
  kiosk.mediaReady = openCamera(pc);
}

async function openCamera(pc) {
  try {
    const stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
    if (kiosk.pc !== pc) { stream.getTracks().forEach((t) => t.stop()); return; }
    kiosk.localStream = stream;
    $('local-video').srcObject = stream;
    stream.getTracks().forEach((track) => pc.addTrack(track, stream));
  } catch (err) {
    $('media-problem').textContent = 'The camera or microphone could not be started. The advisor can still see this message and will help you.';
    $('media-problem').hidden = false;
  }
}

async function onSignal(p) {
  const pc = kiosk.pc;
  if (!pc || p.callId !== kiosk.callId) return;
  try {
    if (p.description) {
      await kiosk.mediaReady;
      await pc.setRemoteDescription(p.description);
      preferVp8Vp9(pc);
      const answer = await pc.createAnswer();
      await pc.setLocalDescription(answer);
      send('rtc.signal', { callId: kiosk.callId, description: { type: answer.type, sdp: answer.sdp } });
      for (const c of kiosk.pendingCandidates.splice(0)) await pc.addIceCandidate(c);
    } else if (p.candidate) {
      if (pc.remoteDescription) await pc.addIceCandidate(p.candidate);
      else kiosk.pendingCandidates.push(p.candidate);
    }
  } catch (err) {
    console.warn('Signalling failed', err);
  }
}

// The kiosk's embedded Chromium (JCEF) has no H.264, so both ends prefer VP8 and VP9.
function preferVp8Vp9(pc) {
  if (!window.RTCRtpReceiver || !RTCRtpReceiver.getCapabilities) return;
  const codecs = RTCRtpReceiver.getCapabilities('video').codecs;
  const preferred = [...codecs.filter((c) => /VP8|VP9/i.test(c.mimeType)), ...codecs.filter((c) => !/VP8|VP9/i.test(c.mimeType))];
  pc.getTransceivers().forEach((t) => {
    if (t.receiver.track && t.receiver.track.kind === 'video' && t.setCodecPreferences) {
      try { t.setCodecPreferences(preferred); } catch { /* keep the browser's order */ }
    }
  });
}

function endPressed() {
  if (kiosk.callId) send('call.hangup', { callId: kiosk.callId });
}

function endCall() {
  forms.wipe();
  payments.wipe();
  scans.wipe();
  photos.wipe();
  if (kiosk.pc) { kiosk.pc.close(); kiosk.pc = null; }
  if (kiosk.localStream) { kiosk.localStream.getTracks().forEach((t) => t.stop()); kiosk.localStream = null; }
  ['remote-video', 'local-video'].forEach((id) => {
    const v = $(id);
    if (v.srcObject) v.srcObject.getTracks().forEach((t) => t.stop());
    v.srcObject = null;
  });
  kiosk.pendingCandidates = [];
  kiosk.callId = null;
}

function clearCall() {
  endCall();
}

// ---- forgetting the resident ----

function reset() {
  clearTimeout(kiosk.endedTimer);
  clearTimeout(kiosk.stillThereTimer);
  endCall();
  $('queue-position').textContent = 'Please wait…';
  $('queue-wait').textContent = '';
  $('still-there').hidden = true;
  $('talking-to').textContent = 'You are talking to an advisor';
  $('theme-buttons').replaceChildren();
  try { sessionStorage.clear(); localStorage.clear(); } catch { /* storage may be disabled */ }
  show(kiosk.linkUp ? 'attract' : 'offline');
}

function armIdleTimer() {
  clearTimeout(kiosk.idleTimer);
  if (kiosk.screen === 'attract' || kiosk.screen === 'call' || kiosk.screen === 'offline') return;
  kiosk.idleTimer = setTimeout(onIdle, idleSeconds() * 1000);
}

function onIdle() {
  if (kiosk.screen === 'connecting') {
    // Waiting can take a while; ask before giving up the resident's place.
    $('still-there').hidden = false;
    $('keep-waiting').focus();
    kiosk.stillThereTimer = setTimeout(cancelPressed, STILL_THERE_GRACE_MS);
  } else {
    reset();
  }
}

function touched() {
  if (!$('still-there').hidden) return; // only "Yes, keep waiting" answers the question
  armIdleTimer();
}

function readable(theme) {
  const s = theme.replace(/[-_]/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

// ---- forms pushed by the advisor: shown beside a smaller video ----

const forms = createFormController({
  area: $('form-area'),
  keyboardArea: $('keyboard'),
  send,
  onShow: () => {
    $('screen-call').classList.add('kiosk-call--form');
    $('form-area').hidden = false;
  },
  onHide: () => {
    $('screen-call').classList.remove('kiosk-call--form');
    $('form-area').hidden = true;
  },
});

// ---- a card payment the advisor asked for: shown in the form's place, beside the video ----

let formWasShown = false;
const payments = createPaymentController({
  area: $('payment-area'),
  send,
  onShow: () => {
    if ($('payment-area').hidden) formWasShown = !$('form-area').hidden;
    $('screen-call').classList.add('kiosk-call--form');
    $('form-area').hidden = true;
    $('keyboard').hidden = true;
    $('payment-area').hidden = false;
  },
  onHide: () => {
    $('payment-area').hidden = true;
    if (formWasShown) $('form-area').hidden = false;
    else $('screen-call').classList.remove('kiosk-call--form');
  },
});

// ---- a document scan the advisor asked for: shown in the same place, beside the video ----

const scans = createScanController({
  area: $('scan-area'),
  send,
  isSimulated: () => kiosk.simulatedScanner !== false,
  onShow: () => {
    $('screen-call').classList.add('kiosk-call--form');
    $('form-area').hidden = true;
    $('payment-area').hidden = true;
    $('keyboard').hidden = true;
    $('scan-area').hidden = false;
  },
  onHide: () => {
    $('scan-area').hidden = true;
    $('screen-call').classList.remove('kiosk-call--form');
  },
});

// ---- an ID photo the advisor asked for, taken from the call's own camera stream ----

const photos = createPhotoController({
  area: $('photo-area'),
  getStream: () => kiosk.localStream,
  onShow: () => {
    $('screen-call').classList.add('kiosk-call--form');
    ['form-area', 'payment-area', 'scan-area', 'keyboard'].forEach((id) => { $(id).hidden = true; });
    $('photo-area').hidden = false;
  },
  onHide: () => {
    $('photo-area').hidden = true;
    $('screen-call').classList.remove('kiosk-call--form');
  },
});

// ---- wiring ----

$('talk').addEventListener('click', talkPressed);
$('themes-back').addEventListener('click', reset);
$('cancel').addEventListener('click', cancelPressed);
$('keep-waiting').addEventListener('click', () => {
  clearTimeout(kiosk.stillThereTimer);
  $('still-there').hidden = true;
  armIdleTimer();
});
$('end-call').addEventListener('click', endPressed);
$('unavailable-back').addEventListener('click', reset);
$('finish').addEventListener('click', reset);
['pointerdown', 'keydown', 'touchstart'].forEach((e) => document.addEventListener(e, touched, { passive: true }));
document.addEventListener('contextmenu', (e) => e.preventDefault());

show('offline');
connectBridge();
