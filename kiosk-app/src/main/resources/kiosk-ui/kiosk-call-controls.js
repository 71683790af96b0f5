// The resident's own controls in a call (issue 16, privacy): the "Camera on" sign, Mute microphone, Turn camera
// off/on, and End call that asks first. Muting and turning the camera off stop sending (the tracks are disabled,
// not stopped, so turning them back on needs no new permission) and the advisor is told with call.media, marked as
// the resident's own choice so the console does not call it a fault.
import { MessageType, call, send } from './kiosk-bridge.js';
import { t } from './i18n.js';

const $ = (id) => document.getElementById(id);

export function createCallControls({ onEnd }) {
  const state = { media: null, muted: false, cameraOff: false };

  function tracks(kind) {
    return call.localStream ? call.localStream.getTracks().filter((tr) => tr.kind === kind) : [];
  }

  function paint() {
    const media = state.media || { camera: false, microphone: false };
    const cameraShowing = media.camera && !state.cameraOff;
    $('camera-sign').classList.toggle('kiosk-sign--camera-off', !cameraShowing);
    $('camera-sign-text').textContent = t(cameraShowing ? 'call.cameraOn' : 'call.cameraIsOff');
    $('mic-sign').hidden = !(media.microphone && state.muted);
    $('mute').hidden = !media.microphone;
    $('mute').setAttribute('aria-pressed', String(state.muted));
    $('mute').textContent = t(state.muted ? 'call.unmute' : 'call.mute');
    $('camera-toggle').hidden = !media.camera;
    $('camera-toggle').textContent = t(state.cameraOff ? 'call.cameraOnAgain' : 'call.cameraOff');
    $('local-video').hidden = !cameraShowing;
    $('local-off').hidden = !state.media || cameraShowing;
  }

  function tell() {
    if (!state.media || !call.id) return;
    send(MessageType.CALL_MEDIA, {
      callId: call.id,
      camera: state.media.camera && !state.cameraOff,
      microphone: state.media.microphone && !state.muted,
      cameraOff: state.cameraOff,
      muted: state.muted,
    });
  }

  function apply() {
    tracks('audio').forEach((tr) => { tr.enabled = !state.muted; });
    tracks('video').forEach((tr) => { tr.enabled = !state.cameraOff; });
    paint();
  }

  function askToEnd() {
    $('call-actions').hidden = true;
    $('end-confirm').hidden = false;
    $('end-confirm-question').focus();
    $('end-confirm').scrollIntoView({ block: 'nearest' });
  }

  function closeQuestion() {
    $('end-confirm').hidden = true;
    $('call-actions').hidden = false;
  }

  $('mute').addEventListener('click', () => { state.muted = !state.muted; apply(); tell(); });
  $('camera-toggle').addEventListener('click', () => { state.cameraOff = !state.cameraOff; apply(); tell(); });
  $('end-call').addEventListener('click', askToEnd);
  $('end-no').addEventListener('click', () => { closeQuestion(); $('end-call').focus(); });
  $('end-yes').addEventListener('click', () => { closeQuestion(); onEnd(); });

  return {
    /** The camera and microphone opened for this call: the resident's earlier choices apply to them too. */
    opened(media) {
      state.media = media;
      apply();
      tell();
    },
    /** The next call starts with camera and microphone on and no question open. */
    reset() {
      state.media = null;
      state.muted = false;
      state.cameraOff = false;
      closeQuestion();
      paint();
    },
  };
}
