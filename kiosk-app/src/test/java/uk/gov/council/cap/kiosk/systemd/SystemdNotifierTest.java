package uk.gov.council.cap.kiosk.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.newsclub.net.unix.AFUNIXDatagramSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * The notify socket here is a real Unix datagram socket, as systemd makes for a Type=notify unit: the kiosk says
 * READY=1 once, then pings WATCHDOG=1 only while its threads answer.
 */
class SystemdNotifierTest {

  @Test
  void tellsSystemdItIsReadyAndPingsTheWatchdogOnlyWhileHealthy() throws Exception {
    Path socketFile = Files.createTempDirectory("notify").resolve("notify.sock");
    try (AFUNIXDatagramSocket systemd = AFUNIXDatagramSocket.newInstance()) {
      systemd.bind(AFUNIXSocketAddress.of(socketFile));
      systemd.setSoTimeout(3000);
      AtomicBoolean healthy = new AtomicBoolean(true);
      try (SystemdNotifier notifier = SystemdNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", socketFile.toString(),
          "WATCHDOG_USEC", "400000"))) {
        assertThat(notifier.active()).isTrue();
        notifier.ready();
        assertThat(receive(systemd)).startsWith("READY=1");
        notifier.startWatchdog(healthy::get);
        assertThat(receive(systemd)).isEqualTo("WATCHDOG=1");
        assertThat(receive(systemd)).isEqualTo("WATCHDOG=1");

        healthy.set(false);
        Thread.sleep(300);
        drain(systemd);
        systemd.setSoTimeout(1000);
        boolean pinged;
        try {
          receive(systemd);
          pinged = true;
        } catch (SocketTimeoutException e) {
          pinged = false;
        }
        assertThat(pinged).as("no watchdog ping while kiosk-app is stuck, so systemd restarts it").isFalse();
      }
    }
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

  private static void drain(AFUNIXDatagramSocket socket) throws Exception {
    socket.setSoTimeout(50);
    try {
      while (true) {
        receive(socket);
      }
    } catch (SocketTimeoutException e) {
      // empty now
    }
  }
}
