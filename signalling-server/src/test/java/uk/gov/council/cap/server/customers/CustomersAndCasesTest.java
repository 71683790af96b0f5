package uk.gov.council.cap.server.customers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.kiosks.KioskRepository;
import uk.gov.council.cap.server.staff.Role;
import uk.gov.council.cap.server.testing.Api;
import uk.gov.council.cap.server.testing.TestServer;
import uk.gov.council.cap.server.testing.WsClient;

/**
 * Finding or creating the customer, duplicate warnings, and attaching a call to the customer's
 * case.
 */
class CustomersAndCasesTest {
  private final TestServer server = new TestServer();
  private Api alex;

  @BeforeEach
  void setUp() {
    server.staff("alex", Role.ADVISOR, Set.of("general"));
    alex = server.signIn("alex");
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  private static Map<String, Object> ada() {
    Map<String, Object> m = new HashMap<>();
    m.put("firstName", "Ada");
    m.put("lastName", "Lovelace");
    m.put("dateOfBirth", "1985-12-10");
    m.put("addressLine1", "1 High Street");
    m.put("town", "Ampthill");
    m.put("postcode", "mk452aa");
    m.put("phone", "01632 960 123");
    m.put("email", "Ada@Example.org");
    return m;
  }

  @Test
  void aCustomerIsCreatedWithTidiedDetailsAndFoundBySearch() {
    Api.Response created = alex.post("/api/customers", ada());
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.body().path("customer").path("postcode").asText()).isEqualTo("MK45 2AA");
    assertThat(created.body().path("customer").path("email").asText()).isEqualTo("ada@example.org");

    JsonNode byName = alex.get("/api/customers?q=lovel").body().path("results");
    assertThat(byName).hasSize(1);
    assertThat(byName.get(0).path("reasons").toString()).contains("last name");
    assertThat(alex.get("/api/customers?q=MK45%202AA").body().path("results")).hasSize(1);
    assertThat(alex.get("/api/customers?q=1985-12-10").body().path("results")).hasSize(1);
    assertThat(alex.get("/api/customers?q=zzz").body().path("results")).isEmpty();
  }

  @Test
  void aLikelyDuplicateIsPointedOutBeforeASecondRecordIsMade() {
    alex.post("/api/customers", ada());
    Map<String, Object> again = ada();
    again.put("lastName", "Lovelase");
    again.put("email", null);
    Api.Response r = alex.post("/api/customers", again);
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.body().path("possibleDuplicates").get(0).path("lastName").asText())
        .isEqualTo("Lovelace");
    assertThat(r.body().path("possibleDuplicates").get(0).path("reasons").toString())
        .contains("same date of birth");

    again.put("confirmNotDuplicate", true);
    assertThat(alex.post("/api/customers", again).status()).isEqualTo(201);
  }

  @Test
  void badDetailsGetAMessagePerFieldAndNothingIsStored() {
    Map<String, Object> bad = ada();
    bad.put("lastName", " ");
    bad.put("postcode", "NOT A POSTCODE");
    bad.put("dateOfBirth", "2999-01-01");
    bad.put("email", "not-an-email");
    Api.Response r = alex.post("/api/customers", bad);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body().path("details").path("lastName").asText()).isEqualTo("Enter a last name");
    assertThat(r.body().path("details").has("postcode")).isTrue();
    assertThat(r.body().path("details").has("dateOfBirth")).isTrue();
    assertThat(r.body().path("details").has("email")).isTrue();
    assertThat(alex.get("/api/customers?q=lovelace").body().path("results")).isEmpty();

    assertThat(alex.post("/api/customers", "{\"firstName\": \"Ada\", \"shoeSize\": 9}").status())
        .isEqualTo(400);
    assertThat(alex.post("/api/customers", "{broken").status()).isEqualTo(400);
  }

  @Test
  void aSecondCallFromAKnownCustomerAttachesToTheirExistingCase() {
    KioskRepository.Enrolled kiosk =
        server.kiosk("Kiosk", server.openSite("Library", List.of("general"), List.of()));
    String customerId =
        alex.post("/api/customers", ada()).body().path("customer").path("id").asText();
    String firstCase = callAndHangUp(kiosk);
    assertThat(
            alex.put("/api/cases/" + firstCase + "/customer", Map.of("customerId", customerId))
                .body()
                .path("caseId")
                .asText())
        .isEqualTo(firstCase);

    String secondCase = callAndHangUp(kiosk);
    String linked =
        alex.put("/api/cases/" + secondCase + "/customer", Map.of("customerId", customerId))
            .body()
            .path("caseId")
            .asText();
    assertThat(linked).isEqualTo(firstCase);

    JsonNode theCase = alex.get("/api/cases/" + firstCase).body();
    assertThat(theCase.path("contacts")).hasSize(2);
    assertThat(theCase.path("customer").path("lastName").asText()).isEqualTo("Lovelace");
    assertThat(theCase.path("timeline").findValuesAsText("kind"))
        .contains("customer.linked", "case.merged");
    assertThat(alex.get("/api/cases/" + secondCase).body().path("status").asText())
        .isEqualTo("MERGED");
    assertThat(alex.get("/api/customers/" + customerId).body().path("cases")).hasSize(2);
  }

  private String callAndHangUp(KioskRepository.Enrolled kiosk) {
    try (WsClient advisor = server.consoleSocket(alex);
        WsClient k = server.kioskSocket(kiosk)) {
      advisor.becomeAvailable();
      k.send("call.request", Map.of());
      JsonNode offer = advisor.await("call.offer");
      advisor.send("call.accept", Map.of("callId", offer.path("callId").asText()));
      advisor.await("call.connected");
      advisor.send("call.hangup", Map.of("callId", offer.path("callId").asText()));
      advisor.await("call.ended");
      return offer.path("caseId").asText();
    }
  }
}
