package dev.mailbridge.internal.jakarta;

import dev.mailbridge.Credentials;
import dev.mailbridge.Endpoint;
import dev.mailbridge.Protocol;
import dev.mailbridge.Security;
import dev.mailbridge.internal.diagnosis.Context;
import dev.mailbridge.internal.net.CertificateVerdict;
import dev.mailbridge.internal.net.Connector;
import dev.mailbridge.internal.net.NetSettings;
import jakarta.mail.Session;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes private Jakarta Mail sessions with Mailbridge's policy, never the JVM-wide default session: finite connect,
 * read and write timeouts; TLS 1.2+ through our hardened socket factory with the server identity checked; STARTTLS
 * required when chosen; XOAUTH2 as the only mechanism for token credentials; debug output only to slf4j at TRACE with
 * credentials removed.
 */
public final class JakartaSessions {
    private static final Logger WIRE_LOG = LoggerFactory.getLogger("dev.mailbridge.wire");

    private final NetSettings net;
    private final Supplier<Properties> newProperties;

    public JakartaSessions(NetSettings net) {
        this(net, Properties::new);
    }

    /** @param newProperties makes each session's properties; a test passes one that records what Jakarta reads */
    JakartaSessions(NetSettings net, Supplier<Properties> newProperties) {
        this.net = net;
        this.newProperties = newProperties;
    }

    /**
     * A session for the connection {@code ctx} describes, for {@code what} ("retrieval"...).
     *
     * @throws dev.mailbridge.MailbridgeException {@code UNKNOWN_HOST}, diagnosed, when the host does not resolve
     */
    public MailSession sessionFor(Context ctx, String what) {
        try {
            return session(ctx.protocol(), ctx.endpoint(), ctx.credentialKind() == Credentials.Kind.OAUTH2);
        } catch (UnknownHostException e) {
            throw JakartaFailures.unknownHost(e, ctx, what);
        }
    }

    /** The Jakarta protocol name for {@code protocol} over {@code security}: {@code imaps}, {@code smtp}... */
    public static String providerName(Protocol protocol, Security security) {
        String base = protocol.name().toLowerCase(Locale.ROOT);
        return security == Security.IMPLICIT_TLS ? base + "s" : base;
    }

    /**
     * A new session for talking {@code protocol} to {@code endpoint}.
     *
     * <p>The host is resolved here through the client's {@link dev.mailbridge.Dns} and Jakarta is given the address,
     * because Jakarta resolves names itself with the JVM resolver. The certificate is still checked against the
     * endpoint's name: our socket factory's trust manager verifies it during the handshake (Jakarta's own check, which
     * would compare against the address, is off).
     *
     * <p>Every property set here is one Angus Mail reads (JakartaSessionsTest proves it for each protocol), and none
     * can reach a server without our factory: {@code socketFactory.fallback} is off, so when our factory's handshake
     * fails Jakarta reports that failure instead of reconnecting with the JVM's default factory, which checks no
     * name.
     *
     * @throws UnknownHostException if the host does not resolve
     */
    public MailSession session(Protocol protocol, Endpoint endpoint, boolean oauth2) throws UnknownHostException {
        String name = providerName(protocol, endpoint.security());
        String p = "mail." + name + ".";
        Properties props = newProperties.get();
        CertificateVerdict verdict = new CertificateVerdict(endpoint.asciiHost());
        InetAddress address = Connector.resolve(net.dns(), endpoint.asciiHost()).get(0);
        props.put(p + "host", address.getHostAddress());
        props.put(p + "port", String.valueOf(endpoint.port()));
        props.put(p + "connectiontimeout", String.valueOf(net.connectTimeout().toMillis()));
        props.put(p + "timeout", String.valueOf(net.readTimeout().toMillis()));
        props.put(p + "writetimeout", String.valueOf(net.writeTimeout().toMillis()));
        props.put(p + "ssl.checkserveridentity", "false"); // done in the handshake against the name, see above
        props.put(p + "ssl.protocols", "TLSv1.3 TLSv1.2");
        props.put(p + "ssl.socketFactory", net.tls().socketFactoryFor(verdict));
        props.put(p + "socketFactory.fallback", "false");
        switch (endpoint.security()) {
            case IMPLICIT_TLS -> {
                // the provider name (imaps, pop3s, smtps) is what makes Angus speak TLS from the first byte
            }
            case STARTTLS -> {
                props.put(p + "starttls.enable", "true");
                props.put(p + "starttls.required", "true");
            }
            case NONE -> {
                // allowed only after the account's explicit opt-ins, checked when it was built
            }
        }
        if (protocol == Protocol.SMTP) {
            props.put(p + "auth", "true");
        }
        if (oauth2) {
            props.put(p + "auth.mechanisms", "XOAUTH2");
            props.put(p + "auth.login.disable", "true");
            props.put(p + "auth.plain.disable", "true");
            props.put(p + "sasl.enable", "false");
        }
        props.put("mail.debug.auth", "false");
        Session session = Session.getInstance(props);
        if (WIRE_LOG.isTraceEnabled()) {
            // The stream first: setDebug(true) prints a banner, to System.out when no stream is set yet.
            session.setDebugOut(
                    new PrintStream(new RedactingLogStream(WIRE_LOG), true, java.nio.charset.StandardCharsets.UTF_8));
            session.setDebug(true);
        }
        return new MailSession(session, verdict);
    }
}
