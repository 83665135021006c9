package io.heraldo.platform.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small SMTP server over real sockets whose answers a test chooses: with or without PIPELINING, a reply code per
 * recipient, a connection dropped after a number of messages. Strict where the client could go wrong: without
 * PIPELINING, a client that sends a command before the previous reply gets {@code 554} and is disconnected.
 */
final class ScriptedSmtpServer implements AutoCloseable {

    private final ServerSocket server;
    private final boolean pipelining;
    private final ExecutorService sessions = Executors.newCachedThreadPool();
    /** Recipient → reply to RCPT TO, for those that do not get 250. */
    private final Map<String, String> rcptReplies = new ConcurrentHashMap<>();
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger pipelinedGroups = new AtomicInteger();
    private volatile int dropAfterMessages = Integer.MAX_VALUE;
    private volatile int messagesPerConnection = Integer.MAX_VALUE;
    private volatile String violation;

    ScriptedSmtpServer(boolean pipelining) throws IOException {
        this.pipelining = pipelining;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        sessions.execute(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    void answerRcpt(String recipient, String reply) {
        rcptReplies.put(recipient, reply);
    }

    /** Each connection is closed without a word after this many messages. */
    void dropAfter(int messages) {
        dropAfterMessages = messages;
    }

    /** After this many messages on a connection, the next MAIL FROM is answered 421 and the connection closed. */
    void messagesPerConnection(int messages) {
        messagesPerConnection = messages;
    }

    List<String> messages() {
        return messages;
    }

    int connections() {
        return connections.get();
    }

    /** How many times a command arrived while more were already waiting behind it. */
    int pipelinedGroups() {
        return pipelinedGroups.get();
    }

    /** What a client did that the protocol does not allow, if anything. */
    String violation() {
        return violation;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                connections.incrementAndGet();
                sessions.execute(() -> session(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void session(Socket socket) {
        try (socket) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            reply(out, "220 scripted ESMTP");
            int received = 0;
            int recipients = 0;
            String line;
            while ((line = in.readLine()) != null) {
                if (in.ready()) {
                    if (!pipelining && !line.equalsIgnoreCase("DATA")) {
                        violation = "a command arrived behind '" + line + "' without PIPELINING";
                        reply(out, "554 not pipelining");
                        return;
                    }
                    pipelinedGroups.incrementAndGet();
                }
                String command = line.toUpperCase();
                if (command.startsWith("EHLO")) {
                    reply(out, "250-scripted\r\n" + (pipelining ? "250-PIPELINING\r\n" : "") + "250 8BITMIME");
                } else if (command.startsWith("MAIL FROM:") && received >= messagesPerConnection) {
                    reply(out, "421 4.7.0 too many messages on this connection, closing");
                    return;
                } else if (command.startsWith("MAIL FROM:")) {
                    recipients = 0;
                    reply(out, "250 ok");
                } else if (command.startsWith("RCPT TO:")) {
                    String recipient = line.substring(line.indexOf('<') + 1, line.indexOf('>'));
                    String answer = rcptReplies.getOrDefault(recipient, "250 ok");
                    recipients += answer.startsWith("2") ? 1 : 0;
                    reply(out, answer);
                } else if (command.equals("DATA") && recipients == 0) {
                    reply(out, "554 no valid recipients");
                } else if (command.equals("DATA")) {
                    reply(out, "354 go on");
                    StringBuilder message = new StringBuilder();
                    String data;
                    while (!(data = in.readLine()).equals(".")) {
                        message.append(data.startsWith("..") ? data.substring(1) : data).append("\n");
                    }
                    messages.add(message.toString());
                    if (++received >= dropAfterMessages) {
                        return;
                    }
                    reply(out, "250 queued");
                } else if (command.equals("RSET") || command.equals("NOOP")) {
                    recipients = 0;
                    reply(out, "250 ok");
                } else if (command.equals("QUIT")) {
                    reply(out, "221 bye");
                    return;
                } else {
                    reply(out, "502 unknown command");
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the client went away
        }
    }

    /** Every open connection told {@code 421} and closed, as a relay does when its idle timeout runs out. */
    void closeIdleConnections() throws IOException {
        for (Socket socket : open) {
            if (!socket.isClosed()) {
                reply(socket.getOutputStream(), "421 4.4.2 idle for too long, closing");
                socket.close();
            }
        }
    }

    /** Drops every open connection at once, with a reset and no goodbye, as a relay's firewall may. */
    void resetConnections() throws IOException {
        for (Socket socket : open) {
            if (!socket.isClosed()) {
                socket.setSoLinger(true, 0);
                socket.close();
            }
        }
    }

    private static void reply(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        sessions.shutdownNow();
    }
}
