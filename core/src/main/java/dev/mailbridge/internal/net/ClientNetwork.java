package dev.mailbridge.internal.net;

import dev.mailbridge.MailboxClient;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The network settings of a {@link MailboxClient} (its {@link dev.mailbridge.Dns}, TLS trust and timeouts) for
 * Mailbridge's other modules, so that everything they connect to (discovery's HTTP requests among them) follows the
 * client the application configured. The client registers the accessor when its class initialises; nothing public
 * exposes it.
 */
public final class ClientNetwork {
    private static volatile @Nullable Function<MailboxClient, NetSettings> access;

    private ClientNetwork() {}

    /** Called once by {@link MailboxClient}'s static initialiser. */
    public static void register(Function<MailboxClient, NetSettings> accessor) {
        access = Objects.requireNonNull(accessor, "accessor");
    }

    /** {@code client}'s network settings. */
    public static NetSettings of(MailboxClient client) {
        Objects.requireNonNull(client, "client");
        // Having an instance means the class has initialised, so the accessor is registered.
        Function<MailboxClient, NetSettings> accessor = access;
        if (accessor == null) {
            throw new IllegalStateException("MailboxClient has not registered its network accessor");
        }
        return accessor.apply(client);
    }
}
