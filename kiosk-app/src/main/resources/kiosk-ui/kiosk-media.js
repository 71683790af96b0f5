// The resident's camera and microphone for a call. A kiosk whose camera has failed must still reach the advisor, so
// this asks for the most it can get and settles for less: camera and microphone, then microphone only, then camera
// only, then nothing (the call carries on with the advisor's picture and typed messages).

const ATTEMPTS = [
  { video: true, audio: true },
  { audio: true },
  { video: true },
];

export async function openKioskMedia() {
  for (const constraints of ATTEMPTS) {
    try {
      const stream = await navigator.mediaDevices.getUserMedia(constraints);
      return describe(stream);
    } catch { /* try with less */ }
  }
  return { stream: null, camera: false, microphone: false };
}

function describe(stream) {
  const live = (kind) => stream.getTracks().some((t) => t.kind === kind && t.readyState === 'live');
  return { stream, camera: live('video'), microphone: live('audio') };
}

// What the resident is told about their own side, in plain words: the key of the words in lang/*.json.
export function ownMediaWords({ camera, microphone }) {
  if (camera && microphone) return null;
  if (microphone) return 'media.ownNoCamera';
  if (camera) return 'media.ownNoMicrophone';
  return 'media.ownNeither';
}

// What the resident is told about the advisor's side (a key, as above).
export function advisorMediaWords({ camera, microphone }) {
  if (camera && microphone) return null;
  if (microphone) return 'media.advisorNoCamera';
  if (camera) return 'media.advisorNoMicrophone';
  return 'media.advisorNeither';
}
