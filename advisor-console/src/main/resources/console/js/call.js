// The advisor's side of the WebRTC call. The console makes the offer; the kiosk answers; the server
// only relays rtc.signal messages.

export function createCall({ callId, iceServers, send, onProblem }) {
  const pc = new RTCPeerConnection({ iceServers: iceServers || [] });
  const remote = new MediaStream();
  const remoteVideo = document.getElementById('remote-video');
  const localVideo = document.getElementById('local-video');
  let localStream = null;
  let pending = [];
  remoteVideo.srcObject = remote;

  pc.addEventListener('track', (e) => remote.addTrack(e.track));
  pc.addEventListener('icecandidate', (e) => {
    if (e.candidate && e.candidate.candidate) {
      send('rtc.signal', { callId, candidate: { candidate: e.candidate.candidate, sdpMid: e.candidate.sdpMid,
        sdpMLineIndex: e.candidate.sdpMLineIndex, usernameFragment: e.candidate.usernameFragment } });
    }
  });

  async function start() {
    try {
      localStream = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
      localVideo.srcObject = localStream;
      localStream.getTracks().forEach((t) => pc.addTrack(t, localStream));
    } catch (err) {
      onProblem('Your camera or microphone could not be started. You can still see and hear the resident.');
      pc.addTransceiver('video', { direction: 'recvonly' });
      pc.addTransceiver('audio', { direction: 'recvonly' });
    }
    preferVp8Vp9(pc);
    const offer = await pc.createOffer();
    await pc.setLocalDescription(offer);
    send('rtc.signal', { callId, description: { type: offer.type, sdp: offer.sdp } });
  }

  async function signal(p) {
    try {
      if (p.description) {
        await pc.setRemoteDescription(p.description);
        for (const c of pending.splice(0)) await pc.addIceCandidate(c);
      } else if (p.candidate) {
        if (pc.remoteDescription) await pc.addIceCandidate(p.candidate);
        else pending.push(p.candidate);
      }
    } catch (err) {
      onProblem('The video connection had a problem. If you cannot see the resident, end the call and ask them to try again.');
    }
  }

  function close() {
    pc.close();
    if (localStream) localStream.getTracks().forEach((t) => t.stop());
    remote.getTracks().forEach((t) => t.stop());
    remoteVideo.srcObject = null;
    localVideo.srcObject = null;
  }

  start();
  return { callId, signal, close };
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
