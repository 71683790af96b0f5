// The console's WebSocket to the server: protocol envelopes, and reconnection with backoff so a
// network blip shows "Reconnecting…" instead of a dead page. The server asks "are you there?"
// (link.ping) every few seconds: the answer goes straight back, and a server that stops asking is
// treated as gone, so a frozen server or a dead network is noticed even when nothing else is said.

const SILENCE_MS = 12_000;

export function openSocket({ onMessage, onOpen, onDown }) {
  let socket = null;
  let delay = 500;
  let nextId = 1;
  let lastHeard = Date.now();

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
    s.addEventListener('close', () => dropped(s));
  }

  // Once per socket, whether the browser saw it close or the silence gave it away.
  function dropped(s) {
    if (socket !== s) return;
    socket = null;
    onDown();
    setTimeout(connect, delay);
    delay = Math.min(delay * 2, 15000);
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
