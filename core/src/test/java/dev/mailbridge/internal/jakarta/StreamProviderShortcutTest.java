package dev.mailbridge.internal.jakarta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.util.StreamProvider;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Jakarta's provider lookup is answered inside the shortcut, and the caller's context loader always comes back. */
class StreamProviderShortcutTest {
    @Test
    void theLookupFindsAngusThroughTheShortcutLoader() throws Exception {
        ClassLoader before = Thread.currentThread().getContextClassLoader();

        String provider = StreamProviderShortcut.call(() -> {
            assertThat(Thread.currentThread().getContextClassLoader()).isNotSameAs(before);
            assertThat(Thread.currentThread()
                            .getContextClassLoader()
                            .getResources("META-INF/services/jakarta.mail.util.StreamProvider")
                            .nextElement()
                            .getProtocol())
                    .isEqualTo("mailbridge-memory");
            return StreamProvider.provider().getClass().getName();
        });

        assertThat(provider).isEqualTo("org.eclipse.angus.mail.util.MailStreamProvider");
        assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(before);
    }

    @Test
    void theCallersLoaderIsRestoredWhenTheWorkFails() {
        ClassLoader before = Thread.currentThread().getContextClassLoader();

        assertThatThrownBy(() -> StreamProviderShortcut.call(() -> {
                    throw new IOException("broken");
                }))
                .hasMessage("broken");

        assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(before);
    }
}
