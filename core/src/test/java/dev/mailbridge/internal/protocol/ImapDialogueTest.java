package dev.mailbridge.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImapDialogueTest {
    @Test
    void listedNamesKeepSpacesQuotesAndAtoms() {
        assertThat(ImapDialogue.listedName("* LIST (\\HasNoChildren \\Sent) \"/\" \"Sent Items\""))
                .isEqualTo("Sent Items");
        assertThat(ImapDialogue.listedName("* LIST () \".\" \"Say \\\"hi\\\"\""))
                .isEqualTo("Say \"hi\"");
        assertThat(ImapDialogue.listedName("* LIST () \"/\" INBOX")).isEqualTo("INBOX");
    }

    @Test
    void mailboxNamesAreQuotedInModifiedUtf7() {
        assertThat(ImapText.mailbox("Entwürfe")).isEqualTo("\"Entw&APw-rfe\"");
        assertThat(ImapText.mailbox("R&D")).isEqualTo("\"R&-D\"");
    }
}
