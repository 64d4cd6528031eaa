package dev.mailbridge.testing;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Test messages: simple ones made here, broken ones read from the corpus in test resources. */
public final class Mail {
    private static final Session SESSION = Session.getInstance(new Properties());

    private Mail() {}

    public static MimeMessage simple(String subject, String body) {
        try {
            MimeMessage message = new MimeMessage(SESSION);
            message.setFrom(new InternetAddress("customer@acme.test", "A Customer"));
            message.setRecipients(MimeMessage.RecipientType.TO, "dana@mailbridge.test");
            message.setSubject(subject, "UTF-8");
            message.setText(body, "UTF-8");
            message.setHeader("Message-ID", "<" + subject.replace(' ', '-') + "@acme.test>");
            message.setSentDate(new java.util.Date());
            return message;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static MimeMessage corpus(String name) {
        try (InputStream in = Mail.class.getClassLoader().getResourceAsStream("corpus/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing corpus/" + name);
            }
            return new MimeMessage(SESSION, in);
        } catch (IOException | jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] corpusBytes(String name) {
        try (InputStream in = Mail.class.getClassLoader().getResourceAsStream("corpus/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing corpus/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
