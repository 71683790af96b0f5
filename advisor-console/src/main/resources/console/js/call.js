// The advisor's side of the WebRTC call. The console makes the offer; the kiosk answers; the server
// only relays rtc.signal messages. The call outlives any one peer connection: when the kiosk's side
// comes back after a reload or a restart, restart() makes a new one on the same call; when the network
// path fails, an ICE restart is tried before anything is given up.
import { MessageType, iceCandidateBuffer, relayLocalCandidates } from '/protocol/cap-protocol.js';

const DISCONNECTED_GRACE_MS = 4000;

export function createCall({ callId, iceServers, send, onProblem }) {
  const remoteVideo = document.getElementById('remote-video');
  const localVideo = document.getElementById('local-video');
  let localStream = null;
  let media = null;
  let pc = null;
  let remote = null;
  let candidates = null;
  let disconnectedTimer = null;

  async function openMedia() {
    if (media) return media;
    const attempts = [{ video: true, audio: true }, { audio: true }, { video: true }];
    for (const constraints of attempts) {
      try {
        localStream = await navigator.mediaDevices.getUserMedia(constraints);
        break;
      } catch { /* try with less */ }
    }
    const live = (kind) => Boolean(localStream) && localStream.getTracks().some((t) => t.kind === kind);
    media = { camera: live('video'), microphone: live('audio') };
    if (!media.camera || !media.microphone) {
      onProblem(!media.camera && !media.microphone
        ? 'Your camera and microphone could not be started. The resident cannot see or hear you: write to them under Messages.'
        : !media.camera ? 'Your camera could not be started. The resident can hear you but not see you.'
          : 'Your microphone could not be started. The resident can see you but not hear you: write to them under Messages.');
    }
    if (localStream) localVideo.srcObject = localStream;
    return media;
  }

  async function start(servers) {
    const mine = new RTCPeerConnection({ iceServers: servers || [] });
    pc = mine;
    candidates = iceCandidateBuffer(mine);
    remote = new MediaStream();
    remoteVideo.srcObject = remote;
    mine.addEventListener('track', (e) => remote.addTrack(e.track));
    relayLocalCandidates(mine, send, () => callId);
    mine.addEventListener('iceconnectionstatechange', () => watchIce(mine));
    const m = await openMedia();
    if (pc !== mine) return;
    if (localStream) localStream.getTracks().forEach((t) => mine.addTrack(t, localStream));
    if (!m.camera) mine.addTransceiver('video', { direction: 'recvonly' });
    if (!m.microphone) mine.addTransceiver('audio', { direction: 'recvonly' });
    send(MessageType.CALL_MEDIA, { callId, camera: m.camera, microphone: m.microphone });
    preferVp8Vp9(mine);
    await offer(mine, false);
  }

  async function offer(target, iceRestart) {
    const description = await target.createOffer(iceRestart ? { iceRestart: true } : undefined);
    if (pc !== target) return;
    await target.setLocalDescription(description);
    send(MessageType.RTC_SIGNAL, { callId, description: { type: description.type, sdp: description.sdp } });
  }

  // A path that failed (a network change, a NAT rebinding) gets fresh candidates before the call is given up.
  function watchIce(target) {
    if (pc !== target) return;
    const state = target.iceConnectionState;
    clearTimeout(disconnectedTimer);
    if (state === 'failed') {
      offer(target, true).catch(() => {});
    } else if (state === 'disconnected') {
      disconnectedTimer = setTimeout(() => {
        if (pc === target && target.iceConnectionState === 'disconnected') offer(target, true).catch(() => {});
      }, DISCONNECTED_GRACE_MS);
    }
  }

  async function signal(p) {
    const target = pc;
    const held = candidates;
    if (!target) return;
    try {
      if (p.description) {
        await target.setRemoteDescription(p.description);
        await held.flush();
      } else if (p.candidate) {
        await held.add(p.candidate);
      }
    } catch (err) {
      onProblem('The video connection had a problem. If you cannot see the resident, end the call and ask them to try again.');
    }
  }

  function dropConnection() {
    clearTimeout(disconnectedTimer);
    if (pc) pc.close();
    pc = null;
    if (remote) remote.getTracks().forEach((t) => t.stop());
    remoteVideo.srcObject = null;
  }

  // The kiosk's side came back: a new peer connection on the same call, with the same camera.
  function restart(servers) {
    dropConnection();
    start(servers);
  }

  function close() {
    dropConnection();
    if (localStream) localStream.getTracks().forEach((t) => t.stop());
    localVideo.srcObject = null;
  }

  start(iceServers);
  return { callId, signal, restart, close };
}

// The kiosk's embedded Chromium has no H.264: offer VP8 and VP9 first.
function preferVp8Vp9(pc) {
  if (!window.RTCRtpReceiver || !RTCRtpReceiver.getCapabilities) return;
  const codecs = RTCRtpReceiver.getCapabilities('video').codecs;
  const preferred = [...codecs.filter((c) => /VP8|VP9/i.test(c.mimeType)), ...codecs.filter((c) => !/VP8|VP9/i.test(c.mimeType))];
  pc.getTransceivers().forEach((t) => {
    const kind = (t.sender.track && t.sender.track.kind) || (t.receiver.track && t.receiver.track.kind);
    if (kind === 'video' && t.setCodecPreferences) {
      try { t.setCodecPreferences(preferred); } catch { /* keep the browser's order */ }
    }
  });
}
