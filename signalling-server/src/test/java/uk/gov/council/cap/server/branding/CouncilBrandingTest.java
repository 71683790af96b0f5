package uk.gov.council.cap.server.branding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.gov.council.cap.server.ServerConfig;

class CouncilBrandingTest {

  @Test
  void aReadableColourAndANameGoToTheKiosk() {
    CouncilBranding b =
        new CouncilBranding(" Demo Council ", Optional.empty(), Optional.of("#0B4F6C"));
    assertThat(b.forKiosk())
        .isEqualTo(Map.of("councilName", "Demo Council", "councilColour", "#0b4f6c"));
    assertThat(CouncilBranding.NONE.forKiosk()).isEmpty();
  }

  @Test
  void contrastWithWhiteIsWorkedOutAsWcagDoes() {
    assertThat(CouncilBranding.contrastWithWhite("#000000")).isCloseTo(21.0, within());
    assertThat(CouncilBranding.contrastWithWhite("#ffffff")).isCloseTo(1.0, within());
    // GOV.UK blue: 5.2:1.
    assertThat(CouncilBranding.contrastWithWhite("#1d70b8")).isCloseTo(5.17, within());
    // The demo's colour is comfortably readable.
    assertThat(CouncilBranding.contrastWithWhite("#0b4f6c")).isGreaterThan(7.0);
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(0.05);
  }

  @Test
  void aColourWhiteCannotBeReadOnIsRefusedAtStartSayingWhy() {
    assertThatThrownBy(
            () ->
                ServerConfig.fromEnvironment(
                    Map.of("CAP_COUNCIL_NAME", "Yellow Council", "CAP_COUNCIL_COLOUR", "#ffdd00")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CAP_COUNCIL_COLOUR #ffdd00 is too light")
        .hasMessageContaining("4.5:1");
    assertThatThrownBy(
            () -> ServerConfig.fromEnvironment(Map.of("CAP_COUNCIL_COLOUR", "council blue")))
        .hasMessageContaining("#1d70b8");
  }

  @Test
  void theLogoMustBeASmallPngOrJpegThatExists(@TempDir Path dir) throws Exception {
    Path png = Files.write(dir.resolve("logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    CouncilBranding b = new CouncilBranding("", Optional.of(png), Optional.empty());
    assertThat(b.forKiosk()).containsEntry("councilLogo", true);
    assertThat(b.logoType()).isEqualTo("image/png");
    assertThatThrownBy(
            () -> new CouncilBranding("", Optional.of(dir.resolve("gone.png")), Optional.empty()))
        .hasMessageContaining("not a readable file");
    Path svg = Files.writeString(dir.resolve("logo.svg"), "<svg/>");
    assertThatThrownBy(() -> new CouncilBranding("", Optional.of(svg), Optional.empty()))
        .hasMessageContaining("PNG or JPEG");
    Path big = Files.write(dir.resolve("big.jpg"), new byte[600 * 1024]);
    assertThatThrownBy(() -> new CouncilBranding("", Optional.of(big), Optional.empty()))
        .hasMessageContaining("larger than 512 KB");
  }
}
