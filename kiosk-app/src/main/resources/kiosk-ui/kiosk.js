// The kiosk's screen: the resident's journey (welcome, queue, the call and its video, the end) and the shell
// the other screens sit in. It talks only to kiosk-app over the loopback /bridge WebSocket (kiosk-bridge.js),
// using the protocol in docs/protocol.md; kiosk-app holds the kiosk's identity and its link to the server.
// The screens inside a call (forms, payments, scans, photos) are modules of their own, each registering its
// messages with on(MessageType.X, fn) and loaded by its own <script> line in index.html.
//
// Stable hooks for tests: the button "Talk to an advisor" (#talk), the heading "Connecting you to an
// advisor", "Cancel" (#cancel), "End call" (#end-call), #remote-video, #local-video,
// "Back to start" (#unavailable-back), the camera notice's "Continue" (#privacy-continue),
// "Yes, end the call" (#end-yes), "Do you need more time?" (#more-time, #more-time-yes, #more-time-no); the end screen's hooks are in kiosk-summary.js.

import { advisorMediaWords, openKioskMedia, ownMediaWords } from './kiosk-media.js';
import { createCallControls } from './kiosk-call-controls.js';
import { applyBranding, resetLook, setOrientation } from './kiosk-look.js';
import { createMoreTime } from './kiosk-more-time.js';
import { forgetSummary, showEnded } from './kiosk-summary.js';
import { createTextController } from './kiosk-text.js';
import { MessageType, call, currentScreen, onBridgeDown, on, onShown, send, setStartAgain, show, wipeAll } from './kiosk-bridge.js';
import { iceCandidateBuffer, relayLocalCandidates } from '/protocol/cap-protocol.js';
import { currentLanguage, onLanguageChange, resetLanguage, t } from './i18n.js';
import { closeLanguageChoice, setUpLanguageChoice } from './kiosk-language.js';
import { startCallback } from './kiosk-callback.js';

const DEFAULT_IDLE_SECONDS = 120;
const STILL_THERE_GRACE_MS = 30_000;
// How long "Do you need more time?" waits for an answer: kiosk-app's CAP_KIOSK_MORE_TIME_SECONDS (30 unless set;
// WCAG 2.2.1 asks for at least 20), told in kiosk.link.
const DEFAULT_MORE_TIME_SECONDS = 30;
// The screens the idle timer sends back to the start, each after asking "Do you need more time?" first. The
// welcome and offline screens have no resident; a call ends only by its parties; the queue asks its own question.
const ASK_BEFORE_RESET = ['themes', 'privacy', 'unavailable', 'ended', 'survey', 'callback'];

const $ = (id) => document.getElementById(id);

const kiosk = {
  linkUp: false,
  config: null,
  pc: null,
  candidates: null,
  idleTimer: null,
  stillThereTimer: null,
  ownMedia: null,
  held: false, // the call is on hold, waiting for a side to come back
  // Words built in script, kept as keys and params so a change of language redraws them.
  words: {},
  letGo: null, // the call this kiosk cancelled last: later news of it is ignored
  wanted: null, // what the resident asked for ({ theme, textFirst }) while they read the camera notice
};

// ---- the bridge ----

// A call is held by the server while kiosk-app comes back: say so rather than dropping the resident.
onBridgeDown(() => {
  kiosk.linkUp = false;
  if (currentScreen() === 'call') callNotice('call.reconnecting', true);
  else {
    controls.reset();
    show('offline');
  }
});

on(MessageType.KIOSK_LINK, (p) => onLink(p));
on(MessageType.CALL_QUEUED, (p) => onQueued(p));
on(MessageType.CALL_UNAVAILABLE, (p) => onUnavailable(p));
on(MessageType.CALL_CONNECTED, (p) => onConnected(p));
on(MessageType.CALL_ENDED, (p) => onEnded(p));
on(MessageType.CALL_PAUSED, (p) => onPaused(p));
on(MessageType.CALL_MEDIA, (p) => onAdvisorMedia(p));
on(MessageType.CALL_TEXT, (p) => texts.received(p));
on(MessageType.RTC_SIGNAL, (p) => onSignal(p));
on(MessageType.ERROR, (p) => console.warn('Refused:', p.message));

// ---- screens ----

onShown(() => { moreTime.dismiss(); armIdleTimer(); });

