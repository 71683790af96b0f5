package uk.gov.council.cap.kiosk.shell;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Run by {@link KioskShellTest} in its own process (JCEF wants the main thread of a JVM with a
 * display): opens the real shell on the kiosk UI, with the camera and microphone {@code
 * CAP_KIOSK_FAKE_MEDIA} names, then does what the test writes on its standard input, one command a
 * line, answering on standard output:
 *
 * <ul>
 *   <li>{@code media {"video":true,"audio":true}}: getUserMedia with those constraints in the kiosk
 *       page, as the page does for a call; answers {@code MEDIA {...}} with the tracks, frames seen
 *       on the video track and the loudest sample on the audio track, or the error's name.
 *   <li>{@code crash}, {@code hang}: crashes or hangs the page's renderer; answers {@code DONE
 *       crash} or {@code DONE hang}.
 * </ul>
 *
 * Arguments: the kiosk UI's URL, the browser profile folder, and how many seconds without an answer
 * make a hang.
 */
public final class ShellProbe {
  static final String MEDIA_SCRIPT =
      """
            (async () => {
              const out = {};
              try {
                const stream = await navigator.mediaDevices.getUserMedia(%s);
                out.ok = true;
                out.tracks = stream.getTracks().map(t => ({ kind: t.kind, state: t.readyState, muted: t.muted, label: t.label }));
                const video = stream.getVideoTracks()[0];
                if (video) {
                  const el = document.createElement('video');
                  el.muted = true;
                  el.srcObject = new MediaStream([video]);
                  await el.play();
                  out.videoFrames = await new Promise((done) => {
                    let frames = 0;
                    const give = setTimeout(() => done(frames), 10000);
                    const onFrame = () => { frames++; if (frames >= 5) { clearTimeout(give); done(frames); } else el.requestVideoFrameCallback(onFrame); };
                    el.requestVideoFrameCallback(onFrame);
                  });
                  out.videoSize = el.videoWidth + 'x' + el.videoHeight;
                  el.srcObject = null;
                }
                const audio = stream.getAudioTracks()[0];
                if (audio) {
                  const ctx = new AudioContext();
                  await ctx.resume();
                  const analyser = ctx.createAnalyser();
                  ctx.createMediaStreamSource(new MediaStream([audio])).connect(analyser);
                  const samples = new Float32Array(analyser.fftSize);
                  let peak = 0;
                  const until = performance.now() + 10000;
                  while (peak < 0.01 && performance.now() < until) {
                    await new Promise((r) => setTimeout(r, 20));
                    analyser.getFloatTimeDomainData(samples);
                    for (const s of samples) peak = Math.max(peak, Math.abs(s));
                  }
                  out.audioPeak = peak;
                  await ctx.close();
                }
                stream.getTracks().forEach((t) => t.stop());
              } catch (e) {
                out.ok = false;
                out.error = e.name;
                out.message = e.message;
              }
              document.title = 'MEDIA%d=' + JSON.stringify(out);
            })();
            """;

  private ShellProbe() {}

  public static void main(String[] args) {
    try {
      probe(args);
    } catch (Throwable e) {
      e.printStackTrace(System.out);
    } finally {
      System.out.flush();
      // JCEF's threads would keep the JVM alive; the test only needs the output.
      Runtime.getRuntime().halt(0);
    }
  }

  private static void probe(String[] args) throws Exception {
    BlockingQueue<String> titles = new LinkedBlockingQueue<>();
    KioskShell shell =
        KioskShell.open(
            args[0],
            Path.of(args[1]),
            FakeMedia.parse(System.getenv("CAP_KIOSK_FAKE_MEDIA")),
            Duration.ofSeconds(Long.parseLong(args[2])));
    shell.watchTitle(titles::add);
    answer("OPENED");
    BufferedReader commands =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    int asked = 0;
    for (String command = commands.readLine(); command != null; command = commands.readLine()) {
      if (command.startsWith("media ")) {
        // Numbered, as the page only reports a title that differs from the last one.
        asked++;
        titles.clear();
        shell.run(MEDIA_SCRIPT.formatted(command.substring("media ".length()), asked));
        answer("MEDIA " + awaitTitle(titles, "MEDIA" + asked + "=", Duration.ofSeconds(60)));
      } else if (command.equals("crash")) {
        shell.crashRendererForTest();
        answer("DONE crash");
      } else if (command.equals("hang")) {
        shell.hangRendererForTest();
        answer("DONE hang");
      } else {
        answer("UNKNOWN " + command);
      }
    }
  }

  private static void answer(String line) {
    System.out.println(line);
    System.out.flush();
  }

  private static String awaitTitle(BlockingQueue<String> titles, String prefix, Duration within)
      throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    for (long left = within.toNanos(); left > 0; left = deadline - System.nanoTime()) {
      String title = titles.poll(left, TimeUnit.NANOSECONDS);
      if (title != null && title.startsWith(prefix)) {
        return title.substring(prefix.length());
      }
    }
    return "{\"ok\":false,\"error\":\"the page never answered\"}";
  }
}
