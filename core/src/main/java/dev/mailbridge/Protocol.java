package dev.mailbridge;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** A mail protocol Mailbridge speaks, with the ports and security modes that are standard for it. */
public enum Protocol {
    /** IMAP4rev1 / IMAP4rev2, for reading mail from folders. */
    IMAP(
            "IMAP",
            993,
            143,
            List.of(new PortSecurity(993, Security.IMPLICIT_TLS), new PortSecurity(143, Security.STARTTLS))),
    /** POP3, for downloading the inbox. */
    POP3(
            "POP3",
            995,
            110,
            List.of(new PortSecurity(995, Security.IMPLICIT_TLS), new PortSecurity(110, Security.STARTTLS))),
    /** SMTP submission, for sending. */
    SMTP(
            "SMTP",
            465,
            587,
            List.of(
                    new PortSecurity(465, Security.IMPLICIT_TLS),
                    new PortSecurity(587, Security.STARTTLS),
                    new PortSecurity(25, Security.STARTTLS)));

    private final String displayName;
    private final int implicitTlsPort;
    private final int plainPort;
    private final List<PortSecurity> standardPorts;

    Protocol(String displayName, int implicitTlsPort, int plainPort, List<PortSecurity> standardPorts) {
        this.displayName = displayName;
        this.implicitTlsPort = implicitTlsPort;
        this.plainPort = plainPort;
        this.standardPorts = standardPorts;
    }

    /** The port this protocol uses with the given security when nothing else is said. */
    public int defaultPort(Security security) {
        return security == Security.IMPLICIT_TLS ? implicitTlsPort : plainPort;
    }

    /**
     * The standard ports of this protocol, each with the security it is used with, in the order Mailbridge tries them
     * (RFC 8314: implicit TLS first).
     */
    public List<PortSecurity> standardPorts() {
        return standardPorts;
    }

    /**
     * The security a standard port is meant for, or {@code null} when the port is not one of this protocol's standard
     * ports.
     */
    @Nullable
    Security standardSecurityOf(int port) {
        for (PortSecurity candidate : standardPorts) {
            if (candidate.port() == port) {
                return candidate.security();
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return displayName;
    }

    /**
     * A port together with the security mode it is meant for.
     *
     * @param port the TCP port
     * @param security the security used on it
     */
    public record PortSecurity(int port, Security security) {}
}
