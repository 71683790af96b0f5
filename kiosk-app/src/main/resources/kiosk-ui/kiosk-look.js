// How the kiosk looks for this resident and this council (ADR 0042): the text size and the high-contrast theme the
// resident chooses in the tool bar, the screen's geometry kiosk-app is set to, and the council's name, logo and
// colour. Each is a class or a custom property on <html>, so every screen follows, including those other modules
// build inside a call. resetLook() puts the resident's choices back for the next person.
import { t, onLanguageChange } from './i18n.js';

const SIZES = [
  { name: 'standard', key: 'tools.sizeStandard', className: null },
  { name: 'large', key: 'tools.sizeLarge', className: 'kiosk-text-large' },
  { name: 'largest', key: 'tools.sizeLargest', className: 'kiosk-text-largest' },
];

const root = document.documentElement;
const $ = (id) => document.getElementById(id);
let size = 0;
let orientation = 'auto';
const portraitQuery = window.matchMedia('(orientation: portrait)');

function showSize() {
  SIZES.forEach((s) => { if (s.className) root.classList.toggle(s.className, s === SIZES[size]); });
  $('text-size-value').textContent = t(SIZES[size].key);
  root.dataset.textSize = SIZES[size].name;
}

function setContrast(on) {
  root.classList.toggle('kiosk-contrast', on);
  $('contrast').setAttribute('aria-pressed', String(on));
}

/** The next text size, round from Standard to Largest and back. */
export function nextTextSize() {
  size = (size + 1) % SIZES.length;
  showSize();
}

export function toggleContrast() {
  setContrast(!root.classList.contains('kiosk-contrast'));
}

/** The next resident starts at Standard size with the ordinary colours. */
export function resetLook() {
  size = 0;
  showSize();
  setContrast(false);
}

function showOrientation() {
  const portrait = orientation === 'portrait' || (orientation === 'auto' && portraitQuery.matches);
  root.classList.toggle('kiosk-portrait', portrait);
  root.classList.toggle('kiosk-landscape', !portrait);
}

/** kiosk-app's CAP_KIOSK_ORIENTATION, from kiosk.link: auto follows the window's shape. */
export function setOrientation(value) {
  orientation = ['portrait', 'landscape'].includes(value) ? value : 'auto';
  showOrientation();
}

// The tool bar grows when its words wrap (long words, larger text, Repeat once Listen is used): every screen keeps
// clear of the height it has now, so it never covers a button (CSSOM, which the page's CSP allows).
const tools = $('kiosk-tools');
if (tools && window.ResizeObserver) {
  new ResizeObserver(() => {
    root.style.setProperty('--kiosk-tools-height', `${Math.ceil(tools.getBoundingClientRect().height)}px`);
  }).observe(tools);
}

const HEX = /^#[0-9a-fA-F]{6}$/;

/**
 * The council's name and colour from kiosk.config (the server has checked white is readable on the colour), and its
 * logo once kiosk-app has fetched it (logoUrl, from kiosk.link: served by kiosk-app, as the page's CSP wants).
 */
export function applyBranding(config, logoUrl) {
  const name = config.councilName || '';
  $('council-name').textContent = name;
  const logo = $('council-logo');
  if (logoUrl) {
    if (logo.getAttribute('src') !== logoUrl) logo.src = logoUrl;
    logo.alt = ''; // the council's name is written beside it
    logo.hidden = false;
  } else {
    logo.removeAttribute('src');
    logo.hidden = true;
  }
  if (config.councilColour && HEX.test(config.councilColour)) root.style.setProperty('--kiosk-brand', config.councilColour);
  else root.style.removeProperty('--kiosk-brand');
}

portraitQuery.addEventListener('change', showOrientation);
$('text-size').addEventListener('click', nextTextSize);
$('contrast').addEventListener('click', toggleContrast);
onLanguageChange(() => showSize());
showSize();
showOrientation();
