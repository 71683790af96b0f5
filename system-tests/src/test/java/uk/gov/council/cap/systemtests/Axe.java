package uk.gov.council.cap.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Page;
import java.util.List;
import java.util.stream.Collectors;

/** axe-core in the page, for WCAG 2.2 A and AA. */
final class Axe {
  private static final List<String> TAGS =
      List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

  private Axe() {}

  static void assertNoViolations(Page page, String screen) {
    AxeResults results = new AxeBuilder(page).withTags(TAGS).analyze();
    String report =
        results.getViolations().stream()
            .map(
                v ->
                    v.getId()
                        + " ("
                        + v.getImpact()
                        + "): "
                        + v.getHelp()
                        + " at "
                        + v.getNodes().stream()
                            .map(n -> String.valueOf(n.getTarget()))
                            .collect(Collectors.joining(", ")))
            .collect(Collectors.joining("\n"));
    assertThat(results.getViolations())
        .as("axe violations on " + screen + ":\n" + report)
        .isEmpty();
  }

  static List<Rule> violations(Page page) {
    return new AxeBuilder(page).withTags(TAGS).analyze().getViolations();
  }
}
