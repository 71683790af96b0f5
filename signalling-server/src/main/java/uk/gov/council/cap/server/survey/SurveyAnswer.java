package uk.gov.council.cap.server.survey;

import java.time.Instant;

/** One call's survey: who was asked and, if they answered, what they said. */
public record SurveyAnswer(
    String callId,
    String caseId,
    String caseReference,
    String kioskId,
    String kioskName,
    String advisorId,
    SurveyStatus status,
    Rating rating,
    Reason reason,
    Instant askedAt,
    Instant answeredAt) {}