function onLink(p) {
  kiosk.linkUp = p.connected === true;
  setOrientation(p.orientation);
  if (p.moreTimeSeconds > 0) kiosk.moreTimeSeconds = p.moreTimeSeconds;
  if (p.config) applyConfig(p.config, p.councilLogoUrl);
  $('talk').disabled = !kiosk.linkUp;
  $('talk-text').disabled = !kiosk.linkUp;
  if (p.callId && currentScreen() !== 'call') {
    // This screen was reloaded during a call: the server holds it, and it starts again in a moment.
    call.id = p.callId;
    show('call');
    callNotice('call.reconnecting', true);
  } else if (!kiosk.linkUp) {
    if (currentScreen() === 'call') callNotice('call.reconnecting', true);
    else {
      controls.reset();
      show('offline');
    }
  } else if (currentScreen() === 'call' && kiosk.held && !p.callId && p.config && p.config.activeCallId !== call.id) {
    // kiosk-app restarted and the server, which says on every connect which call it holds for this kiosk, no longer
    // holds ours (it came back after the grace): the call is over, and the resident is told rather than left waiting.
    onEnded({ callId: call.id, reason: 'kiosk_disconnected' });
  } else if (currentScreen() === 'offline') {
    show('attract');
  }
}

// Said on the call screen while the call is held; the picture is hidden, not left frozen.
function callNotice(key, paused) {
  kiosk.held = Boolean(paused);
  say('call-notice', key);
  $('call-notice').hidden = !key;
  document.querySelector('.kiosk-videos').classList.toggle('kiosk-videos--paused', Boolean(paused));
}

function onPaused(p) {
  if (currentScreen() !== 'call' || (call.id && p.callId !== call.id)) return;
  callNotice(p.party === 'advisor' ? 'call.advisorDropped' : 'call.reconnecting', true);
}

function onAdvisorMedia(p) {
  if (p.callId !== call.id) return;
  const words = advisorMediaWords(p);
  say('advisor-media', words);
  $('advisor-media').hidden = !words;
  if (words && !p.microphone) texts.open();
}

function applyConfig(config, logoUrl) {
  kiosk.config = config;
  say('welcome', config.siteName ? 'attract.welcomeTo' : 'attract.welcome', { site: config.siteName });
  say('offline-phone', config.phone ? 'offline.phone' : null, { phone: config.phone });
  if (config.openAllHours || alwaysOpen(config.openingHours)) say('welcome-hours', 'attract.open24');
  else say('welcome-hours', config.openingHours ? 'attract.hours' : null, { hours: config.openingHours });
  applyBranding(config, logoUrl);
}

// "Mon-Sun 00:00-24:00" is how a council writes always open; a resident reads "Open 24 hours".
function alwaysOpen(openingHours) {
  return Boolean(openingHours) && /^\s*mon\s*-\s*sun\s+0?0:00\s*-\s*24:00\s*$/i.test(openingHours);
}

// Sets an element's words from a key (null empties it) and remembers them for a change of language.
function say(id, key, params = {}) {
  kiosk.words[id] = key ? { key, params } : null;
  $(id).textContent = key ? t(key, params) : '';
}

onLanguageChange(() => {
  Object.entries(kiosk.words).forEach(([id, w]) => { if (w) $(id).textContent = t(w.key, w.params); });
});

function idleSeconds() {
  return (kiosk.config && kiosk.config.idleTimeoutSeconds) || DEFAULT_IDLE_SECONDS;
}

// ---- the resident's journey ----

function talkPressed(textFirst) {
  const themes = (kiosk.config && kiosk.config.enquiryThemes) || [];
  if (themes.length > 0) {
    const box = $('theme-buttons');
    box.replaceChildren(...themes.map((theme) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'govuk-button kiosk-wide';
      b.textContent = themeName(theme);
      b.addEventListener('click', () => cameraNotice(theme, textFirst));
      return b;
    }));
    show('themes');
  } else {
    cameraNotice(null, textFirst);
  }
}

// The call is asked for only once the resident has read what a video call means and pressed Continue.
function cameraNotice(theme, textFirst) {
  kiosk.wanted = { theme, textFirst };
  show('privacy');
}

function requestCall() {
  const { theme, textFirst } = kiosk.wanted || {};
  kiosk.wanted = null;
  say('queue-position', 'connecting.wait');
  say('queue-wait', null);
  $('still-there').hidden = true;
  closeLanguageChoice();
  show('connecting');
  // The resident's language goes with the call, so the advisor sees it and routing can prefer a speaker.
  const request = { language: currentLanguage().code };
  if (theme) request.theme = theme;
  if (textFirst) request.textFirst = true;
  kiosk.textFirst = Boolean(textFirst);
  send(MessageType.CALL_REQUEST, request);
}

function onQueued(p) {
  if (p.callId === kiosk.letGo) return;
  call.id = p.callId;
  if (currentScreen() !== 'connecting') show('connecting');
  say('queue-position', p.position === 1 ? 'queue.next' : 'queue.position', { position: p.position });
  const minutes = Math.round(p.estimatedWaitSeconds / 60);
  if (p.estimatedWaitSeconds < 60) say('queue-wait', 'queue.waitUnderMinute');
  else say('queue-wait', minutes === 1 ? 'queue.waitOneMinute' : 'queue.waitMinutes', { minutes });
}

