// "Do you need more time?" (WCAG 2.2.1): asked before the idle timer sends any screen back to the start, with its
// own countdown; only its two buttons answer it. kiosk.js decides when to ask and what starting again means.
import { t } from './i18n.js';

const $ = (id) => document.getElementById(id);

export function createMoreTime({ onStartAgain, onMoreTime }) {
  let deadline = null;
  let ticker = null;
  let returnFocus = null;

  function paint() {
    const left = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
    $('more-time-count').textContent = String(left);
    if (left === 0) finish(onStartAgain);
  }

  function finish(then) {
    if (!isOpen()) return;
    clearInterval(ticker);
    ticker = null;
    $('more-time').hidden = true;
    then();
  }

  function isOpen() {
    return !$('more-time').hidden;
  }

  /** Asks, and starts again by itself after seconds without an answer. */
  function ask(seconds) {
    returnFocus = document.activeElement;
    deadline = Date.now() + seconds * 1000;
    $('more-time-text').textContent = t('idle.text', { seconds });
    $('more-time').hidden = false;
    $('more-time-title').focus();
    clearInterval(ticker);
    ticker = setInterval(paint, 250);
    paint();
  }

  /** Another screen took over (a call connected, the bridge dropped): the question no longer applies. */
  function dismiss() {
    clearInterval(ticker);
    ticker = null;
    $('more-time').hidden = true;
  }

  $('more-time-yes').addEventListener('click', () => finish(() => {
    if (returnFocus && document.contains(returnFocus)) returnFocus.focus();
    onMoreTime();
  }));
  $('more-time-no').addEventListener('click', () => finish(onStartAgain));
  return { ask, dismiss, isOpen };
}
