package uk.gov.council.cap.server.survey;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.gov.council.cap.protocol.Envelope;
import uk.gov.council.cap.protocol.MessageType;
import uk.gov.council.cap.server.Clock;
import uk.gov.council.cap.server.ServerConfig;
import uk.gov.council.cap.server.audit.AuditLog;
import uk.gov.council.cap.server.cases.CaseRepository;
import uk.gov.council.cap.server.incall.CallContext;
import uk.gov.council.cap.server.incall.InCallCapability;
import uk.gov.council.cap.server.threads.SerialThread;

/**
 * "How was your visit today?" As each connected call ends, the kiosk is asked to offer the survey;
 * the resident may answer (a face, then optionally a reason) or walk away. The answer is stored on
 * the call and noted on the case's timeline; the rating itself is for supervisors (ADR 0034: the
 * capability that proves the in-call shape).
 */
public final class SatisfactionSurvey implements InCallCapability {
  private static final Logger LOG = LoggerFactory.getLogger(SatisfactionSurvey.class);
  private final SurveyRepository answers;
  private final CaseRepository cases;
  private final AuditLog audit;
  private final Clock clock;
  private final ServerConfig.Survey settings;
  private final SerialThread thread;

  public SatisfactionSurvey(
      SurveyRepository answers,
      CaseRepository cases,
      AuditLog audit,
      Clock clock,
      ServerConfig.Survey settings,
      SerialThread thread) {
    this.answers = answers;
    this.cases = cases;
    this.audit = audit;
    this.clock = clock;
    this.settings = settings;
    this.thread = thread;
  }

  @Override
  public String name() {
    return "survey";
  }

  @Override
  public SerialThread thread() {
    return thread;
  }

  @Override
  public Set<MessageType> kioskTypes() {
    return Set.of();
  }

  @Override
  public Set<MessageType> afterCallKioskTypes() {
    return Set.of(MessageType.SURVEY_ANSWER);
  }

  @Override
  public void onCallEnded(CallContext call) {
    if (!settings.enabled()) return;
    answers.lapseAskedBefore(clock.now().minus(settings.answerWithin()));
    var p = call.parties();
    boolean asked =
        answers.ask(
            new SurveyAnswer(
                p.callId(),
                call.caseId(),
                p.caseReference(),
                p.kioskId(),
                p.kioskName(),
                p.advisorId(),
                SurveyStatus.ASKED,
                null,
                null,
                clock.now(),
                null));
    if (!asked) return;
    Map<String, Object> ask = new LinkedHashMap<>();
    ask.put("callId", p.callId());
    ask.put("answerWithinSeconds", settings.answerWithin().toSeconds());
    call.toKioskAnyway(MessageType.SURVEY_ASK, ask);
  }

  @Override
  public void onKioskAfterCall(CallContext call, Envelope msg) {
    String callId = msg.text("callId");
    if (!call.callId().equals(callId)) {
      LOG.info("A survey answer for a call other than the kiosk's last one was ignored");
      return;
    }
    Rating rating = Rating.valueOf(msg.text("rating"));
    Reason reason = Optional.ofNullable(msg.text("reason")).map(Reason::valueOf).orElse(null);
    if (!answers.answer(
        callId, rating, reason, clock.now(), clock.now().minus(settings.answerWithin()))) {
      LOG.info("A survey answer came after its window, or twice, and was not kept");
      return;
    }
    String kiosk = "kiosk:" + call.kioskId();
    audit.record(
        kiosk,
        "survey.answered",
        call.caseId(),
        callId,
        rating.name() + (reason == null ? "" : " " + reason.name()));
    cases.addToTimeline(
        call.caseId(),
        "survey.answered",
        "The resident answered the satisfaction survey",
        kiosk,
        null);
  }
}
