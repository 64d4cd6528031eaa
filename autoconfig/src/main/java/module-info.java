/**
 * Mailbridge discovery: settings from an email address the way mail clients find them, domain readiness checks (MX,
 * SPF, DKIM, DMARC), and autoconfig/Autodiscover documents for your own domain.
 */
module dev.mailbridge.autoconfig {
    requires transitive dev.mailbridge.core;
    requires transitive dev.mailbridge.providers;
    requires java.net.http;
    requires java.xml;
    requires org.dnsjava;
    requires com.google.common;
    requires org.slf4j;
    requires static org.jspecify;

    exports dev.mailbridge.autoconfig;
}
