package uk.gov.council.cap.server.mail;

/** One email with at most one attachment: all the council sends from here (receipts, for now). */
public record Email(
    String to,
    String subject,
    String text,
    String attachmentName,
    String attachmentType,
    byte[] attachment) {}
