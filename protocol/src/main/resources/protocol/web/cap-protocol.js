// The one protocol module for both browsers (the advisor console and the kiosk screen), served from the protocol
// jar at /protocol/cap-protocol.js by the server and by kiosk-app. docs/protocol.md describes it, with an example
// of adding a screen. Plain ES module, no build step, nothing inline: both pages run under a CSP without
// 'unsafe-inline'.
import { MessageType } from './message-types.js';

export { MessageType };

export const PROTOCOL_VERSION = 1;

const KNOWN = new Set(Object.values(MessageType));

/** The text of one message: {"v":1,"type":...,"id":...,"payload":{...}}. */
export function makeEnvelope(type, payload = {}, id = undefined) {
  if (!KNOWN.has(type)) throw new Error(`Unknown message type ${type}`);
  const envelope = { v: PROTOCOL_VERSION, type };
  if (id !== undefined) envelope.id = id;
  envelope.payload = payload || {};
  return JSON.stringify(envelope);
}

/** { type, id, payload } from a message's text, or null for anything that is not a message of this version. */
export function parseEnvelope(text) {
  let msg;
  try { msg = JSON.parse(text); } catch { return null; }
  if (!msg || typeof msg !== 'object' || msg.v !== PROTOCOL_VERSION || typeof msg.type !== 'string') return null;
  const payload = msg.payload && typeof msg.payload === 'object' ? msg.payload : {};
  return { type: msg.type, id: msg.id, payload };
}

/**
 * Who handles each message type: screens call on(MessageType.X, fn) for what they show, so adding a screen
 * never edits a central switch. Several screens may listen to one type; each is called in the order it
 * registered. A misspelt type (undefined, or a name the protocol lacks) is refused at once, not silently ignored.
 */
export function createHandlers() {
  const byType = new Map();
  return {
    on(type, handler) {
      if (!KNOWN.has(type)) throw new Error(`No such message type: ${type}`);
      if (typeof handler !== 'function') throw new Error(`The handler for ${type} is not a function`);
      if (!byType.has(type)) byType.set(type, []);
      byType.get(type).push(handler);
    },
    dispatch(type, payload) {
      for (const handler of byType.get(type) || []) {
        try {
          handler(payload);
        } catch (err) {
          // One screen's bug must not stop the others hearing the same message.
          console.error(`Handler for ${type} failed`, err);
        }
      }
    },
  };
}

/**
 * A WebSocket that carries protocol envelopes and comes back by itself. A socket that has been silent for
 * silenceMs is treated as gone (a frozen peer or a dead network sends no close). The server's link.ping is
 * answered here. onClosed(code, reason) may return true to stop reconnecting (a session that ended, say);
 * beforeReconnect() may return false to stop too (asked before each retry).
 *
 * Returns { on, send, start }: register handlers with on(), then start() once every screen has registered.
 */
export function openSocket({
  url, idPrefix = 'm', silenceMs = 12_000, firstRetryMs = 500, maxRetryMs = 15_000,
  onOpen = () => {}, onDown = () => {}, onClosed = () => false, beforeReconnect = async () => true,
}) {
  const handlers = createHandlers();
  let socket = null;
  let delay = firstRetryMs;
  let nextId = 1;
  let lastHeard = Date.now();
  let stopped = false;
  let watch = null;

  function connect() {
    const s = new WebSocket(typeof url === 'function' ? url() : url);
    socket = s;
    lastHeard = Date.now();
    s.addEventListener('open', () => { delay = firstRetryMs; lastHeard = Date.now(); onOpen(); });
    s.addEventListener('message', (e) => {
      lastHeard = Date.now();
      const msg = parseEnvelope(e.data);
      if (!msg) return;
      if (msg.type === MessageType.LINK_PING) { s.send(makeEnvelope(MessageType.LINK_PONG)); return; }
      handlers.dispatch(msg.type, msg.payload);
    });
    s.addEventListener('close', (e) => {
      if (socket !== s) return;
      if (onClosed(e.code, e.reason)) { stopped = true; socket = null; return; }
      dropped(s);
    });
  }

  // Once per socket, whether the browser saw it close or the silence gave it away.
  function dropped(s) {
    if (socket !== s) return;
    socket = null;
    onDown();
    setTimeout(reconnect, delay);
    delay = Math.min(delay * 2, maxRetryMs);
  }

  async function reconnect() {
    if (stopped) return;
    let carryOn = true;
    try { carryOn = await beforeReconnect(); } catch { carryOn = true; }
    if (!carryOn || stopped) { stopped = true; return; }
    connect();
  }

  return {
    on: handlers.on,
    /** Sends one message; false when the socket is not open (nothing is queued for later). */
    send(type, payload = {}) {
      if (!socket || socket.readyState !== WebSocket.OPEN) return false;
      socket.send(makeEnvelope(type, payload, `${idPrefix}${nextId++}`));
      return true;
    },
    start() {
      if (watch) return;
      watch = setInterval(() => {
        const s = socket;
        if (s && s.readyState === WebSocket.OPEN && Date.now() - lastHeard > silenceMs) {
          s.close();
          dropped(s);
        }
      }, 2000);
      connect();
    },
  };
}

/**
 * ICE candidates that arrive before the remote description cannot be added yet: they are held, and added once
 * flush() is called after setRemoteDescription. One per peer connection.
 */
export function iceCandidateBuffer(pc) {
  const held = [];
  return {
    async add(candidate) {
      if (pc.remoteDescription) await pc.addIceCandidate(candidate);
      else held.push(candidate);
    },
    async flush() {
      for (const c of held.splice(0)) await pc.addIceCandidate(c);
    },
  };
}

/** Sends each local ICE candidate as the protocol's rtc.signal payload for callId() (asked at the time). */
export function relayLocalCandidates(pc, send, callId) {
  pc.addEventListener('icecandidate', (e) => {
    if (e.candidate && e.candidate.candidate) {
      send(MessageType.RTC_SIGNAL, { callId: callId(), candidate: { candidate: e.candidate.candidate,
        sdpMid: e.candidate.sdpMid, sdpMLineIndex: e.candidate.sdpMLineIndex,
        usernameFragment: e.candidate.usernameFragment } });
    }
  });
}

/**
 * Builds an element with text only: data never goes through innerHTML, so markup in it stays inert.
 * attrs: 'text' sets the text, 'class' the class, anything else an attribute (true: present, false/null: absent).
 * Children may be nodes, text, numbers or arrays of them; null, undefined, false and '' are skipped.
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false || c === '') continue;
    node.append(c instanceof Node ? c : String(c));
  }
  return node;
}
