package dev.mailbridge.internal.diagnosis;

import dev.mailbridge.Endpoint;
import dev.mailbridge.Protocol;
import java.util.ArrayList;
import java.util.List;

/** Pieces of fix text shared by several diagnoses. */
final class Advice {
    private Advice() {}

    /** "993 (IMPLICIT_TLS) or 143 (STARTTLS)". */
    static String standardPorts(Protocol protocol) {
        List<String> ports = new ArrayList<>();
        for (Protocol.PortSecurity ps : protocol.standardPorts()) {
            ports.add(ps.port() + " (" + ps.security() + ")");
        }
        return String.join(" or ", ports);
    }

    /** " Gmail's IMAP servers are imap.gmail.com:993 (IMPLICIT_TLS)." or empty without a profile. */
    static String knownServers(Context ctx) {
        var profile = ctx.profile();
        if (profile == null || profile.endpoints(ctx.protocol()).isEmpty()) {
            return "";
        }
        List<String> names = new ArrayList<>();
        for (Endpoint endpoint : profile.endpoints(ctx.protocol())) {
            names.add(endpoint.toString());
        }
        return " " + profile.displayName() + "'s " + ctx.protocol() + " servers are " + String.join(", ", names) + ".";
    }

    /** " at https://..." or empty. */
    static String appPasswordPage(Context ctx) {
        var profile = ctx.profile();
        if (profile == null || profile.appPasswordPage().isEmpty()) {
            return " in the provider's account security settings";
        }
        return " at " + profile.appPasswordPage().get();
    }
}
