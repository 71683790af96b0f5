// The language choice: on the attract screen, and behind the "Language" button (#language) on every screen.
// Each language is named in itself ("Polski", "اردو"), with its lang attribute, so a resident who reads no
// English still finds their own. The list is kiosk-app's /lang/index.json: the built-in languages and any the
// council added as a file (docs/languages.md).
//
// Stable hooks for tests: #language, #language-panel, #attract-languages, buttons [data-language="<code>"].
import { currentLanguage, languages, onLanguageChange, setLanguage } from './i18n.js';

const $ = (id) => document.getElementById(id);

function languageButton(language) {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'govuk-button govuk-button--secondary kiosk-language';
  b.lang = language.code;
  b.dir = language.dir === 'rtl' ? 'rtl' : 'ltr';
  b.dataset.language = language.code;
  b.textContent = language.name;
  b.addEventListener('click', async () => {
    await setLanguage(language.code);
    closeLanguageChoice();
  });
  return b;
}

function markChosen() {
  const code = currentLanguage().code;
  document.querySelectorAll('.kiosk-languages [data-language]').forEach((b) => {
    b.setAttribute('aria-pressed', String(b.dataset.language === code));
  });
  // The button says "Language" in English too, unless the kiosk is already in English.
  document.querySelectorAll('.kiosk-language-button__english').forEach((s) => { s.hidden = code === 'en'; });
}

/** Fills both places the choice appears and wires the #language button. */
export async function setUpLanguageChoice() {
  const button = $('language');
  const panel = $('language-panel');
  if (button && panel) {
    button.addEventListener('click', () => {
      const opening = panel.hidden;
      panel.hidden = !opening;
      button.setAttribute('aria-expanded', String(opening));
      if (opening) {
        const chosen = panel.querySelector('[aria-pressed="true"]') || panel.querySelector('button');
        if (chosen) chosen.focus();
      }
    });
  }
  const list = await languages();
  document.querySelectorAll('.kiosk-languages').forEach((box) => box.replaceChildren(...list.map(languageButton)));
  markChosen();
  onLanguageChange(markChosen);
}

/** Hides the panel opened by #language (after a choice, and for the next resident). */
export function closeLanguageChoice() {
  const panel = $('language-panel');
  if (panel) panel.hidden = true;
  const button = $('language');
  if (button) button.setAttribute('aria-expanded', 'false');
}
