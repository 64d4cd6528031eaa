package dev.mailbridge.sending;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Whether an auto-reply went out, and if not, why.
 *
 * @param suppression why no reply was sent, or {@code null} when one was attempted
 * @param detail one line for a person, such as the header that marked the message automatic
 * @param delivery the delivery of the reply, when one was attempted
 */
public record AutoReplyResult(
        @Nullable Suppression suppression,
        String detail,
        @Nullable DeliveryResult delivery) {
    /** Checks that exactly one of suppression and delivery is present. */
    public AutoReplyResult {
        Objects.requireNonNull(detail, "detail");
        if ((suppression == null) == (delivery == null)) {
            throw new IllegalArgumentException("an auto-reply is either suppressed or delivered");
        }
    }

    /** Why an auto-reply was not sent. */
    public enum Suppression {
        /**
         * The message is itself automatic: {@code Auto-Submitted} other than {@code no}, {@code Precedence:
         * auto_reply}, or a vendor's auto-reply header ({@code X-Autoreply}, Apple's {@code X-Apple-Action:
         * VACATION}...).
         */
        AUTOMATIC_MESSAGE,
        /**
         * Bulk or list mail: {@code Precedence: bulk/list/junk}, or a mailing-list header ({@code List-Id}, {@code
         * List-Post}, {@code List-Unsubscribe}...).
         */
        BULK_OR_LIST,
        /** The Return-Path is empty ({@code <>}): a bounce or other notification. */
        NULL_RETURN_PATH,
        /**
         * The sender is a robot: its local part holds a marker such as {@code noreply}, {@code donotreply}, {@code
         * mailer-daemon}, {@code postmaster}, {@code bounce}, {@code dmarc}, {@code owner-} or {@code -request}.
         */
        SYSTEM_SENDER,
        /** The sender is this mailbox or one of its aliases. */
        OWN_ADDRESS,
        /** This sender already got an auto-reply within the policy's period. */
        RATE_LIMITED,
        /** The message has no usable address to answer. */
        NO_RECIPIENT,
        /**
         * A report for a machine ({@code multipart/report}: a delivery status notification or bounce, a read receipt, an
         * abuse feedback report), or a message carrying one of their parts.
         */
        REPORT,
        /**
         * Answering would start a loop between automatic systems: the message replies to one of this library's own
         * auto-replies, carries a loop-detection header ({@code X-Loop}), or its subject is another system's
         * auto-reply ({@code Automatic reply:}, {@code Out of Office:}...).
         */
        LOOP
    }

    /** Whether the reply was accepted by the server for its recipient. */
    public boolean sent() {
        return delivery != null && delivery.sent();
    }

    /** The reason no reply was sent, if it was suppressed. */
    public Optional<Suppression> suppressed() {
        return Optional.ofNullable(suppression);
    }

    /** The delivery, if a reply was attempted. */
    public Optional<DeliveryResult> deliveryResult() {
        return Optional.ofNullable(delivery);
    }
}
