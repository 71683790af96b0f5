package uk.gov.council.cap.documents.badges;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What an identification badge carries. {@code photoJpeg} is the approved, cropped 35:45 photo,
 * embedded as is.
 */
public record Badge(
    String councilName,
    String holderName,
    String idNumber,
    LocalDate expires,
    byte[] photoJpeg,
    Instant issuedAt) {}
