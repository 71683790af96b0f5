// A form the advisor pushed during the call, shown one question per page in GOV.UK patterns:
// question pages with an error summary, "Check your answers", then a signature. The server checks every
// answer and is the only place answers are kept: this page holds them in memory and forgets them on wipe().
//
// Stable hooks for tests: #form-area, #form-answer (or #form-answer-day/-month/-year, radios named
// "form-answer"), "Continue" (#form-continue), "Back" (#form-back), "Continue to sign" (#form-to-sign),
// #signature-canvas, "Clear" (#signature-clear), "Confirm and send" (#signature-confirm).

import { el } from './dom.js';
import { MessageType, on, onWipe, send } from './kiosk-bridge.js';
import { createKeyboard } from './keyboard.js';

const TYPING_DEBOUNCE_MS = 300;
const DONE_SCREEN_MS = 8000;

function visiblePages(form, answers) {
  return form.pages.filter((p) => !p.when || p.when.in.includes(answers[p.when.field]));
}

function displayOf(page, value) {
  if (value === undefined || value === null || value === '') return 'Not answered';
  if (page.options) {
    const o = page.options.find((x) => x.value === value);
    return o ? o.label : value;
  }
  if (page.input === 'date') {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (m) return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  }
  return value;
}

function createFormController({ area, keyboardArea, onShow, onHide }) {
  const keyboard = createKeyboard(keyboardArea);
  let state = null; // { sessionId, form, answers, step, returnToCheck, waitingFor, error, pad }
  let typingTimer = null;
  let doneTimer = null;

  function open(p) {
    clearTimeout(doneTimer);
    state = { sessionId: p.sessionId, form: p.form, answers: { ...(p.answers || {}) }, step: null,
      returnToCheck: false, waitingFor: null, error: null, errorsFromSigning: null, pad: null };
    const pages = visiblePages(state.form, state.answers);
    const unanswered = pages.find((pg) => !state.answers[pg.field]);
    // A resumed form picks up where it stopped; a new one starts at the first question so prefilled
    // answers are seen and confirmed by the resident.
    const resumed = Object.keys(state.answers).length > 0 && p.answeredBy
      && Object.values(p.answeredBy).some((by) => by !== 'case record');
    onShow(); // first, so the first field can take focus (hidden elements cannot)
    goTo(resumed ? (unanswered ? unanswered.id : 'check') : pages[0].id);
  }

  function goTo(step) {
    state.step = step;
    state.error = null;
    render();
    send(MessageType.FORM_PROGRESS, { sessionId: state.sessionId, step });
  }

  function currentPage() {
    return state.form.pages.find((p) => p.id === state.step);
  }

  // ---- rendering ----

  function render() {
    keyboard.detach();
    if (!state) { area.replaceChildren(); return; }
    if (state.step === 'check') return renderCheck();
    if (state.step === 'sign') return renderSign();
    if (state.step === 'saving') return renderMessage('Saving your form', 'Please wait. This takes a few seconds.', true);
    return renderQuestion(currentPage());
  }

  function errorSummary(items) {
    return el('div', { class: 'govuk-error-summary', id: 'form-error-summary', tabindex: '-1' },
      el('div', { role: 'alert' },
        el('h2', { class: 'govuk-error-summary__title', text: 'There is a problem' }),
        el('div', { class: 'govuk-error-summary__body' },
          el('ul', { class: 'govuk-list govuk-error-summary__list' },
            items.map((i) => el('li', {}, el('a', { href: `#${i.target}`, text: i.message })))))));
  }

  function backButton(action) {
    const b = el('button', { type: 'button', class: 'govuk-back-link kiosk-back', id: 'form-back', text: 'Back' });
    b.addEventListener('click', action);
    return b;
  }

  function renderQuestion(page) {
    const value = state.answers[page.field] ?? '';
    const error = state.error;
    const describedBy = [page.hint ? 'form-answer-hint' : null, error ? 'form-answer-error' : null].filter(Boolean).join(' ') || null;
    const group = el('div', { class: `govuk-form-group${error ? ' govuk-form-group--error' : ''}` });
    let firstInput = null;

    const heading = (inner) => el('h1', { class: 'govuk-label-wrapper' }, inner);
    const hint = page.hint ? el('div', { class: 'govuk-hint', id: 'form-answer-hint', text: page.hint }) : null;
    const errorLine = error ? el('p', { class: 'govuk-error-message', id: 'form-answer-error' },
      el('span', { class: 'govuk-visually-hidden', text: 'Error: ' }), error) : null;

    if (page.input === 'radios' || page.input === 'date') {
      const fieldset = el('fieldset', { class: 'govuk-fieldset', 'aria-describedby': describedBy, role: page.input === 'date' ? 'group' : null },
        el('legend', { class: 'govuk-fieldset__legend govuk-fieldset__legend--l' },
          el('h1', { class: 'govuk-fieldset__heading', text: page.question })));
      fieldset.append(...[hint, errorLine].filter(Boolean));
      if (page.input === 'radios') {
        const radios = el('div', { class: 'govuk-radios', 'data-module': 'govuk-radios' });
        page.options.forEach((o, i) => {
          const id = i === 0 ? 'form-answer' : `form-answer-${i}`;
          const input = el('input', { class: 'govuk-radios__input', id, name: 'form-answer', type: 'radio', value: o.value,
            checked: value === o.value });
          input.addEventListener('change', () => typed(page, o.value));
          radios.append(el('div', { class: 'govuk-radios__item' }, input,
            el('label', { class: 'govuk-label govuk-radios__label', for: id, text: o.label })));
          if (i === 0) firstInput = input;
        });
        fieldset.append(radios);
      } else {
        const [y, m, d] = /^(\d*)-(\d*)-(\d*)$/.test(value) ? value.split('-') : ['', '', ''];
        const part = (name, label, v, width) => {
          const input = el('input', { class: `govuk-input govuk-date-input__input govuk-input--width-${width}${error ? ' govuk-input--error' : ''}`,
            id: `form-answer-${name}`, name: `form-answer-${name}`, type: 'text', inputmode: 'numeric', maxlength: width === 4 ? '4' : '2' });
          input.value = name === 'year' ? v : v.replace(/^0/, '');
          input.addEventListener('input', () => typed(page, dateValue()));
          input.addEventListener('focus', () => keyboard.attach(input));
          return el('div', { class: 'govuk-date-input__item' }, el('div', { class: 'govuk-form-group' },
            el('label', { class: 'govuk-label govuk-date-input__label', for: `form-answer-${name}`, text: label }), input));
        };
        const dateRow = el('div', { class: 'govuk-date-input', id: 'form-answer' },
          part('day', 'Day', d, 2), part('month', 'Month', m, 2), part('year', 'Year', y, 4));
        fieldset.append(dateRow);
        firstInput = dateRow.querySelector('input');
      }
      group.append(fieldset);
    } else {
      group.append(heading(el('label', { class: 'govuk-label govuk-label--l', for: 'form-answer', text: page.question })));
      group.append(...[hint, errorLine].filter(Boolean));
      const common = { id: 'form-answer', name: 'form-answer', 'aria-describedby': describedBy, autocomplete: page.autocomplete || 'off',
        spellcheck: 'false' };
      let input;
      if (page.input === 'textarea') {
        input = el('textarea', { ...common, class: `govuk-textarea${error ? ' govuk-textarea--error' : ''}`, rows: '4' });
      } else {
        const modes = { number: 'numeric', tel: 'tel', email: 'email', text: 'text' };
        input = el('input', { ...common, class: `govuk-input${error ? ' govuk-input--error' : ''}${page.width ? ` govuk-input--width-${page.width}` : ''}`,
          type: page.input === 'email' ? 'email' : page.input === 'tel' ? 'tel' : 'text', inputmode: modes[page.input] || 'text' });
      }
      input.value = value;
      input.addEventListener('input', () => typed(page, input.value));
      input.addEventListener('focus', () => keyboard.attach(input));
      group.append(input);
      firstInput = input;
    }

    const cont = el('button', { type: 'button', class: 'govuk-button kiosk-wide', id: 'form-continue', text: 'Continue' });
    cont.addEventListener('click', () => continuePressed(page));
    const pages = visiblePages(state.form, state.answers);
    const index = pages.findIndex((p) => p.id === page.id);
    const back = index > 0 || state.returnToCheck
      ? backButton(() => goTo(state.returnToCheck ? 'check' : pages[index - 1].id)) : null;
    const summary = error ? errorSummary([{ target: page.input === 'date' ? 'form-answer-day' : 'form-answer', message: error }]) : null;
    area.replaceChildren(...[
      back,
      el('span', { class: 'govuk-caption-l', text: `${state.form.title}: question ${index + 1} of ${pages.length}` }),
      summary, group, cont,
      el('p', { class: 'govuk-body kiosk-form-note', id: 'form-note', 'aria-live': 'polite' }),
    ].filter(Boolean));
    if (summary) summary.focus();
    else if (firstInput) firstInput.focus();
  }

  function dateValue() {
    const v = (id) => (document.getElementById(id)?.value || '').trim();
    const d = v('form-answer-day');
    const m = v('form-answer-month');
    const y = v('form-answer-year');
    if (!d && !m && !y) return null;
    const pad = (s) => (/^\d$/.test(s) ? `0${s}` : s);
    return `${y}-${pad(m)}-${pad(d)}`;
  }

  function renderCheck() {
    const pages = visiblePages(state.form, state.answers);
    const errors = state.errorsFromSigning || [];
    const list = el('dl', { class: 'govuk-summary-list' });
    pages.forEach((p) => {
      const change = el('button', { type: 'button', class: 'govuk-link kiosk-link-button', id: `change-${p.id}` },
        'Change', el('span', { class: 'govuk-visually-hidden', text: ` ${p.label.toLowerCase()}` }));
      change.addEventListener('click', () => { state.returnToCheck = true; goTo(p.id); });
      list.append(el('div', { class: 'govuk-summary-list__row' },
        el('dt', { class: 'govuk-summary-list__key', text: p.label }),
        el('dd', { class: 'govuk-summary-list__value kiosk-preserve', text: displayOf(p, state.answers[p.field]) }),
        el('dd', { class: 'govuk-summary-list__actions' }, change)));
    });
    const toSign = el('button', { type: 'button', class: 'govuk-button kiosk-wide', id: 'form-to-sign', text: 'Continue to sign' });
    toSign.addEventListener('click', () => { state.errorsFromSigning = null; goTo('sign'); });
    const summary = errors.length ? errorSummary(errors.map((e) => ({ target: `change-${e.page}`, message: e.message }))) : null;
    const last = pages[pages.length - 1];
    area.replaceChildren(...[
      backButton(() => { state.returnToCheck = false; goTo(last.id); }),
      summary,
      el('h1', { class: 'govuk-heading-l', tabindex: '-1', text: 'Check your answers' }),
      list, toSign,
    ].filter(Boolean));
    (summary || area.querySelector('h1')).focus();
  }

  function renderSign() {
    const canvas = el('canvas', { id: 'signature-canvas', class: 'kiosk-signature', 'aria-describedby': 'signature-hint',
      role: 'img', 'aria-label': 'Signature box' });
    const clear = el('button', { type: 'button', class: 'govuk-button govuk-button--secondary', id: 'signature-clear', text: 'Clear' });
    const confirm = el('button', { type: 'button', class: 'govuk-button', id: 'signature-confirm', text: 'Confirm and send' });
    const error = state.error;
    area.replaceChildren(...[
      backButton(() => goTo('check')),
      error ? errorSummary([{ target: 'signature-canvas', message: error }]) : null,
      el('h1', { class: 'govuk-heading-l', tabindex: '-1', text: 'Sign your form' }),
      el('p', { class: 'govuk-body-l', id: 'signature-hint', text: 'Use your finger to sign your name in the box. By signing, you confirm your answers are true.' }),
      el('div', { class: `govuk-form-group${error ? ' govuk-form-group--error' : ''}` }, canvas),
      el('div', { class: 'govuk-button-group' }, confirm, clear),
    ].filter(Boolean));
    canvas.width = canvas.offsetWidth;
    canvas.height = canvas.offsetHeight;
    // signature_pad (UMD build) is loaded by index.html.
    state.pad = new window.SignaturePad(canvas, { penColor: '#0b0c0c', minWidth: 1.5, maxWidth: 4 });
    clear.addEventListener('click', () => state.pad.clear());
    confirm.addEventListener('click', () => {
      if (state.pad.isEmpty()) { state.error = 'Sign your name in the box before you confirm'; renderSign(); return; }
      const strokes = state.pad.toData().map((group) => group.points.map((pt) => ({
        x: Math.round(pt.x * 10) / 10, y: Math.round(pt.y * 10) / 10,
        pressure: Math.min(1, Math.max(0, pt.pressure ?? 0.5)), time: pt.time })));
      send(MessageType.FORM_SIGN, { sessionId: state.sessionId, width: canvas.width, height: canvas.height, strokes });
      confirm.disabled = true;
    });
    (area.querySelector('.govuk-error-summary') || area.querySelector('h1')).focus();
  }

  function renderMessage(title, body, busy) {
    area.replaceChildren(
      el('h1', { class: 'govuk-heading-l', tabindex: '-1', text: title }),
      busy ? el('div', { class: 'kiosk-spinner', 'aria-hidden': 'true' }) : null,
      el('p', { class: 'govuk-body-l', role: 'status', text: body }),
    );
    area.querySelector('h1').focus();
  }

  // ---- answering ----

  function typed(page, value) {
    state.answers[page.field] = value;
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => send(MessageType.FORM_ANSWER, { sessionId: state.sessionId, field: page.field, value, final: false }),
      page.input === 'radios' ? 0 : TYPING_DEBOUNCE_MS);
  }

  function continuePressed(page) {
    clearTimeout(typingTimer);
    const value = page.input === 'date' ? dateValue() : state.answers[page.field] ?? null;
    state.answers[page.field] = value;
    state.waitingFor = page.field;
    document.getElementById('form-continue').disabled = true;
    send(MessageType.FORM_ANSWER, { sessionId: state.sessionId, field: page.field, value: value === '' ? null : value, final: true });
  }

  function updated(p) {
    if (!state || p.sessionId !== state.sessionId) return;
    if (p.by !== 'resident') {
      // The advisor typed this. Show it, and say so, so the resident is never surprised.
      state.answers[p.field] = p.value;
      const page = currentPage();
      if (page && page.field === p.field && state.waitingFor !== p.field) {
        render();
        const note = document.getElementById('form-note');
        if (note) note.textContent = 'Your advisor filled in this answer.';
      }
      return;
    }
    if (!p.final || state.waitingFor !== p.field) return;
    state.waitingFor = null;
    if (p.error) {
      state.error = p.error;
      render();
      return;
    }
    const pages = visiblePages(state.form, state.answers);
    const index = pages.findIndex((pg) => pg.field === p.field);
    if (state.returnToCheck || index === pages.length - 1) {
      // A changed answer can bring in a new question (a condition): ask it before going back to the check.
      const missing = pages.slice(index + 1).find((pg) => !state.answers[pg.field] && pg.when);
      if (missing) { goTo(missing.id); return; }
      state.returnToCheck = false;
      goTo('check');
    } else {
      goTo(pages[index + 1].id);
    }
  }

  function rejected(p) {
    if (!state || p.sessionId !== state.sessionId) return;
    if (p.errors && p.errors.length) {
      state.errorsFromSigning = p.errors;
      state.step = 'check';
      render();
    } else {
      state.step = 'sign';
      render();
      state.error = p.message;
      renderSign();
    }
  }

  function signed(p) {
    if (!state || p.sessionId !== state.sessionId) return;
    state.step = 'saving';
    render();
  }

  function completed(p) {
    if (!state || p.sessionId !== state.sessionId) return;
    keyboard.detach();
    area.replaceChildren(
      el('div', { class: 'govuk-panel govuk-panel--confirmation' },
        el('h1', { class: 'govuk-panel__title', tabindex: '-1', text: 'Form sent' }),
        el('div', { class: 'govuk-panel__body', text: 'Your advisor has your signed form.' })),
      el('p', { class: 'govuk-body-l', text: 'You can carry on talking to your advisor.' }));
    area.querySelector('h1').focus();
    state = null;
    doneTimer = setTimeout(() => { if (!state) close(); }, DONE_SCREEN_MS);
  }

  function closed(p) {
    if (state && p.sessionId === state.sessionId) close();
  }

  function close() {
    clearTimeout(typingTimer);
    state = null;
    keyboard.detach();
    area.replaceChildren();
    onHide();
  }

  /** Forget everything about the resident's form: called when the call ends and when the kiosk resets. */
  function wipe() {
    clearTimeout(doneTimer);
    if (state && state.pad) state.pad.clear();
    close();
  }

  return { open, updated, rejected, signed, completed, closed, wipe, isOpen: () => state !== null };
}

// ---- on the call screen: shown beside a smaller video ----

const $ = (id) => document.getElementById(id);
const forms = createFormController({
  area: $('form-area'),
  keyboardArea: $('keyboard'),
  onShow: () => {
    $('screen-call').classList.add('kiosk-call--form');
    $('form-area').hidden = false;
  },
  onHide: () => {
    $('screen-call').classList.remove('kiosk-call--form');
    $('form-area').hidden = true;
  },
});
on(MessageType.FORM_OPENED, forms.open);
on(MessageType.FORM_UPDATED, forms.updated);
on(MessageType.FORM_REJECTED, forms.rejected);
on(MessageType.FORM_SIGNED, forms.signed);
on(MessageType.FORM_COMPLETED, forms.completed);
on(MessageType.FORM_CLOSED, forms.closed);
onWipe(forms.wipe);
