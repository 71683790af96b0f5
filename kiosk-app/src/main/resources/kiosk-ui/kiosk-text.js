// Typed messages during a call, shown on both screens: for a call without sound, or to spell a name or a reference.
// The server relays each line to both sides (so both show the same conversation) and keeps it on the case.
import { createKeyboard } from './keyboard.js';
import { MessageType } from '/protocol/cap-protocol.js';
import { t } from './i18n.js';

export function createTextController({ area, log, input, sendButton, keyboardArea, send, getCallId }) {
  const keyboard = createKeyboard(keyboardArea);

  function open() {
    area.hidden = false;
    keyboard.attach(input);
  }

  function submit() {
    const text = input.value.trim();
    const callId = getCallId();
    if (!text || !callId) return;
    if (send(MessageType.CALL_TEXT, { callId, text })) input.value = '';
  }

  function received(p) {
    if (p.callId !== getCallId()) return;
    const item = document.createElement('li');
    const who = document.createElement('strong');
    who.textContent = `${t(p.party === 'kiosk' ? 'text.you' : 'text.advisor')} `;
    item.append(who, p.text);
    log.append(item);
    log.scrollTop = log.scrollHeight;
    open();
  }

  function wipe() {
    log.replaceChildren();
    input.value = '';
    keyboard.detach();
    area.hidden = true;
  }

  sendButton.addEventListener('click', submit);
  input.addEventListener('keydown', (e) => { if (e.key === 'Enter') submit(); });
  input.addEventListener('focus', () => keyboard.attach(input));
  return { open, received, wipe };
}
