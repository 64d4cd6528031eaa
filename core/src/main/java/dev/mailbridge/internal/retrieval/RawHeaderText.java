package dev.mailbridge.internal.retrieval;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Header text as the sender meant it. Jakarta Mail reads header bytes one char per byte (ISO-8859-1), which is lossless
 * but wrong for the raw UTF-8 that RFC 6532 allows and modern clients send ("Rückerstattung" arrived as
 * "RÃ¼ckerstattung"). The bytes are read again as UTF-8 when they are valid UTF-8, and as Windows-1252 (Latin-1 plus
 * the printable characters Windows puts at 0x80-0x9F) when they are not.
 */
final class RawHeaderText {
    private static final Charset WINDOWS_1252 = windows1252();

    private RawHeaderText() {}

    /** {@code value} as Jakarta read it, decoded again from its original bytes. */
    static String recode(String value) {
        boolean eightBit = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0xFF) {
                return value; // already decoded by someone who knew better
            }
            if (c > 0x7F) {
                eightBit = true;
            }
        }
        if (!eightBit) {
            return value;
        }
        byte[] bytes = value.getBytes(StandardCharsets.ISO_8859_1);
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException notUtf8) {
            return new String(bytes, WINDOWS_1252);
        }
    }

    private static Charset windows1252() {
        try {
            return Charset.forName("windows-1252");
        } catch (IllegalArgumentException absent) {
            return StandardCharsets.ISO_8859_1; // a JDK without it: Latin-1 covers all but 0x80-0x9F
        }
    }
}
