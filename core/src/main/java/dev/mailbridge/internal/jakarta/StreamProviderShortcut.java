package dev.mailbridge.internal.jakarta;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * Runs Jakarta Mail work with a context class loader that answers Jakarta's {@code StreamProvider} lookup from memory.
 *
 * <p>Why: Jakarta Mail API 2.1 looks the provider up again with {@link java.util.ServiceLoader} on every {@code
 * MimeMessage}, multipart, {@code MimeUtility.decodeText} and {@code InternetAddress.getPersonal} call, and each
 * lookup reads the service file of every jar on the class path (jakartaee/mail-api issues 699 and 861). Against
 * Dovecot, which serves 10,000 whole messages in under a second, that was about 45% of retrieval's CPU time. The lookup
 * honours the thread's context class loader, so during our own parsing and composing that loader is one which serves
 * the same service file (the one found on the class path when this class loaded) from memory and delegates everything
 * else to Mailbridge's own loader. The caller's loader is restored before any application code runs.
 */
public final class StreamProviderShortcut {
    private static final String SERVICE_FILE = "META-INF/services/jakarta.mail.util.StreamProvider";
    private static final ClassLoader LOADER = new ShortcutLoader(StreamProviderShortcut.class.getClassLoader());

    private StreamProviderShortcut() {}

    /** Work that may throw {@code E}. */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T run() throws E;
    }

    /** Runs {@code work} on this thread with the shortcut loader as context class loader. */
    public static <T, E extends Exception> T call(Work<T, E> work) throws E {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(LOADER);
        try {
            return work.run();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static final class ShortcutLoader extends ClassLoader {
        private final List<URL> serviceFiles;

        ShortcutLoader(ClassLoader parent) {
            super("mailbridge-stream-provider", parent);
            URL real = parent.getResource(SERVICE_FILE);
            this.serviceFiles = real == null ? List.of() : List.of(inMemory(real));
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            return SERVICE_FILE.equals(name) ? Collections.enumeration(serviceFiles) : super.getResources(name);
        }

        /** A URL that yields {@code real}'s bytes without touching the jar again. */
        private static URL inMemory(URL real) {
            byte[] content;
            try (InputStream in = real.openStream()) {
                content = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + real, e);
            }
            URLStreamHandler handler = new URLStreamHandler() {
                @Override
                protected URLConnection openConnection(URL url) {
                    return new URLConnection(url) {
                        @Override
                        public void connect() {}

                        @Override
                        public InputStream getInputStream() {
                            return new ByteArrayInputStream(content);
                        }
                    };
                }
            };
            try {
                return new URL(null, "mailbridge-memory:" + SERVICE_FILE, handler);
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
