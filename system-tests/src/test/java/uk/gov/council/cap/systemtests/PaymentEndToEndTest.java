package uk.gov.council.cap.systemtests;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static uk.gov.council.cap.systemtests.Pages.button;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.documents.PdfAConformance;
import uk.gov.council.cap.server.staff.Role;

/**
 * Card payments as people use them, on the demo's simulated reader: the advisor asks for £45 for
 * garden waste, the resident sees it on the kiosk, a declined card is explained and another card
 * works, the case holds the payment and its receipt, and a supervisor refunds part of it from the
 * case page.
 */
class PaymentEndToEndTest extends BrowserTest {
  private static RunningSystem system;

  @BeforeAll
  static void start() {
    system = new RunningSystem(true);
    system
        .server()
        .repositories()
        .staff()
        .create(
            "sue", "Sue Supervisor", Role.SUPERVISOR, Set.of("general"), RunningSystem.PASSWORD);
  }

  @AfterAll
  static void stop() {
    system.close();
  }

  @Test
  void fortyFivePoundsIsPaidOnTheKioskAfterADeclineAndASupervisorRefundsPartOfItFromTheCase()
      throws Exception {
    try (BrowserContext consoleWindow = chromium.newWindow();
        BrowserContext kioskWindow = chromium.newWindow();
        BrowserContext supervisorWindow = chromium.newWindow()) {
      Page console = consoleWindow.newPage();
      Page kiosk = kioskWindow.newPage();
      Pages.startCall(console, kiosk, system);

      // The advisor chooses the item and sends it; the demo's reader is labelled as simulated.
      assertThat(console.getByText("Simulated card reader: no money is taken")).isVisible();
      console.getByLabel("Garden waste subscription (12 months): £45.00").check();
      button(console, "Send to kiosk").click();

      assertThat(heading(kiosk, "You are paying £45.00")).isVisible();
      assertThat(kiosk.getByText("For: Garden waste subscription (12 months)")).isVisible();
      assertThat(
              kiosk.getByText(
                  "Simulated card reader: this is a demonstration. No money will be taken."))
          .isVisible();
      assertThat(button(kiosk, "End call")).isInViewport();
      Axe.assertNoViolations(kiosk, "kiosk payment request");
      Pages.assertTouchTargetsAreAtLeast44px(kiosk);
      assertThat(console.locator("#payment-status"))
          .containsText("Waiting for the resident to choose to pay");
      button(kiosk, "Pay £45.00 by card").click();

      assertThat(heading(kiosk, "Tap or insert your card")).isVisible();
      assertThat(console.locator("#payment-status")).containsText("Waiting for the card");
      assertThat(button(console, "Cancel payment")).isVisible();
      Axe.assertNoViolations(kiosk, "kiosk tap your card");
      Pages.assertTouchTargetsAreAtLeast44px(kiosk);

      // A declined card is explained in plain words, on both screens, and another card can be
      // tried.
      button(kiosk, "Tap a test card that is declined").click();
      assertThat(heading(kiosk, "Your card was declined")).isVisible();
      assertThat(kiosk.getByText("No money has been taken. You can try another card.")).isVisible();
      assertThat(console.locator("#payment-status")).containsText("Declined");
      assertThat(console.locator("#payment-message")).hasText("The card was declined by the bank.");
      Axe.assertNoViolations(kiosk, "kiosk card declined");
      button(kiosk, "Try another card").click();
      button(kiosk, "Tap a test card that works").click();

      assertThat(heading(kiosk, "Payment accepted")).isVisible();
      assertThat(kiosk.getByText("£45.00 paid with Visa ending 4242")).isVisible();
      Axe.assertNoViolations(kiosk, "kiosk payment accepted");
      assertThat(console.locator("#payment-status")).containsText("Payment accepted");
      assertThat(console.locator("#payment-status")).containsText("Visa ending 4242");
      assertThat(button(console, "Cancel payment")).isHidden();
      Locator receiptLink = console.locator("#payment-receipt");
      assertThat(receiptLink).isVisible();

      // The resident asks for the receipt by email while the result is on screen (the slow checks
      // of the console and
      // the receipt PDF come after), typing with the on-screen keyboard; a mistake is explained.
      button(kiosk, "Email me the receipt").click();
      Axe.assertNoViolations(console, "console after a payment");
      byte[] receipt =
          consoleWindow
              .request()
              .get(system.consoleUrl() + receiptLink.getAttribute("href"))
              .body();
      try (PDDocument doc = Loader.loadPDF(receipt)) {
        assertThat(new PDFTextStripper().getText(doc))
            .contains(
                "Payment receipt",
                "£45.00",
                "Visa ending 4242",
                "Garden waste subscription (12 months)",
                "ENV-GW",
                "SIMULATED");
      }
      assertThat(PdfAConformance.failuresOf(receipt)).isEmpty();
      Locator address = kiosk.getByLabel("What is your email address?");
      assertThat(address).isFocused();
      assertThat(button(kiosk, "@")).isVisible();
      for (String key : new String[] {"m", "a", "g", "@"}) button(kiosk, key).click();
      assertThat(address).hasValue("mag@");
      button(kiosk, "Send receipt").click();
      assertThat(kiosk.getByText("There is a problem")).isVisible();
      assertThat(
              kiosk.getByRole(
                  AriaRole.LINK,
                  new Page.GetByRoleOptions()
                      .setName(
                          "Enter an email address in the correct format, like name@example.com")))
          .isVisible();
      Axe.assertNoViolations(kiosk, "kiosk receipt email with an error");
      address.fill("mag@example.com");
      button(kiosk, "Send receipt").click();
      assertThat(heading(kiosk, "Receipt sent")).isVisible();
      assertThat(kiosk.getByText("We have emailed your receipt to mag@example.com")).isVisible();
      // The demo has no mail relay: the email is in the outbox folder, with the same receipt
      // attached.
      java.nio.file.Path outbox = system.server().config().dataDir().resolve("outbox");
      try (var files = java.nio.file.Files.list(outbox)) {
        java.nio.file.Path eml =
            files.filter(f -> f.toString().endsWith(".eml")).findFirst().orElseThrow();
        var message =
            new jakarta.mail.internet.MimeMessage(
                jakarta.mail.Session.getInstance(new java.util.Properties()),
                java.nio.file.Files.newInputStream(eml));
        assertThat(message.getAllRecipients()[0].toString()).isEqualTo("mag@example.com");
        var parts = (jakarta.mail.Multipart) message.getContent();
        assertThat(parts.getBodyPart(1).getInputStream().readAllBytes()).isEqualTo(receipt);
      }
      button(kiosk, "Done").click();
      assertThat(kiosk.locator("#payment-area")).isHidden();
      button(console, "End call").click();

      // A supervisor refunds £15 from the case page; the refund appears on the case.
      JsonNode cases =
          new ObjectMapper()
              .readTree(
                  consoleWindow
                      .request()
                      .get(system.consoleUrl() + "/api/cases?recent=true")
                      .text());
      String caseId = cases.path("cases").get(0).path("id").asText();
      Page supervisor = supervisorWindow.newPage();
      Pages.signIn(supervisor, system.consoleUrl(), "sue", RunningSystem.PASSWORD);
      supervisor.navigate(system.consoleUrl() + "/case.html?id=" + caseId);
      assertThat(heading(supervisor, "£45.00: Garden waste subscription (12 months)")).isVisible();
      assertThat(supervisor.getByText("Refund (up to £45.00)")).isVisible();
      supervisor.getByLabel("Amount to refund").fill("15.00");
      button(supervisor, "Refund").click();
      assertThat(supervisor.getByText("Enter the reason for the refund.")).isVisible();
      supervisor.getByLabel("Reason for the refund").fill("Smaller bin chosen");
      button(supervisor, "Refund").click();
      Locator refunds =
          supervisor.locator("table", new Page.LocatorOptions().setHasText("Smaller bin chosen"));
      assertThat(refunds).containsText("£15.00");
      assertThat(refunds).containsText("Refunded");
      assertThat(supervisor.getByText("Refund (up to £30.00)")).isVisible();
      Axe.assertNoViolations(supervisor, "case page with a payment and a refund");
    }
  }

  private static Locator heading(Page page, String name) {
    return page.getByRole(
        AriaRole.HEADING, new Page.GetByRoleOptions().setName(name).setExact(true));
  }
}
