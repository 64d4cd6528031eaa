package dev.mailbridge.internal.check;

import dev.mailbridge.internal.net.CertificateVerdict;
import dev.mailbridge.internal.net.Connector;
import dev.mailbridge.internal.net.NetSettings;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;

/** Asks whether a port speaks TLS at once, whatever the certificate: a server hello is enough. */
final class TlsProbe {
    private TlsProbe() {}

    /** Whether {@code host:port} answers a TLS handshake within {@code timeout} (per connect and per read). */
    static boolean speaksTls(NetSettings net, String host, int port, Duration timeout) {
        NetSettings quick = net.capped(timeout);
        CertificateVerdict verdict = new CertificateVerdict(host);
        Socket socket = null;
        try {
            socket = Connector.connect(
                    Connector.resolve(quick.dns(), host), port, quick.connectTimeout(), quick.readTimeout());
            socket = quick.tls().handshake(socket, port, verdict);
            return true;
        } catch (IOException e) {
            // A certificate we did not like still proves the port speaks TLS.
            return verdict.outcome() != CertificateVerdict.Outcome.NOT_CHECKED;
        } finally {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // probe socket; nothing to do
                }
            }
        }
    }
}
