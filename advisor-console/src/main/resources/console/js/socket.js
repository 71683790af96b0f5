// The console's WebSocket to the server: protocol envelopes, and reconnection with backoff so a
// network blip shows "Reconnecting…" instead of a dead page.

export function openSocket({ onMessage, onOpen, onDown }) {
  let socket = null;
  let delay = 500;
  let nextId = 1;

  function connect() {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    socket = new WebSocket(`${scheme}://${location.host}/ws/console`);
    socket.addEventListener('open', () => { delay = 500; onOpen(); });
    socket.addEventListener('message', (e) => {
      let msg;
      try { msg = JSON.parse(e.data); } catch { return; }
      onMessage(msg.type, msg.payload || {});
    });
    socket.addEventListener('close', () => {
      onDown();
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 15000);
    });
  }

  connect();
  return {
    send(type, payload) {
      if (!socket || socket.readyState !== WebSocket.OPEN) return false;
      socket.send(JSON.stringify({ v: 1, type, id: `c${nextId++}`, payload }));
      return true;
    },
  };
}
