// An ID photo the advisor asked for. The camera is already open for the call, so the photo is taken in this page
// from the call's own video track (no second program fights over the camera, and the call goes on): the resident
// lines up inside a head-and-shoulders guide, a 3-2-1 countdown runs, and the still is taken at the camera's best
// resolution (ImageCapture where the browser has it, otherwise the full video frame). kiosk-app sends it to the
// server with the kiosk's credentials; the advisor approves it or asks for another.
//
// Stable hooks for tests: #photo-area, #photo-preview, #photo-guide, "Take my photo" (#photo-take), #photo-countdown.

import { button, el } from './dom.js';
import { MessageType, call, on, onWipe } from './kiosk-bridge.js';
import { onLanguageChange, t } from './i18n.js';

const COUNTDOWN_FROM = 3;

function createPhotoController({ area, getStream, onShow, onHide }) {
  let photo = null; // the last photo.requested / photo.updated payload
  let view = 'ready'; // ready, counting, sending, sent, failed
  let problem = null;
  let doneTimer = null;

  function requested(p) {
    const retake = photo && photo.photoId === p.photoId;
    photo = p;
    view = 'ready';
    problem = retake ? t('photo.another') : null;
    onShow();
    render();
  }

  function updated(p) {
    if (!photo || p.photoId !== photo.photoId) return;
    photo = p;
    if (p.status === 'CANCELLED') { close(); return; }
    render();
    if (p.status === 'APPROVED') doneTimer = setTimeout(close, 10_000);
  }

  async function take() {
    view = 'counting';
    for (let n = COUNTDOWN_FROM; n >= 1; n -= 1) {
      render(n);
      // eslint-disable-next-line no-await-in-loop
      await new Promise((resolve) => { setTimeout(resolve, 1000); });
      if (!photo) return;
    }
    view = 'sending';
    render();
    try {
      const jpeg = await still();
      const response = await fetch(`/devices/photos/${encodeURIComponent(photo.photoId)}`, { method: 'POST', body: jpeg,
        headers: { 'Content-Type': 'image/jpeg' } });
      if (!response.ok) throw new Error((await response.json()).error || t('photo.notSent'));
      view = 'sent';
    } catch (e) {
      view = 'ready';
      problem = t('photo.tryAgain', { problem: e.message });
    }
    render();
  }

  /** A JPEG of the camera's best still: ImageCapture.takePhoto where available, else the full video frame. */
  async function still() {
    const stream = getStream();
    const track = stream && stream.getVideoTracks()[0];
    if (!track) throw new Error(t('photo.cameraNotWorking'));
    let source = null;
    if (typeof ImageCapture !== 'undefined') {
      try { source = await createImageBitmap(await new ImageCapture(track).takePhoto()); } catch { source = null; }
    }
    if (!source) source = area.querySelector('#photo-preview');
    const width = source.videoWidth || source.width;
    const height = source.videoHeight || source.height;
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    canvas.getContext('2d').drawImage(source, 0, 0, width, height);
    return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error(t('photo.notTaken')))), 'image/jpeg', 0.92));
  }

  function screen(count) {
    if (photo.status === 'APPROVED') {
      return [el('div', { class: 'govuk-panel govuk-panel--confirmation' },
        el('h1', { class: 'govuk-panel__title', tabindex: '-1', text: t('photo.approved') }),
        el('div', { class: 'govuk-panel__body', text: t('photo.badgeNumber', { number: photo.idNumber }) })),
      el('div', { class: 'kiosk-stack' }, button('photo-done', t('photo.done'), close))];
    }
    if (view === 'sent' || photo.status === 'CAPTURED') {
      return [el('h1', { class: 'govuk-heading-xl', tabindex: '-1', text: t('photo.taken') }),
        el('p', { class: 'govuk-body-l', text: t('photo.checking') })];
    }
    if (view === 'sending') {
      return [el('div', { class: 'kiosk-spinner', 'aria-hidden': 'true' }),
        el('h1', { class: 'govuk-heading-xl', tabindex: '-1', text: t('photo.sending') })];
    }
    const preview = el('video', { id: 'photo-preview', autoplay: true, playsinline: true, muted: true, 'aria-label': t('photo.previewLabel') });
    preview.srcObject = getStream();
    preview.muted = true;
    const guide = el('div', { id: 'photo-guide', class: 'kiosk-photo-guide', 'aria-hidden': 'true' });
    const frame = el('div', { class: 'kiosk-photo-frame' }, preview, guide,
      view === 'counting' ? el('p', { class: 'kiosk-photo-count', id: 'photo-countdown', 'aria-live': 'assertive', text: String(count) }) : null);
    // The frame takes the camera's own shape, so the guide covers exactly what the server will crop.
    const fit = () => { if (preview.videoWidth) frame.style.aspectRatio = `${preview.videoWidth} / ${preview.videoHeight}`; };
    preview.addEventListener('loadedmetadata', fit);
    return [
      el('span', { class: 'govuk-caption-l', text: t('photo.caption') }),
      problem ? el('div', { class: 'govuk-inset-text', role: 'alert', text: problem }) : null,
      el('h1', { class: 'govuk-heading-xl', tabindex: '-1', text: view === 'counting' ? t('photo.keepStill') : t('photo.look') }),
      frame,
      el('p', { class: 'govuk-body-l', text: t('photo.frameHint') }),
      view === 'counting' ? null : el('div', { class: 'kiosk-stack' }, button('photo-take', t('photo.take'), take)),
    ];
  }

  function render(count) {
    area.replaceChildren(el('div', {}, screen(count)));
    if (view !== 'counting') {
      const focus = area.querySelector('[role=alert]') || area.querySelector('h1');
      if (focus) focus.focus();
    }
  }

  function close() {
    clearTimeout(doneTimer);
    photo = null;
    view = 'ready';
    problem = null;
    area.replaceChildren();
    onHide();
  }

  // A change of language redraws the page, but never in the middle of a countdown.
  return { requested, updated, redraw: () => { if (photo && view !== 'counting') render(); }, wipe: close };
}

// ---- on the call screen, taken from the call's own camera stream ----

const $ = (id) => document.getElementById(id);
const photos = createPhotoController({
  area: $('photo-area'),
  getStream: () => call.localStream,
  onShow: () => {
    $('screen-call').classList.add('kiosk-call--form');
    ['form-area', 'payment-area', 'scan-area', 'keyboard'].forEach((id) => { $(id).hidden = true; });
    $('photo-area').hidden = false;
  },
  onHide: () => {
    $('photo-area').hidden = true;
    $('screen-call').classList.remove('kiosk-call--form');
  },
});
on(MessageType.PHOTO_REQUESTED, photos.requested);
onLanguageChange(photos.redraw);
on(MessageType.PHOTO_UPDATED, photos.updated);
onWipe(photos.wipe);
