// What every kiosk screen shares: the loopback /bridge socket to kiosk-app (the protocol module's reconnecting
// socket), the full-page screens, the call's state, and "forget the resident". A screen is one module that imports
// from here, registers what it shows with on(MessageType.X, fn), and adds itself to index.html with one
// <script type="module"> line (docs/protocol.md, "Adding a screen").
import { MessageType, el, openSocket } from '/protocol/cap-protocol.js';
// The words are loaded (i18n.js awaits English at its top level) before this module runs: a page's DOMContentLoaded
// does not wait for that, so without this the socket could open before the screens below had registered.
import './i18n.js';

export { MessageType, el };

// kiosk-app repeats kiosk.link every few seconds; this long without anything means it has stopped answering.
const BRIDGE_SILENCE_MS = 12_000;

const downListeners = [];
const socket = openSocket({
  url: () => `ws://${location.host}/bridge`,
  idPrefix: 'k',
  silenceMs: BRIDGE_SILENCE_MS,
  firstRetryMs: 1000,
  maxRetryMs: 1000,
  onDown: () => downListeners.forEach((fn) => fn()),
});

/** Registers fn for every message of this type from kiosk-app (several screens may listen to one type). */
export const on = socket.on;

/** Sends one message to kiosk-app; false when the bridge is down. */
export const send = (type, payload = {}) => socket.send(type, payload);

/** Called when the bridge to kiosk-app drops (it comes back by itself). */
export function onBridgeDown(fn) {
  downListeners.push(fn);
}

/** The resident's call as the page knows it: its id, and the camera and microphone stream once open. */
export const call = { id: null, localStream: null };

const wipers = [];

/** fn forgets this screen's part of the resident (answers, typing, timers); run at the end of every call. */
export function onWipe(fn) {
  wipers.push(fn);
}

export function wipeAll() {
  wipers.forEach((fn) => {
    try { fn(); } catch (err) { console.error('A screen could not forget the resident', err); }
  });
}

let startAgainWith = () => show('attract');

/** Back to the start, forgetting the resident: for a screen that ends the visit (the survey's "Finish"). */
export function startAgain() {
  startAgainWith();
}

/** kiosk.js says how the kiosk starts again (its reset). */
export function setStartAgain(fn) {
  startAgainWith = fn;
}

let screen = 'offline';
const shownListeners = [];

/** Shows the full-page screen <section id="screen-NAME" data-screen>, hiding the rest, and moves focus to its h1. */
export function show(name) {
  screen = name;
  document.querySelectorAll('[data-screen]').forEach((s) => { s.hidden = s.id !== `screen-${name}`; });
  const heading = document.querySelector(`#screen-${name} h1`);
  if (heading) heading.focus({ preventScroll: true });
  shownListeners.forEach((fn) => fn(name));
}

export function currentScreen() {
  return screen;
}

/** fn(name) after each show(): the idle timer listens here. */
export function onShown(fn) {
  shownListeners.push(fn);
}

// The socket opens once every screen's module has run and registered (module scripts all run before
// DOMContentLoaded), so no message finds a screen missing. start() opens it once, whichever comes first.
// A screen that imports i18n.js runs only once its catalogue has loaded (a top-level await, which
// DOMContentLoaded does not wait for): the socket waits for the catalogue too.
// The start waits one task more, for the screens' modules to finish running after the catalogue: a message-channel
// task, not a timer, so it does not hang on a page whose timers are held (a test's paused clock) or throttled.
const wordsLoaded = import('./i18n.js').catch(() => null);
function nextTask(fn) {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => fn();
  channel.port2.postMessage(null);
}
const start = () => wordsLoaded.then(() => nextTask(() => socket.start()));
if (document.readyState === 'complete') start();
else {
  document.addEventListener('DOMContentLoaded', start);
  window.addEventListener('load', start);
}
