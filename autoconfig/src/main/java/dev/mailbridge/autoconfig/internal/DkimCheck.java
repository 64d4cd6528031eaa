package dev.mailbridge.autoconfig.internal;

import dev.mailbridge.autoconfig.ReadinessCheck;
import dev.mailbridge.autoconfig.ReadinessCheck.Kind;
import dev.mailbridge.autoconfig.ReadinessCheck.Verdict;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/** DKIM (RFC 6376): a key at one of the selectors, not revoked, of a known type, RSA at least 2048 bits. */
final class DkimCheck {
    private DkimCheck() {}

    static ReadinessCheck check(DnsClient dns, String domain, List<String> selectors, boolean explicit) {
        List<String> seen = new ArrayList<>();
        List<String> found = new ArrayList<>();
        @org.jspecify.annotations.Nullable Verdict best = null;
        String fix = "";
        for (String selector : selectors) {
            String name = selector + "._domainkey." + domain;
            for (String txt : dns.txt(name).join()) {
                String lower = txt.toLowerCase(Locale.ROOT);
                if (!lower.contains("p=")) {
                    continue;
                }
                seen.add(name + ": " + txt);
                String p = ReadinessChecks.tag(txt, "p");
                String k = ReadinessChecks.lower(ReadinessChecks.tag(txt, "k")).orElse("rsa");
                Verdict verdict;
                String what;
                if (p == null || p.isEmpty()) {
                    verdict = Verdict.FAIL;
                    what = "selector " + selector + " is revoked (empty p=)";
                    fix = "Publish the current key from your provider at " + name + ".";
                } else if (k.equals("ed25519")) {
                    verdict = Verdict.PASS;
                    what = "selector " + selector + ": ed25519 key";
                } else if (k.equals("rsa")) {
                    int bits = rsaBits(p.replaceAll("\\s", ""));
                    if (bits <= 0) {
                        verdict = Verdict.FAIL;
                        what = "selector " + selector + ": the key does not decode as an RSA public key";
                        fix = "Copy the key again from your provider into " + name + " (one TXT record, quoted parts"
                                + " joined).";
                    } else if (bits < 1024) {
                        verdict = Verdict.FAIL;
                        what = "selector " + selector + ": RSA " + bits + "-bit key, too weak: receivers ignore it";
                        fix = "Rotate to a 2048-bit key at your provider and publish it.";
                    } else if (bits < 2048) {
                        verdict = Verdict.WARN;
                        what = "selector " + selector + ": RSA " + bits + "-bit key; 2048 bits is the norm now";
                        fix = "Rotate to a 2048-bit key when your provider allows.";
                    } else {
                        verdict = Verdict.PASS;
                        what = "selector " + selector + ": RSA " + bits + "-bit key";
                    }
                } else {
                    verdict = Verdict.WARN;
                    what = "selector " + selector + ": unknown key type k=" + k;
                }
                found.add(what);
                if (best == null || verdict.ordinal() < best.ordinal()) {
                    best = verdict; // the best key found decides: one good selector is enough to sign
                }
            }
        }
        if (found.isEmpty() || best == null) {
            return new ReadinessCheck(
                    Kind.DKIM,
                    Verdict.FAIL,
                    seen,
                    "no DKIM key at " + (explicit ? "the selectors " : "the usual selectors ") + selectors,
                    "Turn on DKIM signing at your mail provider and publish the TXT (or CNAME) record it gives at"
                            + " <selector>._domainkey." + domain
                            + (explicit ? "" : "; if you use another selector," + " name it in the check"));
        }
        return new ReadinessCheck(Kind.DKIM, best, seen, String.join("; ", found), best == Verdict.PASS ? "" : fix);
    }

    private static int rsaBits(String base64) {
        try {
            byte[] der = Base64.getDecoder().decode(base64);
            RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
            return key.getModulus().bitLength();
        } catch (IllegalArgumentException | java.security.GeneralSecurityException | ClassCastException e) {
            return -1;
        }
    }
}
