// The console's WebSocket to the server: the protocol module's reconnecting socket (backoff from 0.5 s to 15 s, so a
// network blip shows "Reconnecting…" instead of a dead page; the server's link.ping answered; a server that stops
// asking treated as gone). When the sign-in session behind the socket ends (signed out in another tab, expired,
// account turned off, role changed) the server closes with SESSION_ENDED and a sentence to show: reconnecting would
// only be refused, so the page is told instead and nothing reconnects.
import { openSocket as openProtocolSocket } from '/protocol/cap-protocol.js';

const SILENCE_MS = 12_000;
export const SESSION_ENDED = 4401;
const ENDED_WORDS = 'Your session has ended. Sign in again.';

/** Returns { on, send, start }: register the page's handlers with on(), then start(). */
export function openSocket({ onOpen, onDown, onSessionEnded, stillSignedIn }) {
  let ended = false;

  function sessionEnded(reason) {
    if (ended) return;
    ended = true;
    onSessionEnded(reason || ENDED_WORDS);
  }

  return openProtocolSocket({
    url: () => `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws/console`,
    idPrefix: 'c',
    silenceMs: SILENCE_MS,
    firstRetryMs: 500,
    maxRetryMs: 15_000,
    onOpen,
    onDown,
    onClosed: (code, reason) => {
      if (code !== SESSION_ENDED) return false;
      sessionEnded(reason);
      return true;
    },
    // A session that ended while the socket was down cannot be told over the socket: the server refuses the
    // upgrade, which a browser reports only as a failed connection. So each retry first asks whether we are still
    // signed in; a network that is down (the question fails) is retried as before.
    beforeReconnect: async () => {
      let signedIn = true;
      try { signedIn = await stillSignedIn(); } catch { signedIn = true; }
      if (!signedIn) sessionEnded(ENDED_WORDS);
      return signedIn;
    },
  });
}