function cancelPressed() {
  if (call.id) {
    // The server's "ended" for this call comes after the kiosk has already started again, perhaps while the next
    // resident is on their way to the queue: it is news of a call already let go, and must not send them back.
    kiosk.letGo = call.id;
    send(MessageType.CALL_CANCEL, { callId: call.id });
  }
  reset();
}

function onUnavailable(p) {
  clearCall();
  say('unavailable-title', p.reason === 'closed' ? 'unavailable.closed' : 'unavailable.noAdvisors');
  // No "opening hours" line beside "no advisors available" while the site is open: it only confuses.
  say('unavailable-hours', p.reason === 'closed' && p.openingHours ? 'unavailable.hours' : null, { hours: p.openingHours });
  $('unavailable-next').textContent = p.reason === 'closed' ? nextOpeningWords(p.nextOpening) : '';
  $('unavailable-next').hidden = !$('unavailable-next').textContent;
  $('unavailable-hours').hidden = !$('unavailable-hours').textContent;
  $('unavailable-phone').textContent = p.phone || '';
  show('unavailable');
}

// The server works out when the site opens next (its clock, the site's time zone); the words are the kiosk's.
function nextOpeningWords(next) {
  if (!next || !next.time) return '';
  if (next.day === 'today') return t('unavailable.nextToday', { time: next.time });
  if (next.day === 'tomorrow') return t('unavailable.nextTomorrow', { time: next.time });
  return t('unavailable.nextOn', { day: t(`day.${next.day}`), time: next.time });
}

function onEnded(p) {
  if (p.callId && p.callId === kiosk.letGo) return;
  if (call.id && p.callId && p.callId !== call.id) return;
  if (p.reason === 'no_advisors') { clearCall(); return; } // call.unavailable follows at once
  const wasInCall = currentScreen() === 'call';
  const callId = p.callId || call.id;
  endCall(p.reason);
  if (!wasInCall && p.reason === 'cancelled') { reset(); return; }
  // The end screen (kiosk-summary.js) stays until "Finish" or the idle timer: the resident may need time to
  // note the reference, print it or have it emailed.
  showEnded({ callId, reason: p.reason, phone: kiosk.config && kiosk.config.phone });
}

// ---- WebRTC: the advisor makes the offer, the kiosk answers ----

function onConnected(p) {
  const resuming = p.resumed && currentScreen() === 'call' && call.id === p.callId;
  call.id = p.callId;
  if (!p.media || p.media.mode !== 'p2p') {
    console.warn('Unknown media mode', p.media);
  }
  say('talking-to', p.advisorName ? 'call.talkingTo' : 'call.talkingToAdvisor', { name: p.advisorName });
  callNotice(null, false);
  if (!resuming) {
    $('media-problem').hidden = true;
    show('call');
    if (kiosk.textFirst) texts.open();
  }
  // A resumed call starts its media again from scratch; whatever the resident was doing stays on screen.
  if (kiosk.pc) { kiosk.pc.close(); kiosk.pc = null; }
  const pc = new RTCPeerConnection({ iceServers: p.iceServers || [] });
  kiosk.pc = pc;
  kiosk.candidates = iceCandidateBuffer(pc);
  const remote = new MediaStream();
  $('remote-video').srcObject = remote;
  pc.addEventListener('track', (e) => remote.addTrack(e.track));
  relayLocalCandidates(pc, send, () => call.id);
  kiosk.mediaReady = openCamera(pc);
}

async function openCamera(pc) {
  const live = call.localStream && call.localStream.getTracks().some((t) => t.readyState === 'live');
  const media = live ? kiosk.ownMedia : await openKioskMedia();
  if (kiosk.pc !== pc) {
    if (!live && media.stream) media.stream.getTracks().forEach((t) => t.stop());
    return;
  }
  kiosk.ownMedia = media;
  call.localStream = media.stream;
  if (media.stream) {
    $('local-video').srcObject = media.stream;
    media.stream.getTracks().forEach((track) => pc.addTrack(track, media.stream));
  }
  // Both sides are told plainly what the other can see and hear (and what the resident has turned off).
  controls.opened(media);
  const words = ownMediaWords(media);
  say('media-problem', words);
  $('media-problem').hidden = !words;
  if (!media.microphone) texts.open();
}

