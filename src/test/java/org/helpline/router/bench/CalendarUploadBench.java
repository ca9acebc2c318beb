package org.helpline.router.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.helpline.router.support.LargeCalendar;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Calendar benchmark ({@code scripts/bench calendar}, see docs/benchmarks.md): uploads a 1 MB calendar
 * ({@link LargeCalendar}, 3 591 events) to a running service over HTTP on 127.0.0.1, as an operator's browser or
 * script would, and prints a Markdown table of the client-side times: connect to the last byte of the answer.
 * Not a test: surefire never runs it.
 *
 * <p>Each round creates a fresh line and times: the first upload to it (every occurrence inserted), the same
 * document again (nothing changes), the document with every summary changed (every occurrence updated), and
 * deletes the line. The first round runs on a JVM that has served no upload yet and is reported on its own;
 * then {@code bench.calendar.warmup} rounds (3) are run and dropped, and {@code bench.calendar.rounds} (10)
 * are measured. Usage: {@code CalendarUploadBench <http-port> <username> <password>}. Exits 1 when an upload
 * does not import every event.
 */
public final class CalendarUploadBench {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final String base;
    private final String authorization;
    private final LargeCalendar calendar;
    private final LargeCalendar corrected;
    private int lines;

    CalendarUploadBench(int port, String username, String password) {
        this.base = "http://127.0.0.1:" + port + "/api/lines";
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        LocalDate tomorrow = LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(1);
        this.calendar = LargeCalendar.oneMegabyte(tomorrow);
        this.corrected = LargeCalendar.corrected(tomorrow, calendar.events());
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: CalendarUploadBench <http-port> <username> <password>");
            System.exit(2);
        }
        CalendarUploadBench bench = new CalendarUploadBench(Integer.parseInt(args[0]), args[1], args[2]);
        int warmup = Integer.getInteger("bench.calendar.warmup", 3);
        int rounds = Integer.getInteger("bench.calendar.rounds", 10);
        List<long[]> cold = List.of(bench.round());
        for (int i = 0; i < warmup; i++) {
            bench.round();
        }
        List<long[]> measured = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            measured.add(bench.round());
        }
        System.out.printf("1 MB calendar: %d bytes, %d events, all inside the import window; answer of the first"
                        + " upload: %d bytes.%n%n", bench.calendar.document().getBytes(StandardCharsets.UTF_8).length,
                bench.calendar.events(), bench.lastAnswerBytes);
        System.out.println("| upload | rounds | median ms | min ms | max ms |");
        System.out.println("|---|---:|---:|---:|---:|");
        System.out.println(row("first upload to a line, fresh JVM (its first upload ever)", cold, 0));
        System.out.println(row("first upload to a line (every occurrence inserted)", measured, 0));
        System.out.println(row("same document again (nothing changes)", measured, 1));
        System.out.println(row("every summary changed (every occurrence updated)", measured, 2));
    }

    private long lastAnswerBytes;

    /** One fresh line: first upload, same again, corrected; returns the three times in milliseconds. */
    long[] round() throws Exception {
        String code = "bench-cal-" + (++lines);
        send("DELETE", "/" + code, null, null);
        String line = """
                {"code":"%s","name":"Calendar benchmark %d","number":"+3380099%04d","timeZone":"Europe/Paris",
                "crisisNumbers":[{"label":"3114","number":"3114"}]}""".formatted(code, lines, lines);
        expect(201, send("POST", "", "application/json", line));
        long[] times = new long[3];
        times[0] = upload(code, calendar, "imported");
        times[1] = upload(code, calendar, "unchanged");
        times[2] = upload(code, corrected, "updated");
        expect(204, send("DELETE", "/" + code, null, null));
        return times;
    }

    /** Uploads and checks that the named count covers every event; returns the client-side time. */
    private long upload(String code, LargeCalendar document, String count) throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> answer = send("POST", "/" + code + "/closures", "text/calendar; charset=UTF-8",
                document.document());
        long took = (System.nanoTime() - started) / 1_000_000;
        expect(200, answer);
        JsonNode body = json.readTree(answer.body());
        if (body.path(count).asInt(-1) != document.events()) {
            System.err.printf("upload to %s: %s was %s, expected %d%n", code, count, body.path(count), document.events());
            System.exit(1);
        }
        if ("imported".equals(count)) {
            lastAnswerBytes = answer.body().getBytes(StandardCharsets.UTF_8).length;
        }
        return took;
    }

    private HttpResponse<String> send(String method, String path, String type, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(2))
                .header("Authorization", authorization).header("Accept", "application/json");
        if (type != null) {
            request.header("Content-Type", type);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static void expect(int status, HttpResponse<String> answer) {
        if (answer.statusCode() != status) {
            System.err.printf("%s %s: HTTP %d, expected %d: %s%n", answer.request().method(), answer.uri(),
                    answer.statusCode(), status, answer.body());
            System.exit(1);
        }
    }

    private static String row(String label, List<long[]> rounds, int column) {
        long[] sorted = rounds.stream().mapToLong(r -> r[column]).sorted().toArray();
        long median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        return "| %s | %d | %d | %d | %d |".formatted(label, sorted.length, median, sorted[0], sorted[sorted.length - 1]);
    }
}
