package dev.aistudio.chat.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.RestAssured;
import io.vertx.core.json.JsonObject;

/** A plain HTTP client reading chat-service's event streams line by line, as a browser's fetch reader would. */
public final class SseClient implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** One event: its name, id and data. */
    public record Event(String name, String id, String data) {
        public JsonObject json() {
            return new JsonObject(data);
        }

        public int offset() {
            return Integer.parseInt(id);
        }
    }

    private final HttpResponse<InputStream> response;
    private final BufferedReader reader;
    private int comments;

    private SseClient(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
    }

    public static SseClient post(String path, String token, String jsonBody) {
        return open(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody)));
    }

    public static SseClient get(String path, String token, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream").GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return open(request);
    }

    private static SseClient open(HttpRequest.Builder request) {
        try {
            return new SseClient(HTTP.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static URI uri(String path) {
        return path.startsWith("http") ? URI.create(path) : URI.create("http://localhost:" + RestAssured.port + path);
    }

    public int status() {
        return response.statusCode();
    }

    public String contentType() {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    /** The whole body, for a response that is not a stream (a problem). */
    public String body() {
        try {
            return new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next event, or null at the end of the stream. */
    public Event next() {
        String name = null;
        String id = null;
        StringBuilder data = null;
        try {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isEmpty()) {
                    if (data != null) {
                        return new Event(name == null ? "message" : name, id, data.toString());
                    }
                    continue;
                }
                if (line.startsWith(":")) {
                    comments++;
                    continue;
                }
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
                switch (field) {
                    case "event" -> name = value;
                    case "id" -> id = value;
                    case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                    default -> {
                    }
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Comment lines read so far (keep-alives). */
    public int comments() {
        return comments;
    }

    /** Every event until the stream ends. */
    public List<Event> rest() {
        List<Event> events = new ArrayList<>();
        for (Event e = next(); e != null; e = next()) {
            events.add(e);
        }
        return events;
    }

    /** Events until (and with) the first one named {@code name}. */
    public List<Event> until(String name) {
        List<Event> events = new ArrayList<>();
        for (Event e = next(); e != null; e = next()) {
            events.add(e);
            if (e.name().equals(name)) {
                break;
            }
        }
        return events;
    }

    /** The text of the delta events among these. */
    public static String text(List<Event> events) {
        StringBuilder text = new StringBuilder();
        events.stream().filter(e -> e.name().equals("delta")).forEach(e -> text.append(e.json().getString("text")));
        return text.toString();
    }

    /**
     * Re-attaches to {@code streamPath} after the event {@code lastEventId} and checks what every re-attach must give:
     * 200, a {@code message} event with that id, exactly the missing text (after {@code seen}, the whole
     * {@code wholeText}: nothing lost, nothing twice), then the {@code done} event of a complete reply, which it answers.
     */
    public static Event reattachExpectingTheRest(String streamPath, String token, String lastEventId, String seen,
            String wholeText) {
        List<Event> rest;
        try (SseClient again = get(streamPath, token, lastEventId)) {
            assertEquals(200, again.status());
            rest = again.rest();
        }
        assertEquals("message", rest.get(0).name());
        assertEquals(lastEventId, rest.get(0).id());
        Event done = rest.get(rest.size() - 1);
        assertEquals("done", done.name());
        assertEquals("complete", done.json().getJsonObject("message").getString("status"));
        assertEquals(wholeText, seen + text(rest), "exactly the missing text, then the rest: nothing lost, nothing twice");
        return done;
    }

    /** Hangs up, as a browser tab closing would. */
    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException e) {
            // already closed
        }
    }
}
