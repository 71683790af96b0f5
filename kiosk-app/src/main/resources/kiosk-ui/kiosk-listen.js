// Listen: the kiosk reads the screen aloud (issue 16; ADR 0041). A public kiosk must not need the resident's own
// screen reader (EN 301 549 §5.1), so the Listen button in the tool bar reads what the visible screen says: its
// heading, its words, its choices, its errors and any amount to pay, in the language the resident chose.
// kiosk-app makes the speech offline with espeak-ng (POST /speech, its own page only) and this page plays the WAV,
// so it comes out wherever the kiosk's sound goes (the speaker, or a handset when a technician sets it so).
// While speaking, Listen says Stop; Repeat reads the screen again. kiosk-app says on kiosk.link whether speech
// can be made here; without it the buttons are not shown. The advisor's console is told the resident uses speech.
//
// Stable hooks for tests: #listen ("Listen" / "Stop"), #listen-again ("Repeat").

import { MessageType, call, on, onShown, onWipe, send } from './kiosk-bridge.js';
import { currentLanguage, onLanguageChange, t } from './i18n.js';

const $ = (id) => document.getElementById(id);

const listen = {
  offered: false,
  audio: new Audio(),
  url: null,
  asking: null, // the request for speech still being made, to abandon on Stop
  speaking: false,
  used: false, // this resident has used Listen: the advisor is told, once per call
  toldCall: null,
};

// What is read: whole blocks of words, each once, in the order they are on the screen.
const BLOCKS = 'h1, h2, h3, h4, h5, h6, p, li, dt, dd, th, td, caption, legend, label, button, a, summary';
// Never read: the tool bar itself, the on-screen keyboard's keys, pictures, and anything personal, which a speaker in a
// library would announce to the room: what the resident typed, their answers on "Check your answers", and the typed
// messages of the call.
const SKIP = '#kiosk-tools, .kiosk-keyboard, video, audio, canvas, svg, script, style, input, textarea, select, '
  + '.govuk-summary-list__value, #text-log, [data-private]';

// Words marked as another language (the language buttons, each named in itself) would be spelt out letter by letter
// by this language's voice, so they are left out.
function otherLanguage(node) {
  const lang = node.getAttribute('lang');
  return Boolean(lang) && lang.split('-')[0] !== currentLanguage().code.split('-')[0];
}

function shown(node) {
  if (node.hidden || node.getAttribute('aria-hidden') === 'true') return false;
  const style = getComputedStyle(node);
  return style.display !== 'none' && style.visibility !== 'hidden';
}

function words(text) {
  return (text || '').replace(/\s+/g, ' ').trim();
}

function collect(node, parts) {
  for (const child of node.childNodes) {
    if (child.nodeType === Node.TEXT_NODE) {
      const text = words(child.textContent);
      if (text) parts.push(text);
    } else if (child.nodeType === Node.ELEMENT_NODE && !child.matches(SKIP) && !otherLanguage(child) && shown(child)) {
      if (child.matches(BLOCKS)) {
        const inner = [];
        collect(child, inner);
        const text = words(inner.join(' '));
        if (text) parts.push(text);
      } else {
        collect(child, parts);
      }
    }
  }
}

/** The visible screen's words as they are read aloud: each block a sentence, in reading order. */
export function screenText() {
  const screen = [...document.querySelectorAll('[data-screen]')].find((s) => !s.hidden);
  if (!screen) return '';
  const parts = [];
  collect(screen, parts);
  // A pause between blocks: a heading or a button label with no full stop would run into the next.
  return parts.map((p) => (/[.!?:…]$/.test(p) ? p : `${p}.`)).join(' ');
}

function label() {
  $('listen').textContent = listen.speaking ? t('listen.stop') : t('listen.button');
  $('listen').classList.toggle('kiosk-tool--active', listen.speaking);
  $('listen-again').hidden = !listen.offered || !listen.used;
}

// tellKiosk: also stop speech kiosk-app is still making; not when new words are asked for at once, as the new
// request replaces the old one there and a late "stop" would end the new one.
function stop(tellKiosk = true) {
  if (listen.asking) listen.asking.abort();
  listen.asking = null;
  listen.audio.pause();
  listen.audio.removeAttribute('src');
  if (listen.url) URL.revokeObjectURL(listen.url);
  listen.url = null;
  if (tellKiosk && listen.speaking) fetch('/speech', { method: 'DELETE' }).catch(() => {});
  listen.speaking = false;
  label();
}

async function speak() {
  stop(false);
  const text = screenText();
  if (!text) return;
  listen.speaking = true;
  listen.used = true;
  label();
  tellAdvisor();
  const asking = new AbortController();
  listen.asking = asking;
  try {
    const response = await fetch('/speech', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ text, language: currentLanguage().code }),
      signal: asking.signal,
    });
    if (!response.ok) throw new Error((await response.json().catch(() => ({}))).error || response.statusText);
    const wav = await response.blob();
    if (listen.asking !== asking) return; // Stop, or another Listen, came first
    listen.asking = null;
    listen.url = URL.createObjectURL(wav);
    listen.audio.src = listen.url;
    await listen.audio.play();
  } catch (err) {
    if (err.name === 'AbortError') return;
    console.warn('Listen could not read the screen:', err.message);
    if (listen.asking === asking || listen.asking === null) { listen.speaking = false; label(); }
  }
}

// Once per call is enough for the console; a call that starts after Listen was used is told as it connects.
function tellAdvisor() {
  if (!listen.used || !call.id || listen.toldCall === call.id) return;
  if (send(MessageType.CALL_ASSIST, { callId: call.id, speech: true })) listen.toldCall = call.id;
}

listen.audio.addEventListener('ended', () => { listen.speaking = false; label(); });

on(MessageType.KIOSK_LINK, (p) => {
  listen.offered = p.speech === true;
  $('listen').hidden = !listen.offered;
  if (!listen.offered) stop();
  label();
});
// Also after a call resumes: the console may have been reloaded meanwhile.
on(MessageType.CALL_CONNECTED, () => {
  listen.toldCall = null;
  tellAdvisor();
});
// The words of the screen that was being read are no longer in front of the resident.
onShown(() => { if (listen.speaking) stop(); });
onLanguageChange(() => stop());
onWipe(() => {
  stop();
  listen.used = false;
  listen.toldCall = null;
  label();
});

$('listen').addEventListener('click', () => (listen.speaking ? stop() : speak()));
// Repeat: the screen read again from the start, whether or not it is speaking now.
$('listen-again').addEventListener('click', () => speak());
label();
