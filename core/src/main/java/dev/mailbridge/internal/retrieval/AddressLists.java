package dev.mailbridge.internal.retrieval;

import dev.mailbridge.retrieval.MailAddress;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Address lists as real mail writes them (RFC 5322 with its obsolete forms): comments anywhere ({@code pete(his
 * account)@silly.test} is {@code pete@silly.test}; a trailing {@code (Pete Smith)} names the person), groups
 * ({@code Friends: a@x, b@y;} gives its members; {@code undisclosed-recipients:;} none), {@code ;} between addresses,
 * encoded display names. Whatever cannot be read as an address is noted and left out: a result is always an address.
 */
final class AddressLists {
    /** An addr-spec a person would recognise: no spaces, one {@code @}, a dot-free or dotted domain. */
    private static final Pattern ADDRESS = Pattern.compile("[^\\s@<>(),;:\"\\[\\]]+@[^\\s@<>(),;:\"\\[\\]]+");

    private static final Pattern ANGLE = Pattern.compile("<\\s*([^<>\\s]+@[^<>\\s]+?)\\s*(>|$)");

    private AddressLists() {}

    static List<MailAddress> parse(@Nullable String raw, String field, List<String> problems) {
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        Decommented clean = decomment(raw);
        List<MailAddress> result = new ArrayList<>();
        InternetAddress[] parsed;
        try {
            parsed = InternetAddress.parseHeader(clean.text(), false);
        } catch (AddressException e) {
            problems.add(field + ": unparseable address list '" + raw + "': the addresses in it were kept");
            salvage(clean.text(), clean.trailingName(), result);
            return result;
        }
        for (InternetAddress address : parsed) {
            if (address.isGroup()) {
                try {
                    InternetAddress[] members = address.getGroup(false);
                    for (InternetAddress member : members == null ? new InternetAddress[0] : members) {
                        add(member, null, field, problems, result);
                    }
                } catch (AddressException e) {
                    salvage(address.getAddress(), null, result);
                }
            } else {
                add(address, parsed.length == 1 ? clean.trailingName() : null, field, problems, result);
            }
        }
        return result;
    }

    private static void add(
            InternetAddress address,
            @Nullable String trailingName,
            String field,
            List<String> problems,
            List<MailAddress> result) {
        String spec = address.getAddress() == null ? "" : address.getAddress().strip();
        String personal = address.getPersonal();
        if (personal == null || personal.isBlank()) {
            personal = trailingName;
        }
        if (plainAddress(spec)) {
            result.add(new MailAddress(spec, personal == null || personal.isBlank() ? null : personal));
            return;
        }
        int before = result.size();
        salvage(spec, personal, result);
        if (result.size() == before) {
            problems.add(field + ": '" + spec + "' is not an address: left out");
        }
    }

    /** {@link #ADDRESS} without a regex for the common case: one {@code @}, no space or special character. */
    private static boolean plainAddress(String spec) {
        int at = spec.indexOf('@');
        if (at <= 0 || at == spec.length() - 1 || spec.indexOf('@', at + 1) >= 0) {
            return false;
        }
        for (int i = 0; i < spec.length(); i++) {
            char c = spec.charAt(i);
            if (c <= ' ' || "<>(),;:\"[]".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** The addresses inside text Jakarta could not split: each {@code <...>} or bare addr-spec, with the words before. */
    private static void salvage(String text, @Nullable String name, List<MailAddress> result) {
        for (String piece : text.split("[,;]")) {
            Matcher angle = ANGLE.matcher(piece);
            if (angle.find() && ADDRESS.matcher(angle.group(1)).matches()) {
                String words = piece.substring(0, angle.start()).strip().replace("\"", "");
                result.add(new MailAddress(angle.group(1), words.isEmpty() ? name : decoded(words)));
                continue;
            }
            Matcher bare = ADDRESS.matcher(piece);
            if (bare.find()) {
                result.add(new MailAddress(bare.group(), name));
            }
        }
    }

    /** The list without comments, and the text of a comment that followed an address after a space. */
    private record Decommented(String text, @Nullable String trailingName) {}

    private static Decommented decomment(String raw) {
        if (raw.indexOf('(') < 0) {
            return new Decommented(raw.strip(), null); // no comment: the common case
        }
        StringBuilder out = new StringBuilder(raw.length());
        String trailing = null;
        boolean quoted = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && quoted && i + 1 < raw.length()) {
                out.append(c).append(raw.charAt(++i));
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == '(' && !quoted) {
                int depth = 1;
                int j = i + 1;
                StringBuilder comment = new StringBuilder();
                for (; j < raw.length() && depth > 0; j++) {
                    char d = raw.charAt(j);
                    if (d == '\\' && j + 1 < raw.length()) {
                        comment.append(raw.charAt(++j));
                        continue;
                    }
                    depth += d == '(' ? 1 : d == ')' ? -1 : 0;
                    if (depth > 0) {
                        comment.append(d);
                    }
                }
                boolean spaced = out.length() == 0 || Character.isWhitespace(out.charAt(out.length() - 1));
                if (spaced && !comment.toString().isBlank()) {
                    trailing = decoded(comment.toString().strip());
                }
                out.append(spaced ? " " : ""); // a comment inside a word leaves no gap: pete(x)@y is pete@y
                i = j - 1;
                continue;
            }
            out.append(c);
        }
        return new Decommented(out.toString().strip(), trailing);
    }

    private static String decoded(String words) {
        try {
            return MimeUtility.decodeText(words);
        } catch (java.io.UnsupportedEncodingException e) {
            return words;
        }
    }
}
