// "How was your visit today?" after each call with an advisor: three faces with words under each, then
// (optionally) why, then thanks. One question per page, every page can be skipped, and the pictures say the
// same in any language. The server asks (survey.ask) as the call ends; the answer goes back as survey.answer;
// a resident who skips or walks away sends nothing. It follows the end screen's "Finish" (kiosk-summary.js).
//
// Stable hooks for tests: #screen-survey, the faces #survey-good / #survey-ok / #survey-poor, "Skip" (#survey-skip),
// the reasons #survey-reason-<CODE>, "Skip this question" (#survey-reason-skip), the thanks heading #survey-thanks.
import { button, el } from './dom.js';
import { MessageType, currentScreen, on, onWipe, send, show, startAgain } from './kiosk-bridge.js';
import { t } from './i18n.js';

const FACES = [
  { rating: 'GOOD', id: 'survey-good', words: 'survey.good', picture: '/faces/good.svg' },
  { rating: 'OK', id: 'survey-ok', words: 'survey.ok', picture: '/faces/ok.svg' },
  { rating: 'POOR', id: 'survey-poor', words: 'survey.poor', picture: '/faces/poor.svg' },
];

// The reasons that fit each rating, in the words the server's export uses.
const REASONS = {
  GOOD: [['QUICK', 'survey.reasonQuick'], ['HELPFUL', 'survey.reasonHelpful'], ['EASY', 'survey.reasonEasy']],
  OK: [['WAITED_TOO_LONG', 'survey.reasonWaited'], ['NOT_SORTED', 'survey.reasonNotSorted'],
    ['HARD_TO_USE', 'survey.reasonHardToUse'], ['HARD_TO_SEE_OR_HEAR', 'survey.reasonSeeOrHear'],
    ['SOMETHING_ELSE', 'survey.reasonElse']],
};
REASONS.POOR = REASONS.OK;

const THANKS_MS = 8_000;

function createSurvey(area) {
  let callId = null;
  let closesAt = 0;
  let timer = null;

  function page(...children) {
    area.replaceChildren(...children);
    show('survey');
  }

  function ask(p, caption) {
    const seconds = p.answerWithinSeconds || 120;
    callId = p.callId;
    closesAt = Date.now() + seconds * 1000;
    clearTimeout(timer);
    // Past the server's window an answer would not be kept: go back to the start rather than pretend.
    timer = setTimeout(finish, seconds * 1000);
    page(
      el('span', { class: 'govuk-caption-l', text: caption }),
      el('h1', { class: 'govuk-heading-xl', tabindex: '-1', text: t('survey.question') }),
      el('div', { class: 'kiosk-faces' }, ...FACES.map(face)),
      button('survey-skip', t('survey.skip'), finish, 'govuk-button--secondary'));
  }

  function face(f) {
    const b = el('button', { type: 'button', class: 'kiosk-face', id: f.id },
      el('img', { src: f.picture, alt: '', width: '160', height: '160' }),
      el('span', { class: 'kiosk-face__words', text: t(f.words) }));
    b.addEventListener('click', () => chose(f.rating));
    return b;
  }

  function chose(rating) {
    page(
      el('h1', { class: 'govuk-heading-xl', tabindex: '-1', text: t('survey.why') }),
      el('p', { class: 'govuk-body-l', text: t('survey.whyHint') }),
      el('div', { class: 'kiosk-stack' }, ...REASONS[rating].map(([code, words]) =>
        button(`survey-reason-${code}`, t(words), () => answer(rating, code), 'govuk-button--secondary'))),
      button('survey-reason-skip', t('survey.skipQuestion'), () => answer(rating, null)));
  }

  function answer(rating, reason) {
    if (callId && Date.now() < closesAt) {
      send(MessageType.SURVEY_ANSWER, reason ? { callId, rating, reason } : { callId, rating });
    }
    callId = null;
    clearTimeout(timer);
    timer = setTimeout(finish, THANKS_MS);
    page(
      el('h1', { class: 'govuk-heading-xl', tabindex: '-1', id: 'survey-thanks', text: t('survey.thanks') }),
      el('p', { class: 'govuk-body-l', text: t('survey.goingBack') }),
      button('survey-finish', t('survey.finish'), finish));
  }

  // Forget the answer in progress; reset() calls this too, so a survey timer never fires on the next resident.
  function wipe() {
    callId = null;
    clearTimeout(timer);
    area.replaceChildren();
  }

  function finish() {
    wipe();
    startAgain();
  }

  return { ask, wipe };
}

const survey = createSurvey(document.getElementById('survey-area'));
onWipe(survey.wipe);
// Asked as the call ends (just before or after call.ended): kept until the resident presses "Finish" on the end
// screen, which shows what they take away first (kiosk-summary.js). Only the ask for that call counts.
// #screen-ended[data-survey="asked"] says one is waiting (a hook for tests).
let pending = null;
const endScreen = document.getElementById('screen-ended');
on(MessageType.SURVEY_ASK, (p) => {
  pending = { ask: p, at: Date.now() };
  endScreen.dataset.survey = 'asked';
});

/** Offers the survey for the call that just ended, if the server asked and there is still time; false if not. */
export function offerSurvey(callId) {
  const waiting = pending;
  pending = null;
  delete endScreen.dataset.survey;
  if (!waiting || waiting.ask.callId !== callId || currentScreen() !== 'ended') return false;
  const left = waiting.ask.answerWithinSeconds - Math.ceil((Date.now() - waiting.at) / 1000);
  if (left < 10) return false; // too little time to answer: the server would not keep it
  survey.ask({ ...waiting.ask, answerWithinSeconds: left }, document.getElementById('ended-title').textContent);
  return true;
}
