package uk.gov.council.cap.server.cases;

import java.time.Instant;

/**
 * One artefact or event on a case's timeline. {@code kind} is dotted ({@code call.ended}, {@code
 * customer.linked}); later capabilities add kinds such as {@code document.scanned}.
 */
public record TimelineEntry(
    String id, Instant at, String kind, String summary, String actor, String refId) {}
