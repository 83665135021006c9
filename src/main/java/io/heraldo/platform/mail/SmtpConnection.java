package io.heraldo.platform.mail;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One SMTP session with the relay (RFC 5321): greeting, EHLO, STARTTLS (RFC 3207) and AUTH (PLAIN or LOGIN) as
 * configured, then mail after mail. Commands of one mail go in one write when the relay offers PIPELINING
 * (RFC 2920), and the next mail's commands follow its predecessor's end of data, so a busy connection costs one
 * round trip per mail. Not thread-safe: one connection, one thread.
 */
final class SmtpConnection implements AutoCloseable {

    /** The relay broke off or broke the protocol: the connection is done, what was in flight is unknown. */
    static final class Broken extends IOException {
        Broken(String message) {
            super(message);
        }
    }

    private static final byte[] CRLF = { '\r', '\n' };
    private static final byte[] END_OF_DATA = ".\r\n".getBytes(StandardCharsets.US_ASCII);

    private final SmtpRelay.Settings settings;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private boolean pipelining;
    private long lastUsedNanos;

    SmtpConnection(SmtpRelay.Settings settings) {
        this.settings = settings;
    }

    boolean isOpen() {
        return socket != null;
    }

    long idleNanos() {
        return System.nanoTime() - lastUsedNanos;
    }

    boolean pipelining() {
        return pipelining;
    }

    /**
     * Whether the relay said something nobody asked for: an idle connection it is closing ({@code 421}, sent when its
     * own timeout ran out). Such a connection is not used for another mail.
     */
    boolean hasUnsolicitedInput() {
        try {
            return in.available() > 0;
        } catch (IOException e) {
            return true;
        }
    }

