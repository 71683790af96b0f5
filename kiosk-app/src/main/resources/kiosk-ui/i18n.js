// Every word the kiosk shows comes from a message catalogue (lang/<code>.json), so a resident can read the kiosk
// in their own language and a council can correct a string, or add a language, without touching code.
// Contract (issue 16): t(key, params) in scripts; data-i18n="key" on elements whose English text stays in the
// HTML as the default; data-i18n-label="key" for aria-label. Missing keys fall back to English, then to the key.
// kiosk-app serves /lang/index.json (the languages this kiosk offers) and /lang/<code>.json (the built-in words
// with the council's corrections merged in); docs/languages.md.

const FALLBACK = 'en';
const catalogues = new Map();
const listeners = [];
let current = FALLBACK;
let offered = null;

async function load(code) {
  if (!catalogues.has(code)) {
    const response = await fetch(`/lang/${encodeURIComponent(code)}.json`);
    if (!response.ok) throw new Error(`No catalogue for ${code}`);
    catalogues.set(code, await response.json());
  }
  return catalogues.get(code);
}

await load(FALLBACK);
// Module scripts run once the page is parsed: the council's corrections to English (if any) replace the HTML's words.
translatePage();

/** The text for key in the resident's language, with {name} placeholders filled from params. */
export function t(key, params = {}) {
  const own = catalogues.get(current) || {};
  const english = catalogues.get(FALLBACK) || {};
  const text = own[key] ?? english[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

/** Puts the current language's words into every marked element under root. */
export function translatePage(root = document) {
  root.querySelectorAll('[data-i18n]').forEach((node) => { node.textContent = t(node.dataset.i18n); });
  root.querySelectorAll('[data-i18n-label]').forEach((node) => node.setAttribute('aria-label', t(node.dataset.i18nLabel)));
}

/** The language the kiosk is showing: its code, its direction and its own name for itself. */
export function currentLanguage() {
  const meta = (catalogues.get(current) || {})._meta || {};
  return { code: current, dir: meta.dir === 'rtl' ? 'rtl' : 'ltr', name: meta.name || current };
}

/** The languages this kiosk offers ({code, name, englishName, dir, status}), English first. */
export async function languages() {
  if (!offered) {
    try {
      const response = await fetch('/lang/index.json');
      offered = response.ok ? await response.json() : [];
    } catch {
      offered = [];
    }
    if (!offered.some((l) => l.code === FALLBACK)) offered.unshift({ code: FALLBACK, name: 'English', englishName: 'English', dir: 'ltr' });
  }
  return offered;
}

/** Shows the kiosk in another language (the next resident starts in English again). */
export async function setLanguage(code) {
  try {
    await load(code);
  } catch (err) {
    console.warn('Language not available', code, err);
    return;
  }
  current = code;
  document.documentElement.lang = code;
  document.documentElement.dir = currentLanguage().dir;
  translatePage();
  listeners.forEach((fn) => {
    try { fn(currentLanguage()); } catch (err) { console.error('A screen could not change its language', err); }
  });
}

/** Back to English, for the next resident (called wherever the kiosk forgets the resident). */
export function resetLanguage() {
  if (current !== FALLBACK || document.documentElement.dir !== 'ltr') return setLanguage(FALLBACK);
  return Promise.resolve();
}

/** fn(language) after each change, for screens that build their words in script. */
export function onLanguageChange(fn) {
  listeners.push(fn);
}
