package uk.gov.council.cap.systemtests;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static uk.gov.council.cap.systemtests.Pages.button;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.APIRequestContext;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.BoundingBox;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.documents.PdfAConformance;

/**
 * The forms capability as people use it: in a call, the advisor sends the Blue Badge form; the
 * resident answers one question per page on the kiosk (some with the on-screen keyboard), fixes a
 * mistake, gets help from the advisor, checks their answers and signs with a finger; the case then
 * holds the sealed PDF/A.
 */
class FormEndToEndTest extends BrowserTest {
  private static RunningSystem system;

  @BeforeAll
  static void start() {
    system = new RunningSystem(true);
  }

  @AfterAll
  static void stop() {
    system.close();
  }

  @Test
  void theAdvisorPushesABlueBadgeFormTheResidentCompletesAndSignsItAndTheCaseHoldsTheSealedPdf()
      throws Exception {
    try (BrowserContext consoleWindow = chromium.newWindow();
        BrowserContext kioskWindow = chromium.newWindow()) {
      Page console = consoleWindow.newPage();
      Page kiosk = kioskWindow.newPage();
      Pages.startCall(console, kiosk, system);
      assertThat(button(kiosk, "End call")).isVisible();

      // The advisor finds the form by name and sends it.
      console.getByLabel("Find a form").fill("blue badge");
      button(console, "Search forms").click();
      buttonNamed(console, "Send to kiosk.*Apply for a Blue Badge").click();

      assertThat(heading(kiosk, "What is your full name?")).isVisible();
      assertThat(button(kiosk, "End call")).isInViewport();
      Axe.assertNoViolations(kiosk, "kiosk form question");
      Pages.assertTouchTargetsAreAtLeast44px(kiosk);
      // The on-screen keyboard types into the field; capitals come first for a name.
      for (String key : new String[] {"M", "a", "r", "g"}) button(kiosk, key).click();
      assertThat(kiosk.getByLabel("What is your full name?")).hasValue("Marg");
      kiosk.getByLabel("What is your full name?").fill("Margaret O'Neill");
      // The advisor sees it as it is typed, and who typed it.
      assertThat(console.locator("#af-fullName")).hasValue("Margaret O'Neill");
      assertThat(console.locator("#by-fullName")).hasText("Typed by the resident");
      Axe.assertNoViolations(console, "console with a live form");
      button(kiosk, "Continue").click();

      assertThat(heading(kiosk, "What is your date of birth?")).isVisible();
      // A date gets the number pad, not letters.
      assertThat(button(kiosk, "7")).isVisible();
      assertThat(button(kiosk, "q")).hasCount(0);
      kiosk.getByLabel("Day").fill("4");
      kiosk.getByLabel("Month").fill("3");
      kiosk.getByLabel("Year").fill("1941");
      button(kiosk, "Continue").click();

      assertThat(heading(kiosk, "What is your address?")).isVisible();
      kiosk.getByLabel("What is your address?").fill("12 Church Street\nAmpthill");
      button(kiosk, "Continue").click();
      kiosk.getByLabel("What is your postcode?").fill("MK45 2PL");
      button(kiosk, "Continue").click();

      // A mistake gets the GOV.UK error summary on the kiosk, and the same message on the console.
      kiosk.getByLabel("What is your National Insurance number?").fill("QQ 12");
      button(kiosk, "Continue").click();
      assertThat(kiosk.getByText("There is a problem")).isVisible();
      String niError =
          "Enter a National Insurance number in the correct format, like QQ 12 34 56 C";
      assertThat(kiosk.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(niError)))
          .isVisible();
      assertThat(console.locator("#err-nationalInsurance")).containsText(niError);
      Axe.assertNoViolations(kiosk, "kiosk form question with an error");
      kiosk.getByLabel("What is your National Insurance number?").fill("QQ 12 34 56 C");
      button(kiosk, "Continue").click();

      kiosk.getByLabel("I find walking very difficult").check();
      button(kiosk, "Continue").click();
      kiosk.getByLabel("Between 50 and 80 metres").check();
      button(kiosk, "Continue").click();
      kiosk
          .getByLabel("Tell us about your condition")
          .fill("<script>alert('x')</script> I can't walk far");
      button(kiosk, "Continue").click();

      // The advisor fills in the phone number for the resident; the kiosk shows it and says who
      // did.
      assertThat(heading(kiosk, "What is your phone number? (optional)")).isVisible();
      console.locator("#af-phone").fill("01632 960 001");
      console.locator("#af-phone").press("Tab");
      assertThat(kiosk.getByLabel("What is your phone number? (optional)"))
          .hasValue("01632 960 001");
      assertThat(kiosk.getByText("Your advisor filled in this answer.")).isVisible();
      button(kiosk, "Continue").click();
      button(kiosk, "Continue").click(); // no email

      assertThat(heading(kiosk, "Check your answers")).isVisible();
      assertThat(kiosk.locator(".govuk-summary-list"))
          .containsText("<script>alert('x')</script> I can't walk far");
      assertThat(kiosk.locator(".govuk-summary-list")).containsText("4 March 1941");
      Axe.assertNoViolations(kiosk, "kiosk check your answers");
      assertThat(console.locator("#form-progress"))
          .hasText("The resident is checking their answers");
      button(kiosk, "Continue to sign").click();

      assertThat(heading(kiosk, "Sign your form")).isVisible();
      button(kiosk, "Confirm and send").click();
      assertThat(
              kiosk.getByRole(
                  AriaRole.LINK,
                  new Page.GetByRoleOptions()
                      .setName("Sign your name in the box before you confirm")))
          .isVisible();
      Axe.assertNoViolations(kiosk, "kiosk signature with an error");
      signWithAFinger(kiosk);
      button(kiosk, "Confirm and send").click();

      assertThat(heading(kiosk, "Form sent")).isVisible();
      assertThat(console.getByAltText("The resident's signature on Apply for a Blue Badge"))
          .isVisible();
      Locator pdfLink = console.locator("#form-pdf-link");
      assertThat(pdfLink).isVisible();
      assertThat(console.getByText("Apply for a Blue Badge: signed and stored on the case."))
          .isVisible();

      // The case holds the sealed PDF: read it back, check the seal and PDF/A-2b.
      APIRequestContext api = consoleWindow.request();
      byte[] pdf = api.get(system.consoleUrl() + pdfLink.getAttribute("href")).body();
      try (PDDocument doc = Loader.loadPDF(pdf)) {
        String text = new PDFTextStripper().getText(doc);
        assertThat(text)
            .contains(
                "Apply for a Blue Badge",
                "Margaret O'Neill",
                "4 March 1941",
                "MK45 2PL",
                "QQ 12 34 56 C",
                "Between 50 and 80 metres",
                "<script>alert('x')</script> I can't walk far",
                "01632 960 001",
                "Name: Margaret O'Neill",
                "Form: blue-badge, version 1");
      }
      assertThat(PdfAConformance.failuresOf(pdf)).isEmpty();
      String documentId = pdfLink.getAttribute("href").split("/")[3];
      JsonNode seal =
          new ObjectMapper()
              .readTree(
                  api.get(system.consoleUrl() + "/api/documents/" + documentId + "/seal").text());
      assertThat(seal.path("intact").asBoolean()).isTrue();

      // The case page lists the document and its draft answers, shown as text.
      JsonNode cases =
          new ObjectMapper()
              .readTree(api.get(system.consoleUrl() + "/api/cases?recent=true").text());
      console.navigate(
          system.consoleUrl() + "/case.html?id=" + cases.path("cases").get(0).path("id").asText());
      assertThat(console.getByText("Signature evidence (strokes)")).isVisible();
      buttonNamed(console, "Check the seal.*Apply for a Blue Badge").click();
      assertThat(
              console.getByText(
                  java.util.regex.Pattern.compile("Seal intact \\(PAdES-BASELINE-B\\)")))
          .isVisible();
      assertThat(console.getByText("<script>alert('x')</script> I can't walk far")).isVisible();
      Axe.assertNoViolations(console, "case page with a form");
    }
  }

  /**
   * A resident reading Polish fills the library form in Polish, the advisor follows in English, and
   * the sealed record keeps both. Steps are found by the form's stable ids, since the kiosk's own
   * words ("Continue") follow the chosen language too.
   */
  @Test
  void aResidentFillsAFormInPolishTheAdvisorFollowsInEnglishAndTheRecordKeepsBoth()
      throws Exception {
    try (BrowserContext consoleWindow = chromium.newWindow();
        BrowserContext kioskWindow = chromium.newWindow()) {
      Page console = consoleWindow.newPage();
      Page kiosk = kioskWindow.newPage();
      // Without the Polish catalogue (it comes with the kiosk's words), the form's own Polish
      // still shows: a bare catalogue stands in for it.
      kiosk.route(
          "**/lang/pl.json",
          route -> {
            var real = route.fetch();
            if (real.ok())
              route.fulfill(new com.microsoft.playwright.Route.FulfillOptions().setResponse(real));
            else
              route.fulfill(
                  new com.microsoft.playwright.Route.FulfillOptions()
                      .setContentType("application/json")
                      .setBody("{\"_meta\": {\"name\": \"Polski\", \"dir\": \"ltr\"}}"));
          });
      Pages.startCall(console, kiosk, system);
      kiosk.evaluate("async () => (await import('/i18n.js')).setLanguage('pl')");
      assertThat(kiosk.locator("html")).hasAttribute("lang", "pl");

      button(console, "Search forms").click();
      buttonNamed(console, "Send to kiosk.*Join the library").click();

      assertThat(heading(kiosk, "Jakie jest Twoje imię i nazwisko?")).isVisible();
      assertThat(kiosk.locator(".govuk-caption-l")).containsText("Zapisz się do biblioteki");
      kiosk.locator("#form-answer").fill("Zdzisław Żółkiewski");
      assertThat(console.locator("#af-fullName")).hasValue("Zdzisław Żółkiewski");
      assertThat(console.locator("#live-form")).containsText("Full name");
      assertThat(console.locator("#form-progress")).containsText("(they see the form in Polish)");
      kiosk.locator("#form-continue").click();

      assertThat(heading(kiosk, "Jaka jest Twoja data urodzenia?")).isVisible();
      kiosk.locator("#form-answer-day").fill("4");
      kiosk.locator("#form-answer-month").fill("3");
      kiosk.locator("#form-answer-year").fill("1951");
      kiosk.locator("#form-continue").click();
      assertThat(heading(kiosk, "Jaki jest Twój adres?")).isVisible();
      kiosk.locator("#form-answer").fill("ul. Łąkowa 12\nLuton");
      kiosk.locator("#form-continue").click();

      // A mistake: the resident reads the message in Polish, the advisor the same one in English.
      assertThat(heading(kiosk, "Jaki jest Twój kod pocztowy?")).isVisible();
      kiosk.locator("#form-answer").fill("12-345");
      kiosk.locator("#form-continue").click();
      String polishError = "Wpisz prawdziwy kod pocztowy, na przykład LU5 4PP";
      assertThat(kiosk.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(polishError)))
          .isVisible();
      assertThat(console.locator("#err-postcode"))
          .containsText("Enter a real postcode, like LU5 4PP");
      Axe.assertNoViolations(kiosk, "kiosk form in Polish with an error");
      kiosk.locator("#form-answer").fill("LU5 4PP");
      kiosk.locator("#form-continue").click();

      assertThat(heading(kiosk, "Jak mamy przypominać Ci o terminie zwrotu książek?")).isVisible();
      kiosk.getByLabel("Pocztą").check();
      kiosk.locator("#form-continue").click();

      assertThat(kiosk.locator(".govuk-summary-list")).containsText("Pocztą");
      assertThat(kiosk.locator(".govuk-summary-list")).containsText("Imię i nazwisko");
      Axe.assertNoViolations(kiosk, "kiosk check your answers in Polish");
      kiosk.locator("#form-to-sign").click();
      signWithAFinger(kiosk);
      kiosk.locator("#signature-confirm").click();

      Locator pdfLink = console.locator("#form-pdf-link");
      assertThat(pdfLink).isVisible();
      byte[] pdf =
          consoleWindow.request().get(system.consoleUrl() + pdfLink.getAttribute("href")).body();
      try (PDDocument doc = Loader.loadPDF(pdf)) {
        String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
        assertThat(text)
            .contains(
                "Zapisz się do biblioteki",
                "Join the library",
                "Language: Polski (Polish)",
                "Jakie jest Twoje imię i nazwisko? What is your full name? Zdzisław Żółkiewski",
                "ul. Łąkowa 12 Luton",
                "Pocztą (By post)");
        assertThat(doc.getDocumentCatalog().getLanguage()).isEqualTo("pl");
      }
      assertThat(PdfAConformance.failuresOf(pdf)).isEmpty();
    }
  }

  @Test
  void aResidentWhoWalksAwayMidFormLeavesTheDraftOnTheCaseAndNothingOnTheKiosk() throws Exception {
    try (BrowserContext consoleWindow = chromium.newWindow();
        BrowserContext kioskWindow = chromium.newWindow()) {
      Page console = consoleWindow.newPage();
      Page kiosk = kioskWindow.newPage();
      Pages.startCall(console, kiosk, system);
      button(console, "Search forms").click();
      buttonNamed(console, "Send to kiosk.*Join the library").click();
      kiosk.getByLabel("What is your full name?").fill("Walter Away");
      button(kiosk, "Continue").click();
      assertThat(heading(kiosk, "What is your date of birth?")).isVisible();

      Pages.endCallOnKiosk(kiosk);
      assertThat(
              kiosk.getByText(
                  java.util.regex.Pattern.compile(
                      "call has ended", java.util.regex.Pattern.CASE_INSENSITIVE)))
          .isVisible();
      assertThat(kiosk.locator("#form-area")).isHidden();
      Object trace =
          kiosk.evaluate(
              "() => document.body.innerHTML.includes('Walter') || sessionStorage.length + localStorage.length > 0");
      assertThat(trace).as("the kiosk page keeps no trace of the form").isEqualTo(false);

      APIRequestContext api = consoleWindow.request();
      JsonNode cases =
          new ObjectMapper()
              .readTree(api.get(system.consoleUrl() + "/api/cases?recent=true").text());
      String caseId = cases.path("cases").get(0).path("id").asText();
      JsonNode forms =
          new ObjectMapper()
              .readTree(api.get(system.consoleUrl() + "/api/cases/" + caseId + "/forms").text());
      assertThat(forms.get(0).path("status").asText()).isEqualTo("PAUSED");
      assertThat(forms.get(0).path("answers").get(0).path("answer").asText())
          .isEqualTo("Walter Away");
    }
  }

  /**
   * Buttons whose names end in visually hidden context ("Send to kiosk: Apply for a Blue Badge").
   */
  private static Locator buttonNamed(Page page, String pattern) {
    return page.getByRole(
        AriaRole.BUTTON,
        new Page.GetByRoleOptions().setName(java.util.regex.Pattern.compile(pattern)));
  }

  private static Locator heading(Page page, String name) {
    return page.getByRole(
        AriaRole.HEADING, new Page.GetByRoleOptions().setName(name).setExact(true));
  }

  private static void signWithAFinger(Page kiosk) {
    BoundingBox box = kiosk.locator("#signature-canvas").boundingBox();
    double y = box.y + box.height / 2;
    kiosk.mouse().move(box.x + 40, y);
    kiosk.mouse().down();
    for (int i = 1; i <= 30; i++) {
      kiosk.mouse().move(box.x + 40 + i * 15, y + Math.sin(i / 3.0) * 40);
    }
    kiosk.mouse().up();
  }
}
