package uk.gov.council.cap.kiosk.devices;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A resident's scanned pages wait in the work folder until the server has them: nobody else on the
 * kiosk may read them.
 */
class CaptureSpoolTest {
  @TempDir Path temp;

  @Test
  void pagesAreHeldOwnerOnlyAndAWorldReadableFolderFromAnEarlierVersionIsNarrowed()
      throws Exception {
    Path work = temp.resolve("kiosk-work");
    Files.createDirectories(work.resolve("pending"));
    Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(
        work.resolve("pending"), PosixFilePermissions.fromString("rwxr-xr-x"));

    CaptureSpool spool = new CaptureSpool(work);
    Path page = spool.hold("scan-1/page 1", new byte[] {1, 2, 3});

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(work)))
        .isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(spool.folder())))
        .isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(page)))
        .isEqualTo("rw-------");
    assertThat(Files.readAllBytes(page)).containsExactly(1, 2, 3);
    assertThat(page.getParent()).isEqualTo(spool.folder());

    assertThat(spool.wipe()).isEqualTo(1);
    assertThat(Files.list(spool.folder())).isEmpty();
  }
}
