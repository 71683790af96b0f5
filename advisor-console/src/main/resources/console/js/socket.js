// The console's WebSocket to the server: protocol envelopes, and reconnection with backoff so a
// network blip shows "Reconnecting…" instead of a dead page. The server asks "are you there?"
// (link.ping) every few seconds: the answer goes straight back, and a server that stops asking is
// treated as gone, so a frozen server or a dead network is noticed even when nothing else is said.
// When the sign-in session behind the socket ends (signed out in another tab, expired, account turned off, role
// changed) the server closes with SESSION_ENDED and a sentence to show: reconnecting would only be refused, so the
// page is told instead and nothing reconnects.

const SILENCE_MS = 12_000;
export const SESSION_ENDED = 4401;
const ENDED_WORDS = 'Your session has ended. Sign in again.';

export function openSocket({ onMessage, onOpen, onDown, onSessionEnded, stillSignedIn }) {
  let socket = null;
  let delay = 500;
  let nextId = 1;
  let lastHeard = Date.now();
  let ended = false;

  function sessionEnded(reason) {
    if (ended) return;
    ended = true;
    socket = null;
    onSessionEnded(reason || ENDED_WORDS);
  }

  function connect() {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const s = new WebSocket(`${scheme}://${location.host}/ws/console`);
    socket = s;
    lastHeard = Date.now();
    s.addEventListener('open', () => { delay = 500; lastHeard = Date.now(); onOpen(); });
    s.addEventListener('message', (e) => {
      lastHeard = Date.now();
      let msg;
      try { msg = JSON.parse(e.data); } catch { return; }
      if (msg.type === 'link.ping') { s.send(JSON.stringify({ v: 1, type: 'link.pong', payload: {} })); return; }
      onMessage(msg.type, msg.payload || {});
    });
    s.addEventListener('close', (e) => {
      if (e.code === SESSION_ENDED && socket === s) sessionEnded(e.reason);
      else dropped(s);
    });
  }

  // Once per socket, whether the browser saw it close or the silence gave it away.
  function dropped(s) {
    if (socket !== s) return;
    socket = null;
    onDown();
    setTimeout(reconnect, delay);
    delay = Math.min(delay * 2, 15000);
  }

  // A session that ended while the socket was down cannot be told over the socket: the server refuses the upgrade,
  // which a browser reports only as a failed connection. So each retry first asks whether we are still signed in;
  // a network that is down (the question fails) is retried as before.
  async function reconnect() {
    if (ended) return;
    let signedIn = true;
    try { signedIn = await stillSignedIn(); } catch { signedIn = true; }
    if (!signedIn) { sessionEnded(ENDED_WORDS); return; }
    connect();
  }

  setInterval(() => {
    const s = socket;
    if (s && s.readyState === WebSocket.OPEN && Date.now() - lastHeard > SILENCE_MS) {
      s.close();
      dropped(s);
    }
  }, 2000);

  connect();
  return {
    send(type, payload) {
      if (!socket || socket.readyState !== WebSocket.OPEN) return false;
      socket.send(JSON.stringify({ v: 1, type, id: `c${nextId++}`, payload }));
      return true;
    },
  };
}
