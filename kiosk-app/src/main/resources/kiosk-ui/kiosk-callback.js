// Asking for a call back (issue 17, docs/adr/0048-callbacks.md), when no advisor can talk now: from the "closed" and
// "no advisors" screen, and from the queue once the wait has gone on (kiosk.js wires that button, as leaving the
// queue is its business). One thing per page: name, phone number (the number pad), a time from the site's opening
// hours (the server works them out: its clock, the site's time zone), the enquiry, check, then the reference, big.
// The server checks every answer again. Everything typed is forgotten at the end (onWipe), and on every reset.
//
// Stable hooks for tests: #unavailable-callback, #queue-callback, #callback-name, #callback-phone,
// #callback-continue, [data-slot], [data-theme], #callback-confirm, #callback-reference, #callback-finish.
import { MessageType, el, on, onShown, onWipe, send, show, startAgain, currentScreen } from './kiosk-bridge.js';
import { createKeyboard } from './keyboard.js';
import { currentLanguage, onLanguageChange, t } from './i18n.js';

const $ = (id) => document.getElementById(id);
const screen = () => $('screen-callback');

// What the resident has answered so far, and what the server offered: forgotten by forget().
let offer = null; // { slots, themes, offerAfterSeconds }
let answers = {};
let step = null;
let error = null;
let queuedSince = null;
let keyboard = null;
let offerTimer = null;

function forget() {
  answers = {};
  step = null;
  error = null;
  queuedSince = null;
  clearTimeout(offerTimer);
  if (keyboard) keyboard.detach();
  keyboard = null;
  screen().replaceChildren();
  $('unavailable-callback').hidden = true;
  $('queue-callback').hidden = true;
}

onWipe(forget);

// Ask the server which times it can offer whenever a screen that may offer a call back is shown.
onShown((name) => {
  if (name === 'unavailable') {
    $('unavailable-callback').hidden = true;
    send(MessageType.CALLBACK_SLOTS, {});
  } else if (name === 'connecting') {
    queuedSince = Date.now();
    $('queue-callback').hidden = true;
    send(MessageType.CALLBACK_SLOTS, {});
  } else if (name !== 'callback') {
    clearTimeout(offerTimer);
    if (step) forget();
  }
});

on(MessageType.CALLBACK_SLOTS, (p) => {
  offer = { slots: p.slots || [], themes: p.themes || [], offerAfterSeconds: p.offerAfterSeconds ?? 300 };
  if (!offer.slots.length) return;
  if (currentScreen() === 'unavailable') $('unavailable-callback').hidden = false;
  if (currentScreen() === 'connecting' && queuedSince) {
    // On the queue: offered once the wait has passed the council's setting.
    clearTimeout(offerTimer);
    const left = offer.offerAfterSeconds * 1000 - (Date.now() - queuedSince);
    offerTimer = setTimeout(offerOnQueue, Math.max(0, left));
  }
});

function offerOnQueue() {
  if (offer && offer.slots.length && currentScreen() === 'connecting') $('queue-callback').hidden = false;
}

// Or at once, if the estimated wait is that long already.
on(MessageType.CALL_QUEUED, (p) => {
  if (offer && p.estimatedWaitSeconds >= offer.offerAfterSeconds) offerOnQueue();
});

/** Starts asking; kiosk.js calls this from the queue after giving up the resident's place. */
export function startCallback() {
  answers = { language: currentLanguage().code };
  goTo('name');
}

function goTo(name, withError = null) {
  step = name;
  error = withError;
  render();
  show('callback');
}

onLanguageChange(() => { if (step && currentScreen() === 'callback') render(); });

function heading(key) {
  return el('h1', { class: 'govuk-heading-xl', tabindex: '-1', text: t(key) });
}

function button(key, onClick, { id, secondary = false, big = false } = {}) {
  const b = el('button', {
    type: 'button', id, class: `govuk-button ${secondary ? 'govuk-button--secondary ' : ''}${big ? 'kiosk-big' : 'kiosk-wide'}`,
    text: t(key),
  });
  b.addEventListener('click', onClick);
  return b;
}

