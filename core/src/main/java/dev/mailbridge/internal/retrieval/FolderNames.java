package dev.mailbridge.internal.retrieval;

import dev.mailbridge.FolderRole;
import dev.mailbridge.ProviderProfile;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.jspecify.annotations.Nullable;

/**
 * Finds folders by name or role the way this server spells them: its hierarchy separator, its personal namespace
 * prefix ({@code INBOX.} on cPanel/Courier servers), the profile's names and the RFC 6154 special-use flags.
 */
public final class FolderNames {
    private final IMAPStore store;
    private final char separator;
    private final String prefix;
    private @Nullable List<IMAPFolder> all;

    public FolderNames(IMAPStore store) throws MessagingException {
        this.store = store;
        this.separator = store.getDefaultFolder().getSeparator();
        Folder[] personal = store.getPersonalNamespaces();
        this.prefix = personal.length == 0 ? "" : personal[0].getFullName();
    }

    /** The server's full name for a user's {@code a/b} name: separator translated, namespace prefix added. */
    public String serverName(String userName) {
        if (userName.equalsIgnoreCase("INBOX")) {
            return "INBOX";
        }
        String translated = separator == '/' ? userName : userName.replace('/', separator);
        if (!prefix.isEmpty()
                && !translated.startsWith(prefix)
                && !translated.toUpperCase(Locale.ROOT).startsWith("INBOX")) {
            return prefix + translated;
        }
        return translated;
    }

    /** The folder for {@code name}, if it exists (tried as given, then as the server would spell it). */
    @Nullable
    public IMAPFolder existing(String name) throws MessagingException {
        IMAPFolder asGiven = (IMAPFolder) store.getFolder(name);
        if (asGiven.exists()) {
            return asGiven;
        }
        IMAPFolder spelled = (IMAPFolder) store.getFolder(serverName(name));
        return spelled.exists() ? spelled : null;
    }

    /** The folder for {@code role}: the profile's name, else the server's special-use flag. */
    @Nullable
    public IMAPFolder byRole(FolderRole role, @Nullable ProviderProfile profile) throws MessagingException {
        if (role == FolderRole.INBOX) {
            return (IMAPFolder) store.getFolder("INBOX");
        }
        if (profile != null && profile.folderName(role).isPresent()) {
            IMAPFolder named = existing(profile.folderName(role).get());
            if (named != null) {
                return named;
            }
        }
        String flag = "\\"
                + switch (role) {
                    case SENT -> "Sent";
                    case ARCHIVE -> "Archive";
                    case TRASH -> "Trash";
                    case DRAFTS -> "Drafts";
                    case JUNK -> "Junk";
                    case ALL -> "All";
                    case INBOX -> "Inbox";
                };
        for (IMAPFolder folder : all()) {
            for (String attribute : folder.getAttributes()) {
                if (attribute.equalsIgnoreCase(flag)) {
                    return folder;
                }
            }
        }
        return null;
    }

    /** The name to create for {@code role} when the server has none. */
    public String defaultName(FolderRole role, @Nullable ProviderProfile profile) {
        if (profile != null && profile.folderName(role).isPresent()) {
            return profile.folderName(role).get();
        }
        String plain = role.name().charAt(0) + role.name().substring(1).toLowerCase(Locale.ROOT);
        return serverName(plain);
    }

    /** Every folder's full name, for error messages. */
    public List<String> allNames() throws MessagingException {
        List<String> names = new ArrayList<>();
        for (IMAPFolder folder : all()) {
            names.add(folder.getFullName());
        }
        return names;
    }

    private List<IMAPFolder> all() throws MessagingException {
        List<IMAPFolder> folders = all;
        if (folders == null) {
            folders = new ArrayList<>();
            for (Folder folder : store.getDefaultFolder().list("*")) {
                folders.add((IMAPFolder) folder);
            }
            all = folders;
        }
        return folders;
    }
}
