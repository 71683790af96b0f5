package uk.gov.council.cap.server.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uk.gov.council.cap.protocol.MessageType;
import uk.gov.council.cap.protocol.ProtocolCodec;
import uk.gov.council.cap.server.kiosks.KioskRepository;
import uk.gov.council.cap.server.sites.Site;

/**
 * The kiosks connected to the desk now, by kiosk id, and the configuration each is sent. Touched
 * only on the desk's thread.
 */
final class KioskLinks {
  private final Map<String, KioskLink> byId = new HashMap<>();
  private final ProtocolCodec codec;
  private final KioskRepository kiosks;
  private final Map<String, Object> councilLook;

  KioskLinks(ProtocolCodec codec, KioskRepository kiosks, Map<String, Object> councilLook) {
    this.codec = codec;
    this.kiosks = kiosks;
    this.councilLook = Map.copyOf(councilLook);
  }

  KioskLink get(String kioskId) {
    return byId.get(kioskId);
  }

  void put(KioskLink link) {
    byId.put(link.kiosk().id(), link);
  }

  void remove(String kioskId) {
    byId.remove(kioskId);
  }

  List<KioskLink> all() {
    return new ArrayList<>(byId.values());
  }

  /** Sends to the kiosk if it is connected. */
  void send(String kioskId, String frame) {
    KioskLink link = byId.get(kioskId);
    if (link != null) {
      link.peer().send(frame);
    }
  }

  /**
   * @param activeCallId the call the server holds for this kiosk, or null: a kiosk-app that
   *     reconnects learns whether it still has one
   */
  void sendConfig(KioskLink link, String activeCallId) {
    Site site = link.site();
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("kioskId", link.kiosk().id());
    config.put("kioskName", link.kiosk().name());
    config.put("siteName", site.name());
    config.put("phone", site.phone());
    config.put("openingHours", site.openingHours().text());
    config.put("openAllHours", site.openingHours().alwaysOpen());
    config.put("idleTimeoutSeconds", site.idleTimeoutSeconds());
    config.put("enquiryThemes", site.enquiryThemes());
    config.putAll(councilLook);
    if (activeCallId != null) {
      config.put("activeCallId", activeCallId);
    }
    Map<String, String> devices = kiosks.deviceSettings(link.kiosk().id());
    if (!devices.isEmpty()) {
      config.put("devices", devices);
    }
    link.peer().send(codec.encode(MessageType.KIOSK_CONFIG, config));
  }
}
