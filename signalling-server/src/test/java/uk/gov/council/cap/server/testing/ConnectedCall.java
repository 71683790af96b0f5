package uk.gov.council.cap.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import uk.gov.council.cap.server.kiosks.KioskRepository;
import uk.gov.council.cap.server.sites.Site;
import uk.gov.council.cap.server.staff.Role;

/**
 * A kiosk and an advisor in a connected call, over real sockets: where every in-call capability
 * starts.
 */
public record ConnectedCall(
    KioskRepository.Enrolled kiosk,
    Api advisorApi,
    WsClient advisor,
    WsClient kioskSocket,
    String callId,
    String caseId)
    implements AutoCloseable {

  public static ConnectedCall start(TestServer server, String advisorName) {
    Site site = server.openSite("Ampthill Library", List.of("general"), List.of());
    KioskRepository.Enrolled kiosk = server.kiosk("Ampthill kiosk", site);
    server.staff(advisorName, Role.ADVISOR, Set.of("general"));
    Api api = server.signIn(advisorName);
    WsClient advisor = server.consoleSocket(api);
    WsClient k = server.kioskSocket(kiosk);
    k.await("kiosk.config");
    advisor.becomeAvailable();
    k.send("call.request", Map.of());
    String callId = k.await("call.queued").path("callId").asText();
    JsonNode offer = advisor.await("call.offer");
    advisor.send("call.accept", Map.of("callId", callId));
    k.await("call.connected");
    advisor.await("call.connected");
    return new ConnectedCall(kiosk, api, advisor, k, callId, offer.path("caseId").asText());
  }

  @Override
  public void close() {
    advisor.close();
    kioskSocket.close();
  }
}
