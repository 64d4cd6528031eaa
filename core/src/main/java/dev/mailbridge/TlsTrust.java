package dev.mailbridge;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Which certificate authorities a {@link MailboxClient} trusts. Certificates are always checked and host names always
 * verified; this only chooses the anchors. {@link #system()} is right for public providers; a private CA (an
 * on-premises server, a test lab) is added with {@link #fromKeyStore(KeyStore)} or {@link #fromPkcs12(Path, char[])}.
 */
public final class TlsTrust {
    private static final TlsTrust SYSTEM = new TlsTrust(null, "system trust store");

    private final @Nullable KeyStore anchors;
    private final String description;

    private TlsTrust(@Nullable KeyStore anchors, String description) {
        this.anchors = anchors;
        this.description = description;
    }

    /** The JVM's default trust store (the public CAs). */
    public static TlsTrust system() {
        return SYSTEM;
    }

    /** Trusts exactly the certificates in {@code keyStore} (typically a CA). */
    public static TlsTrust fromKeyStore(KeyStore keyStore) {
        Objects.requireNonNull(keyStore, "keyStore");
        return new TlsTrust(keyStore, "custom trust store");
    }

    /**
     * Trusts exactly the certificates in a PKCS#12 file.
     *
     * @throws IllegalArgumentException if the file cannot be read as PKCS#12 with that password
     */
    public static TlsTrust fromPkcs12(Path file, char[] password) {
        Objects.requireNonNull(file, "file");
        try (InputStream in = Files.newInputStream(file)) {
            return fromPkcs12(in, password, file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("trust store " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Trusts exactly the certificates in a PKCS#12 stream (read fully, not closed).
     *
     * @throws IllegalArgumentException if the stream is not PKCS#12 with that password
     */
    public static TlsTrust fromPkcs12(InputStream in, char[] password, String name) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return new TlsTrust(store, "trust store " + name);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "trust store " + name + " is not a PKCS#12 file with that password: " + e.getMessage(), e);
        }
    }

    /** The anchors, or {@code null} for the JVM default; for Mailbridge's own TLS setup. */
    @Nullable
    KeyStore anchors() {
        return anchors;
    }

    /** Which store this is, for reports. */
    @Override
    public String toString() {
        return description;
    }
}
