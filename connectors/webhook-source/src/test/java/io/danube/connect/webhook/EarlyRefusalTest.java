package io.danube.connect.webhook;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request refused from its headers alone (a form body: 415, a declared length over the limit: 413) is answered
 * before its body arrives. The server must still read and discard that body instead of closing the connection under
 * it: a close with unread bytes makes the kernel send a reset, and the client may then lose the answer (RFC 9112,
 * section 9.6). Each test sends the headers, reads the answer, only then sends the body, and then a second request on
 * the same connection.
 */
class EarlyRefusalTest extends WebhookTestSupport {

    private static final String KEY = "early-key";

    @BeforeEach
    void startConnector() {
        start(serverToml("max_body_size = 2048") + """
                [auth]
                type = "apikey"
                secret_env = "EARLY_KEY"
                [[routes]]
                from = "/raw"
                to = "%s"
                """.formatted(uniqueTopic("early")), Map.of("EARLY_KEY", KEY));
    }

    @Test
    void aFormBodyIsAnswered415BeforeItArrivesAndTheConnectionServesTheNextRequest() throws IOException {
        try (Socket socket = connect()) {
            send(socket, head("application/x-www-form-urlencoded", 1_000));

            assertThat(readAnswer(socket.getInputStream()).status()).isEqualTo(415);

            send(socket, "a=1&".repeat(250));
            send(socket, head("text/plain", 5) + "hello");
            assertThat(readAnswer(socket.getInputStream()).status()).isEqualTo(200);
        }
    }

    @Test
    void aDeclaredLengthOverTheLimitIsAnswered413BeforeTheBodyArrivesAndTheConnectionServesTheNextRequest()
            throws IOException {
        try (Socket socket = connect()) {
            send(socket, head("text/plain", 3_000));

            assertThat(readAnswer(socket.getInputStream()).status()).isEqualTo(413);

            send(socket, "x".repeat(3_000));
            send(socket, head("text/plain", 5) + "hello");
            assertThat(readAnswer(socket.getInputStream()).status()).isEqualTo(200);
        }
    }

    @Test
    void aDeclaredLengthTooLargeToDiscardIsAnswered413AndTheConnectionClosed() throws IOException {
        try (Socket socket = connect()) {
            send(socket, head("text/plain", 50_000_000));

            Answer answer = readAnswer(socket.getInputStream());

            assertThat(answer.status()).isEqualTo(413);
            assertThat(answer.connectionHeader()).isEqualTo("close");
        }
    }


    private Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", connector.port());
        socket.setSoTimeout(20_000);
        return socket;
    }

    private static String head(String contentType, long contentLength) {
        return "POST /raw HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: " + KEY + "\r\nContent-Type: " + contentType
               + "\r\nContent-Length: " + contentLength + "\r\n\r\n";
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private record Answer(int status, String connectionHeader) {
    }

    /** Reads one HTTP/1.1 answer: the head line by line, then exactly Content-Length body bytes. */
    private static Answer readAnswer(InputStream in) throws IOException {
        String statusLine = readLine(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        int length = 0;
        String connection = null;
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            String name = line.substring(0, line.indexOf(':')).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(line.indexOf(':') + 1).trim();
            if (name.equals("content-length")) {
                length = Integer.parseInt(value);
            } else if (name.equals("connection")) {
                connection = value.toLowerCase(Locale.ROOT);
            }
        }
        assertThat(in.readNBytes(length)).hasSize(length);
        return new Answer(status, connection);
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int next = in.read(); next != '\n'; next = in.read()) {
            if (next < 0) {
                throw new IOException("the server closed the connection in the middle of an answer");
            }
            if (next != '\r') {
                line.write(next);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }
}
