package org.helpline.router.supervision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import org.helpline.router.support.TestAccounts;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Reads a Server-Sent Events stream in the background and keeps every {@code data:} line. */
final class SseReader implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> data = new CopyOnWriteArrayList<>();
    private volatile Stream<String> lines;
    private volatile int status = -1;
    private final CompletableFuture<?> reading;

    private SseReader(URI uri, String user, String password) {
        String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", "Basic " + auth)
                .header("Accept", "text/event-stream").build();
        reading = HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines()).thenAccept(r -> {
            status = r.statusCode();
            lines = r.body();
            lines.filter(l -> l.startsWith("data:")).forEach(data::add);
        });
    }

    static URI url(String path) {
        return URI.create("http://localhost:" + RestAssured.port + path);
    }

    static SseReader open(URI uri) {
        return new SseReader(uri, TestAccounts.OPERATOR, TestAccounts.OPERATOR_PASSWORD);
    }

    /** A stream opened with an account of the test's own. */
    static SseReader open(URI uri, String user, String password) {
        return new SseReader(uri, user, password);
    }

    /** The response's status, or -1 before it arrived. */
    int status() {
        return status;
    }

    /** Whether the server has ended the response (or it failed). */
    boolean ended() {
        return reading.isDone();
    }

    /** Whether one received update contains every fragment. */
    boolean saw(String... fragments) {
        return data.stream().anyMatch(d -> Stream.of(fragments).allMatch(d::contains));
    }

    /** Whether one received update shows the line in a state the test accepts. */
    boolean sawLine(String line, Predicate<JsonNode> test) {
        return data.stream().map(SseReader::json).filter(java.util.Objects::nonNull)
                .flatMap(root -> java.util.stream.StreamSupport.stream(root.path("lines").spliterator(), false))
                .filter(l -> line.equals(l.path("line").asText())).anyMatch(test);
    }

    /** How many updates arrived. */
    int count() {
        return data.size();
    }

    private static JsonNode json(String dataLine) {
        try {
            return JSON.readTree(dataLine.substring("data:".length()));
        } catch (Exception e) {
            return null;
        }
    }

    @Override
    public void close() {
        reading.cancel(true);
        if (lines != null) {
            lines.close();
        }
    }
}