async function onSignal(p) {
  const pc = kiosk.pc;
  const candidates = kiosk.candidates;
  if (!pc || p.callId !== call.id) return;
  try {
    if (p.description) {
      await kiosk.mediaReady;
      await pc.setRemoteDescription(p.description);
      preferVp8Vp9(pc);
      const answer = await pc.createAnswer();
      await pc.setLocalDescription(answer);
      send(MessageType.RTC_SIGNAL, { callId: call.id, description: { type: answer.type, sdp: answer.sdp } });
      await candidates.flush();
    } else if (p.candidate) {
      await candidates.add(p.candidate);
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

// After "Are you sure you want to end the call?" "Yes, end the call".
function endPressed() {
  if (call.id) send(MessageType.CALL_HANGUP, { callId: call.id });
}

const controls = createCallControls({ onEnd: endPressed });

function endCall() {
  texts.wipe();
  controls.reset();
  kiosk.textFirst = false;
  callNotice(null, false);
  $('advisor-media').hidden = true;
  kiosk.ownMedia = null;
  wipeAll(); // every screen inside the call forgets the resident
  if (kiosk.pc) { kiosk.pc.close(); kiosk.pc = null; }
  if (call.localStream) { call.localStream.getTracks().forEach((t) => t.stop()); call.localStream = null; }
  ['remote-video', 'local-video'].forEach((id) => {
    const v = $(id);
    if (v.srcObject) v.srcObject.getTracks().forEach((t) => t.stop());
    v.srcObject = null;
  });
  kiosk.candidates = null;
  call.id = null;
}

function clearCall() {
  endCall();
}

// ---- forgetting the resident ----

setStartAgain(() => reset());

function reset() {
  clearTimeout(kiosk.stillThereTimer);
  forgetSummary();
  moreTime.dismiss();
  kiosk.wanted = null;
  endCall();
  resetLook();
  say('queue-position', 'connecting.wait');
  say('queue-wait', null);
  $('still-there').hidden = true;
  say('talking-to', 'call.talkingToAdvisor');
  $('theme-buttons').replaceChildren();
  closeLanguageChoice();
  resetLanguage(); // the next resident starts in English, left to right
  try { sessionStorage.clear(); localStorage.clear(); } catch { /* storage may be disabled */ }
  show(kiosk.linkUp ? 'attract' : 'offline');
}

function armIdleTimer() {
  clearTimeout(kiosk.idleTimer);
  if (currentScreen() === 'attract' || currentScreen() === 'call' || currentScreen() === 'offline') return;
  kiosk.idleTimer = setTimeout(onIdle, idleSeconds() * 1000);
}

function onIdle() {
  if (currentScreen() === 'connecting') {
    // Waiting can take a while; ask before giving up the resident's place.
    $('still-there').hidden = false;
    $('keep-waiting').focus();
    kiosk.stillThereTimer = setTimeout(cancelPressed, STILL_THERE_GRACE_MS);
  } else if (ASK_BEFORE_RESET.includes(currentScreen())) {
    moreTime.ask(kiosk.moreTimeSeconds || DEFAULT_MORE_TIME_SECONDS);
  } else {
    reset();
  }
}

const moreTime = createMoreTime({ onStartAgain: () => reset(), onMoreTime: () => armIdleTimer() });

function touched() {
  if (!$('still-there').hidden) return; // only "Yes, keep waiting" answers the question
  if (moreTime.isOpen()) return; // only its own buttons answer "Do you need more time?"
  armIdleTimer();
}

// A council may name its themes in each language (key "themes.name.<theme>" in its catalogue file); otherwise the
// theme's own name, made readable.
function themeName(theme) {
  const key = `themes.name.${theme}`;
  const named = t(key);
  if (named !== key) return named;
  const s = theme.replace(/[-_]/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

onLanguageChange(() => { if (currentScreen() === 'themes') talkPressed(); });

// ---- typed messages, for a call without sound ----

const texts = createTextController({
  area: $('text-area'),
  log: $('text-log'),
  input: $('text-input'),
  sendButton: $('text-send'),
  keyboardArea: $('text-keyboard'),
  send,
  getCallId: () => call.id,
});

// ---- wiring ----

$('talk').addEventListener('click', () => talkPressed(false));
$('talk-text').addEventListener('click', () => talkPressed(true));
$('privacy-continue').addEventListener('click', requestCall);
$('privacy-cancel').addEventListener('click', reset);
$('themes-back').addEventListener('click', reset);
$('cancel').addEventListener('click', cancelPressed);
$('keep-waiting').addEventListener('click', () => {
  clearTimeout(kiosk.stillThereTimer);
  $('still-there').hidden = true;
  armIdleTimer();
});
$('unavailable-back').addEventListener('click', reset);
// A long wait: the resident gives up their place and asks for a call back instead (kiosk-callback.js).
$('queue-callback').addEventListener('click', () => {
  if (call.id) {
    kiosk.letGo = call.id;
    send(MessageType.CALL_CANCEL, { callId: call.id });
  }
  clearTimeout(kiosk.stillThereTimer);
  endCall();
  startCallback();
});
['pointerdown', 'keydown', 'touchstart'].forEach((e) => document.addEventListener(e, touched, { passive: true }));
document.addEventListener('contextmenu', (e) => e.preventDefault());

setUpLanguageChoice();
controls.reset();
show('offline');
