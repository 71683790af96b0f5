package uk.gov.council.cap.kiosk.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.newsclub.net.unix.AFUNIXDatagramChannel;
import org.newsclub.net.unix.AFUNIXDatagramSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * The notify socket here is a real Unix datagram socket, as systemd makes for a Type=notify unit:
 * the kiosk says READY=1 once, then pings WATCHDOG=1 only while its threads answer.
 */
class SystemdNotifierTest {

  @Test
  void tellsSystemdItIsReadyAndPingsTheWatchdogOnlyWhileHealthy() throws Exception {
    Path socketFile = Files.createTempDirectory("notify").resolve("notify.sock");
    try (AFUNIXDatagramSocket systemd = AFUNIXDatagramSocket.newInstance()) {
      systemd.bind(AFUNIXSocketAddress.of(socketFile));
      systemd.setSoTimeout(3000);
      AtomicBoolean healthy = new AtomicBoolean(true);
      // Each time the watchdog asks while the kiosk is stuck, the test hears of it: it counts the
      // watchdog's looks
      // instead of sleeping through some of them.
      Semaphore stuckAnswers = new Semaphore(0);
      BooleanSupplier kioskAnswers =
          () -> {
            if (healthy.get()) {
              return true;
            }
            stuckAnswers.release();
            return false;
          };
      try (SystemdNotifier notifier =
          SystemdNotifier.fromEnvironment(
              Map.of("NOTIFY_SOCKET", socketFile.toString(), "WATCHDOG_USEC", "400000"))) {
        assertThat(notifier.active()).isTrue();
        notifier.ready();
        assertThat(receive(systemd)).startsWith("READY=1");
        notifier.startWatchdog(kioskAnswers);
        assertThat(receive(systemd)).isEqualTo("WATCHDOG=1");
        assertThat(receive(systemd)).isEqualTo("WATCHDOG=1");

        healthy.set(false);
        // The watchdog asks on one thread and a datagram to a local socket is queued as it is sent:
        // once it has
        // asked while stuck, every ping from before is already here to drain. Of two looks counted
        // after the
        // drain, the first has finished (pinging or not) when the second begins, so its ping would
        // be here; none is.
        awaitLooks(stuckAnswers, 1);
        drain(systemd);
        stuckAnswers.drainPermits();
        awaitLooks(stuckAnswers, 2);
        assertThat(queued(systemd))
            .as("no watchdog ping while kiosk-app is stuck, so systemd restarts it")
            .isEmpty();
      }
    }
  }

  private static void awaitLooks(Semaphore looks, int count) throws InterruptedException {
    assertThat(looks.tryAcquire(count, 10, TimeUnit.SECONDS))
        .as("the watchdog looked " + count + " more time(s)")
        .isTrue();
  }

  @Test
  void outsideSystemdItDoesNothing() {
    SystemdNotifier notifier = SystemdNotifier.fromEnvironment(Map.of());
    assertThat(notifier.active()).isFalse();
    notifier.ready();
    notifier.close();
  }

  private static String receive(AFUNIXDatagramSocket socket) throws Exception {
    ByteBuffer buffer = ByteBuffer.allocate(512);
    java.net.DatagramPacket p = new java.net.DatagramPacket(new byte[512], 512);
    socket.receive(p);
    return new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
  }

  /** Empties the socket of what is already queued there. */
  private static void drain(AFUNIXDatagramSocket socket) throws Exception {
    queued(socket);
  }

  /** What is already queued on the socket, read without blocking. */
  private static java.util.List<String> queued(AFUNIXDatagramSocket socket) throws Exception {
    java.util.List<String> out = new java.util.ArrayList<>();
    AFUNIXDatagramChannel channel = socket.getChannel();
    channel.configureBlocking(false);
    try {
      ByteBuffer buffer = ByteBuffer.allocate(512);
      while (true) {
        // The notifier sends from an unnamed socket, so receive() answers no address even when it
        // read a
        // datagram: what was read is in the buffer, and an empty buffer means nothing was queued.
        buffer.clear();
        channel.receive(buffer);
        if (buffer.position() == 0) {
          return out;
        }
        buffer.flip();
        out.add(StandardCharsets.UTF_8.decode(buffer).toString());
      }
    } finally {
      channel.configureBlocking(true);
    }
  }
}
