package dev.mailbridge.autoconfig.internal;

import dev.mailbridge.ProviderProfile;
import dev.mailbridge.autoconfig.ReadinessCheck;
import dev.mailbridge.autoconfig.ReadinessCheck.Kind;
import dev.mailbridge.autoconfig.ReadinessCheck.Verdict;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.MXRecord;

/** MX: present, sorted by priority, not the RFC 7505 "null MX", and which provider it points to. */
final class MxCheck {
    private MxCheck() {}

    static ReadinessCheck check(String domain, List<MXRecord> mx, @Nullable ProviderProfile provider) {
        List<String> seen = mx.stream()
                .map(r -> r.getPriority() + " " + r.getTarget().toString(true))
                .toList();
        if (mx.isEmpty()) {
            return new ReadinessCheck(
                    Kind.MX,
                    Verdict.FAIL,
                    seen,
                    domain + " has no MX record: no mail can reach it",
                    "Publish the MX records your mail provider gives, such as '" + domain
                            + ". 3600 IN MX 10 mx.provider.example.'");
        }
        String first = mx.get(0).getTarget().toString(true);
        if (mx.size() == 1 && (first.isEmpty() || first.equals("."))) {
            return new ReadinessCheck(
                    Kind.MX,
                    Verdict.FAIL,
                    seen,
                    domain + " publishes a null MX (RFC 7505): it declares that it accepts no mail",
                    "Replace the null MX with your provider's MX records if the domain should receive mail.");
        }
        String who = provider == null ? "" : "; mail is handled by " + provider.displayName();
        return new ReadinessCheck(
                Kind.MX,
                Verdict.PASS,
                seen,
                mx.size() + " MX record(s), preferred " + first + " (priority "
                        + mx.get(0).getPriority() + ")" + who,
                "");
    }
}
