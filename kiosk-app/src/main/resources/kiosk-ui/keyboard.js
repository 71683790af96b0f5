// An on-screen keyboard for a touchscreen with no physical keys. Its layout follows the answer type:
// a number pad for numbers, dates and phone numbers, an email layout with @ and .com, letters otherwise.
// Keys never take focus from the field being typed in, so the caret and screen readers stay put.
// Every key's accessible name is the word it shows (WCAG 2.5.3), so "Capital letters" is a toggle (aria-pressed)
// whose name never changes; the letters on the keys show which case is on.
import { onLanguageChange, t } from './i18n.js';

const LETTERS = ['1234567890', 'qwertyuiop', 'asdfghjkl\'', 'zxcvbnm,.-'];
const EMAIL = ['1234567890', 'qwertyuiop', 'asdfghjkl_', 'zxcvbnm.-@'];
const DIGITS = ['123', '456', '789'];

export function keyboardKindFor(input) {
  if (!input) return null;
  const mode = input.getAttribute('inputmode');
  if (mode === 'numeric') return 'numeric';
  if (mode === 'tel') return 'tel';
  if (mode === 'email') return 'email';
  return input.tagName === 'TEXTAREA' ? 'multiline' : 'text';
}

export function createKeyboard(container) {
  let target = null;
  let shifted = false;
  let kind = null;

  function type(text) {
    if (!target) return;
    const start = target.selectionStart ?? target.value.length;
    const end = target.selectionEnd ?? target.value.length;
    const max = target.maxLength > 0 ? target.maxLength : Infinity;
    if (target.value.length - (end - start) + text.length > max) return;
    target.setRangeText(text, start, end, 'end');
    target.dispatchEvent(new Event('input', { bubbles: true }));
    if (shifted) { shifted = false; render(); }
  }

  function backspace() {
    if (!target) return;
    const start = target.selectionStart ?? target.value.length;
    const end = target.selectionEnd ?? target.value.length;
    if (start === end && start === 0) return;
    target.setRangeText('', start === end ? start - 1 : start, end, 'end');
    target.dispatchEvent(new Event('input', { bubbles: true }));
  }

  function key(label, action, extraClass = '', ariaLabel = null) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = `kiosk-key ${extraClass}`.trim();
    b.textContent = label;
    if (ariaLabel) b.setAttribute('aria-label', ariaLabel);
    // pointerdown keeps focus in the field; click does the typing (so keyboard users and tests work too).
    b.addEventListener('pointerdown', (e) => e.preventDefault());
    b.addEventListener('mousedown', (e) => e.preventDefault());
    b.addEventListener('click', action);
    return b;
  }

  function row(keys) {
    const r = document.createElement('div');
    r.className = 'kiosk-keyboard__row';
    keys.forEach((k) => r.append(k));
    return r;
  }

  function render() {
    container.replaceChildren();
    if (!kind) { container.hidden = true; return; }
    container.hidden = false;
    const rows = [];
    if (kind === 'numeric' || kind === 'tel') {
      DIGITS.forEach((line) => rows.push(row([...line].map((c) => key(c, () => type(c))))));
      rows.push(row([
        kind === 'tel' ? key('+', () => type('+')) : key('', () => {}, 'kiosk-key--blank', t('keyboard.blank')),
        key('0', () => type('0')),
        key('⌫', backspace, 'kiosk-key--wide', t('keyboard.delete')),
      ]));
      if (kind === 'tel') rows.push(row([key(t('keyboard.space'), () => type(' '), 'kiosk-key--space')]));
    } else {
      const layout = kind === 'email' ? EMAIL : LETTERS;
      // The resident's own letters (ą ę ł for Polish, ă ș ț for Romanian, ŵ ŷ for Welsh) on a row of their own, from
      // the language's catalogue ("keyboard.extraLetters"; empty for English and for languages not typed in Latin).
      const extra = kind === 'email' ? '' : t('keyboard.extraLetters');
      [...(extra ? [extra] : []), ...layout].forEach((line) => rows.push(row([...line].map((c) => {
        const ch = shifted ? c.toLocaleUpperCase() : c;
        return key(ch, () => type(ch));
      }))));
      const shift = key(`⇧ ${t('keyboard.capitals')}`, () => { shifted = !shifted; render(); }, 'kiosk-key--wide kiosk-key--shift');
      shift.setAttribute('aria-pressed', String(shifted));
      const bottom = [shift];
      if (kind === 'email') bottom.push(key('.com', () => type('.com'), 'kiosk-key--wide'), key('.co.uk', () => type('.co.uk'), 'kiosk-key--wide'));
      else bottom.push(key(t('keyboard.space'), () => type(' '), 'kiosk-key--space'));
      if (kind === 'multiline') bottom.push(key(t('keyboard.newLine'), () => type('\n'), 'kiosk-key--wide'));
      bottom.push(key('⌫', backspace, 'kiosk-key--wide', t('keyboard.delete')));
      rows.push(row(bottom));
    }
    rows.forEach((r) => container.append(r));
  }

  // A change of language redraws the keys' words and the language's own letters (the rest stays a Latin keyboard).
  onLanguageChange(() => { if (kind) render(); });

  return {
    attach(input) {
      target = input;
      const next = keyboardKindFor(input);
      // Capitals at the start of names and addresses, as people expect.
      shifted = (next === 'text' || next === 'multiline') && input && input.value === '';
      kind = next;
      render();
    },
    detach() { target = null; kind = null; render(); },
  };
}
