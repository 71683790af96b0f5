package uk.gov.council.cap.server.web;

import java.util.Map;

/** A refusal with plain words for the person and, optionally, per-field details for the page. */
public class ApiError extends RuntimeException {
  private final int status;
  private final Map<String, ?> details;

  public ApiError(int status, String message) {
    this(status, message, Map.of());
  }

  public ApiError(int status, String message, Map<String, ?> details) {
    super(message);
    this.status = status;
    this.details = details;
  }

  public int status() {
    return status;
  }

  public Map<String, ?> details() {
    return details;
  }

  public static ApiError badRequest(String message) {
    return new ApiError(400, message);
  }

  public static ApiError notFound(String message) {
    return new ApiError(404, message);
  }
}
