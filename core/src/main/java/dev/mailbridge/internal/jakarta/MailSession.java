package dev.mailbridge.internal.jakarta;

import dev.mailbridge.internal.net.CertificateVerdict;
import jakarta.mail.Session;

/**
 * A private Jakarta Mail session for one server, and the certificate verdict its TLS connections fill in, so a failure
 * Jakarta reports only as an exception can still be diagnosed as an untrusted or misnamed certificate.
 *
 * @param session the Jakarta session
 * @param verdict what the certificate check of its connections found
 */
public record MailSession(Session session, CertificateVerdict verdict) {}
