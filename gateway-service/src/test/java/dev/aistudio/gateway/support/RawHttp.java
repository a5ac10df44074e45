package dev.aistudio.gateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import io.restassured.RestAssured;

/**
 * HTTP/1.1 over a plain socket, for what an HTTP client library would tidy up (dot segments, encoded slashes) and for
 * walking away in the middle of a stream.
 */
public final class RawHttp implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;

    private RawHttp(Socket socket) throws IOException {
        this.socket = socket;
        this.socket.setSoTimeout(15_000);
        this.in = socket.getInputStream();
    }

    /** Sends the request head (and body) exactly as given. */
    public static RawHttp send(String method, String rawTarget, String extraHeaders, String body) {
        try {
            RawHttp http = new RawHttp(new Socket("localhost", RestAssured.port));
            String head = method + " " + rawTarget + " HTTP/1.1\r\nHost: localhost:" + RestAssured.port + "\r\n"
                    + "X-Forwarded-For: 10.255.0.1\r\n" + extraHeaders
                    + (body == null ? "" : "Content-Type: application/json\r\nContent-Length: "
                            + body.getBytes(StandardCharsets.UTF_8).length + "\r\n")
                    + "\r\n" + (body == null ? "" : body);
            OutputStream out = http.socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.UTF_8));
            out.flush();
            return http;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends one more request on the same connection (keep-alive), exactly as given. */
    public RawHttp again(String method, String rawTarget, String extraHeaders) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + rawTarget + " HTTP/1.1\r\nHost: localhost:" + RestAssured.port + "\r\n"
                    + "X-Forwarded-For: 10.255.0.1\r\n" + extraHeaders + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends a chunked body of the given size in 8 KiB chunks (or until the gateway stops listening). */
    public static RawHttp sendChunked(String method, String rawTarget, String extraHeaders, int size) {
        try {
            RawHttp http = new RawHttp(new Socket("localhost", RestAssured.port));
            OutputStream out = http.socket.getOutputStream();
            out.write((method + " " + rawTarget + " HTTP/1.1\r\nHost: localhost:" + RestAssured.port + "\r\n"
                    + "X-Forwarded-For: 10.255.0.2\r\n" + extraHeaders
                    + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = "x".repeat(8192).getBytes(StandardCharsets.US_ASCII);
            try {
                for (int sent = 0; sent < size; sent += chunk.length) {
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException e) {
                // the gateway refused the rest of the body and closed: the answer is still there to read
            }
            return http;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The status code of the answer. */
    public int status() {
        String statusLine = readUntil("\r\n");
        return Integer.parseInt(statusLine.split(" ")[1]);
    }

    /** Reads until the text appears (or the stream ends) and answers everything read. */
    public String readUntil(String text) {
        StringBuilder read = new StringBuilder();
        try {
            int b;
            while ((b = in.read()) >= 0) {
                read.append((char) b);
                if (read.indexOf(text) >= 0) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return read.toString();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // already gone
        }
    }
}
