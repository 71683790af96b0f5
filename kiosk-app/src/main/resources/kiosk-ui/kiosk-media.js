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

// What the resident is told about their own side, in plain words.
export function ownMediaWords({ camera, microphone }) {
  if (camera && microphone) return null;
  if (microphone) return 'Your camera is not working. The advisor can hear you but cannot see you.';
  if (camera) return 'Your microphone is not working. The advisor can see you but cannot hear you. You can write to them below.';
  return 'Your camera and microphone are not working. The advisor cannot see or hear you. You can write to them below.';
}

// What the resident is told about the advisor's side.
export function advisorMediaWords({ camera, microphone }) {
  if (camera && microphone) return null;
  if (microphone) return "The advisor's camera is off. You can still hear them.";
  if (camera) return "The advisor's microphone is not working. They will write to you below.";
  return "The advisor's camera and microphone are not working. They will write to you below.";
}
