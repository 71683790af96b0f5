package uk.gov.council.cap.server.survey;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.protocol.Envelope;
import uk.gov.council.cap.protocol.MessageType;
import uk.gov.council.cap.protocol.ProtocolCodec;
import uk.gov.council.cap.server.ServerConfig;
import uk.gov.council.cap.server.audit.AuditLog;
import uk.gov.council.cap.server.cases.CaseRepository;
import uk.gov.council.cap.server.db.Database;
import uk.gov.council.cap.server.db.Ids;
import uk.gov.council.cap.server.incall.CallContexts;
import uk.gov.council.cap.server.incall.CallParties;
import uk.gov.council.cap.server.testing.Databases;
import uk.gov.council.cap.server.testing.FakeClock;
import uk.gov.council.cap.server.testing.RecordingCallPort;
import uk.gov.council.cap.server.threads.SerialThread;

/**
 * The survey capability alone: a real database, a fake clock, the capability's thread run inline,
 * and a call port that records what the kiosk was sent. No server, no sockets, no waiting.
 */
class SatisfactionSurveyTest {
  private static final Duration WINDOW = Duration.ofMinutes(2);
  private final FakeClock clock = FakeClock.stopped();
  private final Database db = Databases.H2.open();
  private final Jdbi jdbi = db.jdbi();
  private final ProtocolCodec codec = new ProtocolCodec(new ObjectMapper(), 256 * 1024);
  private final RecordingCallPort port = new RecordingCallPort();
  private final CallContexts calls = new CallContexts(port, Optional::of, codec);
  private final SurveyRepository answers = new SurveyRepository(jdbi);
  private final SatisfactionSurvey survey =
      new SatisfactionSurvey(
          answers,
          new CaseRepository(jdbi, new Ids(), clock),
          new AuditLog(jdbi, clock),
          clock,
          ServerConfig.Survey.on(WINDOW),
          SerialThread.inline("survey"));
  private final CallParties call = aCallThatHappened("call-1");

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void asTheCallEndsTheKioskIsAskedAndTheAnswerIsKeptOnTheCallAndNotedOnTheCase() {
    survey.onCallEnded(calls.of(call));
    assertThat(port.toKiosk("survey.ask"))
        .singleElement()
        .satisfies(p -> assertThat(p.path("callId").asText()).isEqualTo("call-1"));

    survey.onKioskAfterCall(calls.of(call), answer("call-1", "POOR", "WAITED_TOO_LONG"));

    assertThat(answers.forCase("case-1"))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.rating()).isEqualTo(Rating.POOR);
              assertThat(a.reason()).isEqualTo(Reason.WAITED_TOO_LONG);
              assertThat(a.answeredAt()).isEqualTo(FakeClock.START);
            });
    assertThat(timelineKinds()).contains("survey.answered");
  }

  @Test
  void aCouncilThatTurnedTheSurveyOffIsNeverAsked() {
    SatisfactionSurvey off =
        new SatisfactionSurvey(
            answers,
            new CaseRepository(jdbi, new Ids(), clock),
            new AuditLog(jdbi, clock),
            clock,
            ServerConfig.Survey.OFF,
            SerialThread.inline("survey"));
    off.onCallEnded(calls.of(call));
    assertThat(port.toKiosk("survey.ask")).isEmpty();
  }

  @Test
  void aSecondAnswerForTheSameCallChangesNothing() {
    survey.onCallEnded(calls.of(call));
    survey.onKioskAfterCall(calls.of(call), answer("call-1", "GOOD", null));
    survey.onKioskAfterCall(calls.of(call), answer("call-1", "POOR", null));
    assertThat(answers.forCase("case-1"))
        .extracting(SurveyAnswer::rating)
        .containsExactly(Rating.GOOD);
  }

  @Test
  void anAnswerAfterTheWindowIsNotKeptSoTheNextResidentCannotAnswerForTheLastOne() {
    survey.onCallEnded(calls.of(call));
    clock.advance(WINDOW.plusSeconds(1));
    survey.onKioskAfterCall(calls.of(call), answer("call-1", "GOOD", null));
    assertThat(answers.forCase("case-1")).isEmpty();
  }

  @Test
  void anAnswerNamingAnotherCallIsIgnored() {
    survey.onCallEnded(calls.of(call));
    survey.onKioskAfterCall(calls.of(call), answer("call-2", "GOOD", null));
    assertThat(answers.forCase("case-1")).isEmpty();
  }

  @Test
  void aCallEndingTwiceAsksOnce() {
    survey.onCallEnded(calls.of(call));
    survey.onCallEnded(calls.of(call));
    assertThat(port.toKiosk("survey.ask")).hasSize(1);
  }

  @Test
  void onlyAnAskedSurveyMovesAndBothEndsAreFinal() {
    assertThat(SurveyStatus.ASKED.canMoveTo(SurveyStatus.ANSWERED)).isTrue();
    assertThat(SurveyStatus.ASKED.canMoveTo(SurveyStatus.LAPSED)).isTrue();
    for (SurveyStatus end : new SurveyStatus[] {SurveyStatus.ANSWERED, SurveyStatus.LAPSED}) {
      for (SurveyStatus next : SurveyStatus.values()) {
        assertThat(end.canMoveTo(next)).as(end + " -> " + next).isFalse();
      }
    }
  }

  @Test
  void theNetScoreIsGoodMinusPoorOverAnswersAsGovMetricCountsIt() {
    assertThat(new NetScore(2, 0, 1).text()).isEqualTo("+33");
    assertThat(new NetScore(1, 1, 2).text()).isEqualTo("-25");
    assertThat(new NetScore(0, 3, 0).text()).isEqualTo("0");
    assertThat(new NetScore(0, 0, 0).text()).isEqualTo("no answers yet");
  }

  private Envelope answer(String callId, String rating, String reason) {
    Map<String, Object> p = new java.util.LinkedHashMap<>();
    p.put("callId", callId);
    p.put("rating", rating);
    if (reason != null) p.put("reason", reason);
    try {
      return codec.decode(codec.encode(MessageType.SURVEY_ANSWER, p));
    } catch (uk.gov.council.cap.protocol.ProtocolException e) {
      throw new AssertionError(e);
    }
  }

  private java.util.List<String> timelineKinds() {
    return jdbi.withHandle(
        h ->
            h.createQuery("select kind from case_timeline where case_id = 'case-1'")
                .mapTo(String.class)
                .list());
  }

  private CallParties aCallThatHappened(String callId) {
    jdbi.useHandle(
        h -> {
          h.execute(
              "insert into sites (id, name, phone, time_zone, opening_hours, themes,"
                  + " enquiry_themes, idle_timeout_seconds)"
                  + " values ('site-1', 'Ampthill Library', '0300', 'Europe/London', '', '', '', 60)");
          h.execute(
              "insert into kiosks (id, name, site_id, secret_hash, created_at)"
                  + " values ('kiosk-1', 'Ampthill kiosk', 'site-1', 'x', 0)");
          h.execute(
              "insert into cases (id, reference, status, opened_at, last_activity_at)"
                  + " values ('case-1', 'CAP-TEST-0001', 'OPEN', 0, 0)");
          h.execute(
              "insert into calls (id, case_id, kiosk_id, theme, state, queued_at)"
                  + " values (?, 'case-1', 'kiosk-1', 'general', 'ENDED', 0)",
              callId);
        });
    return new CallParties(
        callId, "case-1", "CAP-TEST-0001", "kiosk-1", "Ampthill kiosk", "staff-1");
  }
}