function errorLine(inputId) {
  return error ? el('p', { class: 'govuk-error-message', id: `${inputId}-error`, text: t(error) }) : null;
}

function actions(...buttons) {
  return el('div', { class: 'kiosk-actions' }, ...buttons, button('callback.cancel', () => startAgain(), { secondary: true }));
}

// A typed answer with the on-screen keyboard under it: the letters for the name, the number pad for the phone.
function typedStep(titleKey, hintKey, inputId, field, attrs, next) {
  const input = el('input', {
    class: `govuk-input${error ? ' govuk-input--error' : ''}`, id: inputId, type: 'text', autocomplete: 'off',
    spellcheck: 'false', 'aria-describedby': `${inputId}-hint${error ? ` ${inputId}-error` : ''}`, ...attrs,
  });
  input.value = answers[field] || '';
  const pad = el('div', { class: 'kiosk-keyboard', role: 'group', 'aria-label': t('keyboard.label') });
  const group = el('div', { class: `govuk-form-group${error ? ' govuk-form-group--error' : ''}` },
    el('label', { class: 'govuk-label govuk-label--l', for: inputId, text: t(titleKey) }),
    el('div', { class: 'govuk-hint', id: `${inputId}-hint`, text: t(hintKey) }),
    errorLine(inputId), input);
  const proceed = () => {
    answers[field] = input.value.trim();
    next();
  };
  input.addEventListener('keydown', (e) => { if (e.key === 'Enter') proceed(); });
  screen().replaceChildren(heading(titleKey), group, pad,
    actions(button('callback.continue', proceed, { id: 'callback-continue', big: true })));
  // The heading is the label too: screen readers hear the question once, from the field.
  screen().querySelector('h1').classList.add('govuk-visually-hidden');
  keyboard = createKeyboard(pad);
  keyboard.attach(input);
}

