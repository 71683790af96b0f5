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
import { advisorMediaWords, openKioskMedia, ownMediaWords } from './kiosk-media.js';
import { createTextController } from './kiosk-text.js';
import { createSurveyController } from './kiosk-survey.js';

const DEFAULT_IDLE_SECONDS = 120;
const STILL_THERE_GRACE_MS = 30_000;
const ENDED_SCREEN_MS = 10_000;
// kiosk-app repeats kiosk.link every few seconds; this long without anything means it has stopped answering.
const BRIDGE_SILENCE_MS = 12_000;

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
  lastHeard: 0,
  ownMedia: null,
  held: false, // the call is on hold, waiting for a side to come back
};

// ---- the bridge ----

function connectBridge() {
  const socket = new WebSocket(`ws://${location.host}/bridge`);
  kiosk.socket = socket;
  kiosk.lastHeard = Date.now();
  socket.addEventListener('message', (e) => {
    kiosk.lastHeard = Date.now();
    let msg;
    try { msg = JSON.parse(e.data); } catch { return; }
    handle(msg.type, msg.payload || {});
  });
  socket.addEventListener('close', () => bridgeDropped(socket));
}

// Once per socket, whether the browser saw it close or the silence gave it away.
function bridgeDropped(socket) {
  if (kiosk.socket !== socket) return;
  kiosk.socket = null;
  kiosk.linkUp = false;
  // A call is held by the server while kiosk-app comes back: say so rather than dropping the resident.
  if (kiosk.screen === 'call') callNotice('Reconnecting you to the advisor. Please wait.', true);
  else show('offline');
  setTimeout(connectBridge, 1000);
}

// A kiosk-app that has stopped answering sends no close: notice the silence and connect again.
setInterval(() => {
  const s = kiosk.socket;
  if (s && s.readyState === WebSocket.OPEN && Date.now() - kiosk.lastHeard > BRIDGE_SILENCE_MS) {
    s.close();
    bridgeDropped(s);
  }
}, 2000);

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
    case 'call.paused': return onPaused(p);
    case 'call.media': return onAdvisorMedia(p);
    case 'call.text': return texts.received(p);
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
    case 'survey.ask': return surveyAsked(p);
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
  if (p.callId && kiosk.screen !== 'call') {
    // This screen was reloaded during a call: the server holds it, and it starts again in a moment.
    kiosk.callId = p.callId;
    show('call');
    callNotice('Reconnecting you to the advisor. Please wait.', true);
  } else if (!kiosk.linkUp) {
    if (kiosk.screen === 'call') callNotice('Reconnecting you to the advisor. Please wait.', true);
    else show('offline');
  } else if (kiosk.screen === 'call' && kiosk.held && !p.callId && p.config && p.config.activeCallId !== kiosk.callId) {
    // kiosk-app restarted and the server, which says on every connect which call it holds for this kiosk, no longer
    // holds ours (it came back after the grace): the call is over, and the resident is told rather than left waiting.
    onEnded({ callId: kiosk.callId, reason: 'kiosk_disconnected' });
  } else if (kiosk.screen === 'offline') {
    show('attract');
  }
}

// Said on the call screen while the call is held; the picture is hidden, not left frozen.
function callNotice(text, paused) {
  kiosk.held = Boolean(paused);
  $('call-notice').textContent = text || '';
  $('call-notice').hidden = !text;
  document.querySelector('.kiosk-videos').classList.toggle('kiosk-videos--paused', Boolean(paused));
}

function onPaused(p) {
  if (kiosk.screen !== 'call' || (kiosk.callId && p.callId !== kiosk.callId)) return;
  callNotice(p.party === 'advisor'
    ? "The advisor's connection dropped. Please wait, they are coming back."
    : 'Reconnecting you to the advisor. Please wait.', true);
}

function onAdvisorMedia(p) {
  if (p.callId !== kiosk.callId) return;
  const words = advisorMediaWords(p);
  $('advisor-media').textContent = words || '';
  $('advisor-media').hidden = !words;
  if (words && !p.microphone) texts.open();
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
  $('ended-title').textContent = ['kiosk_disconnected', 'advisor_disconnected', 'kiosk_screen_lost', 'server_restart'].includes(p.reason)
    ? 'The call was cut off. Sorry.'
    : 'Your call has ended. Thank you.';
  show('ended');
  clearTimeout(kiosk.endedTimer);
  kiosk.endedTimer = setTimeout(reset, ENDED_SCREEN_MS);
}

// ---- the satisfaction survey, asked as a call with an advisor ends: it takes the ended screen's place ----

const survey = createSurveyController({ area: $('survey-area'), show, send, reset });

function surveyAsked(p) {
  if (kiosk.screen !== 'ended') return;
  clearTimeout(kiosk.endedTimer);
  survey.ask(p, $('ended-title').textContent);
}

// ---- WebRTC: the advisor makes the offer, the kiosk answers ----

function onConnected(p) {
  const resuming = p.resumed && kiosk.screen === 'call' && kiosk.callId === p.callId;
  kiosk.callId = p.callId;
  if (!p.media || p.media.mode !== 'p2p') {
    console.warn('Unknown media mode', p.media);
  }
  $('talking-to').textContent = p.advisorName ? `You are talking to ${p.advisorName}` : 'You are talking to an advisor';
  callNotice(null, false);
  if (!resuming) {
    $('media-problem').hidden = true;
    show('call');
  }
  // A resumed call starts its media again from scratch; whatever the resident was doing stays on screen.
  if (kiosk.pc) { kiosk.pc.close(); kiosk.pc = null; }
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
  const live = kiosk.localStream && kiosk.localStream.getTracks().some((t) => t.readyState === 'live');
  const media = live ? kiosk.ownMedia : await openKioskMedia();
  if (kiosk.pc !== pc) {
    if (!live && media.stream) media.stream.getTracks().forEach((t) => t.stop());
    return;
  }
  kiosk.ownMedia = media;
  kiosk.localStream = media.stream;
  if (media.stream) {
    $('local-video').srcObject = media.stream;
    media.stream.getTracks().forEach((track) => pc.addTrack(track, media.stream));
  }
  // Both sides are told plainly what the other can see and hear.
  send('call.media', { callId: kiosk.callId, camera: media.camera, microphone: media.microphone });
  const words = ownMediaWords(media);
  $('media-problem').textContent = words || '';
  $('media-problem').hidden = !words;
  if (!media.microphone) texts.open();
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
  texts.wipe();
  callNotice(null, false);
  $('advisor-media').hidden = true;
  kiosk.ownMedia = null;
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
  survey.wipe();
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

// ---- typed messages, for a call without sound ----

const texts = createTextController({
  area: $('text-area'),
  log: $('text-log'),
  input: $('text-input'),
  sendButton: $('text-send'),
  keyboardArea: $('text-keyboard'),
  send,
  getCallId: () => kiosk.callId,
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
