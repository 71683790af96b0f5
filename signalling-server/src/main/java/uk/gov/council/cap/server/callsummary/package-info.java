/**
 * What was done in a call, read from the case through the public read methods of the packages that
 * own each record (forms, payments, case documents). A read model, not a capability: the summary
 * capability (package {@code summary}) may use it without reaching into other capabilities.
 */
package uk.gov.council.cap.server.callsummary;