function nameStep() {
  typedStep('callback.nameTitle', 'callback.nameHint', 'callback-name', 'name', { maxlength: '60' }, () => {
    // Letters in any script, spaces, hyphens, apostrophes: the server checks the same.
    if (!/^[\p{L}\p{M}][\p{L}\p{M} .'\u2019-]*$/u.test(answers.name || '')) goTo('name', 'callback.nameError');
    else goTo('phone');
  });
}

function phoneStep() {
  typedStep('callback.phoneTitle', 'callback.phoneHint', 'callback-phone', 'phone', { inputmode: 'tel', maxlength: '20' }, () => {
    const digits = (answers.phone || '').replace(/\D/g, '');
    if (digits.length < 10 || digits.length > 13) goTo('phone', 'callback.phoneError');
    else goTo('time');
  });
}

function slotWords(s) {
  const day = s.day === 'today' ? t('callback.today') : s.day === 'tomorrow' ? t('callback.tomorrow') : t(`day.${s.day}`);
  return t('callback.slot', { day, part: t(`callback.part.${s.part}`), from: s.from, to: s.to });
}

function timeStep() {
  const slots = (offer && offer.slots) || [];
  const list = el('div', { class: 'kiosk-stack', role: 'group', 'aria-labelledby': 'callback-time-title' },
    ...slots.map((s) => {
      const b = el('button', { type: 'button', class: 'govuk-button kiosk-wide', 'data-slot': s.id, text: slotWords(s),
        'aria-pressed': String(answers.slot === s.id) });
      b.addEventListener('click', () => {
        answers.slot = s.id;
        const themes = (offer && offer.themes) || [];
        if (themes.length > 1) goTo('theme');
        else {
          answers.theme = themes[0];
          goTo('check');
        }
      });
      return b;
    }));
  const h = heading('callback.timeTitle');
  h.id = 'callback-time-title';
  screen().replaceChildren(h, errorLine('callback-time'), list, actions());
}

function themeName(theme) {
  const key = `themes.name.${theme}`;
  const named = t(key);
  if (named !== key) return named;
  const s = theme.replace(/[-_]/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function themeStep() {
  const h = heading('themes.title');
  h.id = 'callback-theme-title';
  const list = el('div', { class: 'kiosk-stack', role: 'group', 'aria-labelledby': 'callback-theme-title' },
    ...offer.themes.map((theme) => {
      const b = el('button', { type: 'button', class: 'govuk-button kiosk-wide', 'data-theme': theme, text: themeName(theme) });
      b.addEventListener('click', () => { answers.theme = theme; goTo('check'); });
      return b;
    }));
  screen().replaceChildren(h, errorLine('callback-theme'), list, actions());
}

function checkStep() {
  const slot = offer.slots.find((s) => s.id === answers.slot);
  const row = (key, value, change) => {
    const b = el('button', { type: 'button', class: 'govuk-button govuk-button--secondary kiosk-change', text: t('callback.change'),
      'aria-label': `${t('callback.change')}: ${t(key)}` });
    b.addEventListener('click', () => goTo(change));
    return el('div', { class: 'govuk-summary-list__row' },
      el('dt', { class: 'govuk-summary-list__key', text: t(key) }),
      el('dd', { class: 'govuk-summary-list__value', text: value }),
      el('dd', { class: 'govuk-summary-list__actions' }, b));
  };
  const rows = [
    row('callback.name', answers.name, 'name'),
    row('callback.phone', answers.phone, 'phone'),
    row('callback.time', slot ? slotWords(slot) : '', 'time'),
  ];
  if (offer.themes.length > 1) rows.push(row('callback.theme', themeName(answers.theme), 'theme'));
  const confirm = button('callback.confirm', () => {
    confirm.disabled = true;
    confirm.textContent = t('callback.sending');
    const request = { name: answers.name, phone: answers.phone, slot: answers.slot };
    if (answers.theme) request.theme = answers.theme;
    if (answers.language) request.language = answers.language;
    send(MessageType.CALLBACK_REQUEST, request);
  }, { id: 'callback-confirm', big: true });
  screen().replaceChildren(heading('callback.checkTitle'), el('dl', { class: 'govuk-summary-list kiosk-summary' }, ...rows),
    actions(confirm));
}

on(MessageType.CALLBACK_BOOKED, (p) => {
  if (step !== 'check') return;
  // Only what the resident needs now is kept; their answers are forgotten at once.
  const done = { reference: p.reference, phone: p.phoneShown, slot: slotWords(p.slot) };
  answers = {};
  step = 'done';
  screen().replaceChildren(
    heading('callback.doneTitle'),
    el('p', { class: 'govuk-body-l', text: t('callback.doneWhen', { phone: done.phone, slot: done.slot }) }),
    el('div', { class: 'kiosk-reference' },
      el('p', { class: 'govuk-body-l kiosk-reference__label', text: t('callback.referenceLabel') }),
      el('p', { class: 'kiosk-reference__value', id: 'callback-reference', text: done.reference }),
      el('p', { class: 'govuk-body', text: t('callback.referenceHint') })),
    el('div', { class: 'kiosk-actions' }, button('callback.finish', () => startAgain(), { id: 'callback-finish', big: true })));
  show('callback');
});

const REFUSED_STEPS = { name: ['name', 'callback.nameError'], phone: ['phone', 'callback.phoneError'],
  slot: ['time', 'callback.timeError'], theme: ['theme', null] };

on(MessageType.CALLBACK_REFUSED, (p) => {
  if (step !== 'check') return;
  const back = REFUSED_STEPS[p.reason];
  if (back) {
    // A time taken or passed while the resident was typing: ask the server for the times again.
    if (p.reason === 'slot') send(MessageType.CALLBACK_SLOTS, {});
    goTo(back[0], back[1]);
    return;
  }
  step = 'refused';
  screen().replaceChildren(heading('callback.failedTitle'),
    el('p', { class: 'govuk-body-l', text: t('callback.limit') }),
    el('div', { class: 'kiosk-actions' }, button('callback.finish', () => startAgain(), { id: 'callback-finish', big: true })));
  show('callback');
});

function render() {
  if (keyboard) { keyboard.detach(); keyboard = null; }
  ({ name: nameStep, phone: phoneStep, time: timeStep, theme: themeStep, check: checkStep })[step]?.();
}

$('unavailable-callback').addEventListener('click', startCallback);