    /** Connects and says hello; refusals at this stage are reported as a reply, not thrown. */
    SmtpReply open() throws IOException {
        int timeout = (int) settings.timeout().toMillis();
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(settings.host(), settings.port()), timeout);
        socket.setSoTimeout(timeout);
        streams();
        SmtpReply greeting = read();
        if (!greeting.accepted()) {
            return greeting;
        }
        Set<String> extensions = new HashSet<>();
        SmtpReply hello = ehlo(extensions);
        if (!hello.accepted()) {
            return hello;
        }
        if (settings.startTls() != SmtpRelay.TlsMode.DISABLED) {
            if (extensions.contains("STARTTLS")) {
                SmtpReply ready = command("STARTTLS");
                if (!ready.accepted()) {
                    return ready;
                }
                startTls();
                extensions.clear();
                hello = ehlo(extensions);
                if (!hello.accepted()) {
                    return hello;
                }
            } else if (settings.startTls() == SmtpRelay.TlsMode.REQUIRED) {
                return SmtpReply.noAnswer("the relay does not offer STARTTLS, which heraldo.email.start-tls requires");
            }
        }
        if (settings.username().isPresent()) {
            SmtpReply auth = authenticate(extensions);
            if (!auth.accepted()) {
                return auth;
            }
        }
        pipelining = extensions.contains("PIPELINING");
        lastUsedNanos = System.nanoTime();
        return hello;
    }

    private SmtpReply ehlo(Set<String> extensions) throws IOException {
        SmtpReply reply = command("EHLO " + settings.heloName());
        for (String line : reply.text().split("\n")) {
            extensions.add(line.trim().split(" ", 2)[0].toUpperCase(Locale.ROOT));
            if (line.toUpperCase(Locale.ROOT).startsWith("AUTH ")) {
                for (String mechanism : line.substring(5).trim().split(" ")) {
                    extensions.add("AUTH=" + mechanism.toUpperCase(Locale.ROOT));
                }
            }
        }
        return reply;
    }

    private void startTls() throws IOException {
        try {
            SSLSocket tls = (SSLSocket) SSLContext.getDefault().getSocketFactory().createSocket(socket,
                    settings.host(), settings.port(), true);
            // The relay's certificate must name the host Heraldo was told to reach.
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            tls.setSSLParameters(parameters);
            tls.setUseClientMode(true);
            tls.startHandshake();
            socket = tls;
            streams();
        } catch (NoSuchAlgorithmException e) {
            throw new IOException("no TLS: " + e.getMessage(), e);
        }
    }

    private SmtpReply authenticate(Set<String> extensions) throws IOException {
        String user = settings.username().get();
        String password = settings.password().orElse("");
        Base64.Encoder base64 = Base64.getEncoder();
        if (extensions.contains("AUTH=PLAIN") || !extensions.contains("AUTH=LOGIN")) {
            String credentials = base64.encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
            return command("AUTH PLAIN " + credentials);
        }
        SmtpReply reply = command("AUTH LOGIN");
        if (reply.code() != 334) {
            return reply;
        }
        reply = command(base64.encodeToString(user.getBytes(StandardCharsets.UTF_8)));
        if (reply.code() != 334) {
            return reply;
        }
        return command(base64.encodeToString(password.getBytes(StandardCharsets.UTF_8)));
    }

    private void streams() throws IOException {
        in = new BufferedInputStream(socket.getInputStream(), 8192);
        out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
    }

    private SmtpReply command(String line) throws IOException {
        out.write(line.getBytes(StandardCharsets.US_ASCII));
        out.write(CRLF);
        out.flush();
        return read();
    }

    /** Writes MAIL FROM, each RCPT TO and DATA, without waiting: the replies are read by {@link #envelopeReplies}. */
    void writeEnvelope(OutgoingMail mail) throws IOException {
        out.write(("MAIL FROM:<" + mail.envelopeFrom() + ">\r\n").getBytes(StandardCharsets.US_ASCII));
        for (String recipient : mail.recipients()) {
            out.write(("RCPT TO:<" + recipient + ">\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        out.write("DATA\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    void flush() throws IOException {
        out.flush();
    }

    /**
     * Reads the replies to an envelope written with {@link #writeEnvelope}: empty when the relay is ready for the
     * message ({@code 354}), else the refusal that stopped it (the connection is reset for the next mail).
     */
    SmtpReply envelopeReplies(OutgoingMail mail) throws IOException {
        SmtpReply from = read();
        closing(from);
        SmtpReply refusal = from.accepted() ? null : from;
        int acceptedRecipients = 0;
        for (int i = 0; i < mail.recipients().size(); i++) {
            SmtpReply to = read();
            if (to.accepted()) {
                acceptedRecipients++;
            } else if (refusal == null) {
                refusal = to;
            }
        }
        SmtpReply data = read();
        if (data.code() == 354) {
            if (acceptedRecipients > 0 && from.accepted()) {
                return null;
            }
            // Some relays say 354 even without a recipient: end an empty message, then forget the transaction.
            out.write(END_OF_DATA);
            out.flush();
            read();
        } else if (refusal == null) {
            refusal = data;
        }
        if (from.accepted()) {
            command("RSET");
        }
        return refusal;
    }

    /** The envelope a command at a time, for a relay without PIPELINING; null when it is ready for the message. */
    SmtpReply envelopeStepByStep(OutgoingMail mail) throws IOException {
        SmtpReply from = command("MAIL FROM:<" + mail.envelopeFrom() + ">");
        closing(from);
        if (!from.accepted()) {
            return from;
        }
        SmtpReply refusal = null;
        int acceptedRecipients = 0;
        for (String recipient : mail.recipients()) {
            SmtpReply to = command("RCPT TO:<" + recipient + ">");
            if (to.accepted()) {
                acceptedRecipients++;
            } else if (refusal == null) {
                refusal = to;
            }
        }
        if (acceptedRecipients == 0) {
            command("RSET");
            return refusal;
        }
        SmtpReply data = command("DATA");
        if (data.code() != 354) {
            command("RSET");
            return data;
        }
        return null;
    }

    /** Writes the message and its end; the relay's verdict is read by {@link #read}. */
    void writeMessage(OutgoingMail mail) throws IOException {
        mail.body().writeTo(out);
        out.write(END_OF_DATA);
        lastUsedNanos = System.nanoTime();
    }

    /** A {@code 421} is the relay closing the connection, whatever command it answers: nothing more goes on it. */
    private static void closing(SmtpReply reply) throws Broken {
        if (reply.code() == 421) {
            throw new Broken("the relay is closing the connection: " + reply);
        }
    }

    /** One reply, multi-line ones joined with {@code \n}. */
    SmtpReply read() throws IOException {
        StringBuilder text = new StringBuilder();
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        while (true) {
            line.reset();
            int b;
            while ((b = in.read()) != '\n') {
                if (b < 0) {
                    throw new EOFException("the relay closed the connection");
                }
                if (b != '\r') {
                    line.write(b);
                }
            }
            String reply = line.toString(StandardCharsets.UTF_8);
            if (reply.length() < 3 || !Character.isDigit(reply.charAt(0)) || !Character.isDigit(reply.charAt(1))
                    || !Character.isDigit(reply.charAt(2))) {
                throw new Broken("the relay answered something that is not SMTP: " + reply);
            }
            if (text.length() > 0) {
                text.append('\n');
            }
            text.append(reply.length() > 4 ? reply.substring(4) : "");
            if (reply.length() == 3 || reply.charAt(3) != '-') {
                return new SmtpReply(Integer.parseInt(reply.substring(0, 3)), text.toString());
            }
        }
    }

    @Override
    public void close() {
        if (socket == null) {
            return;
        }
        try {
            socket.setSoTimeout(1_000);
            out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException | RuntimeException ignored) {
            // closing anyway
        }
        abort();
    }

    /** Drops the connection without a word: after an error nothing it says can be trusted. */
    void abort() {
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException ignored) {
            // nothing to do
        }
        socket = null;
    }
}
