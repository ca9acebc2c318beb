package org.helpline.router.console;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;

import org.helpline.router.support.AmiTranscript;
import org.helpline.router.support.FakeAmiServer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.helpline.router.support.TestAccounts.asOperator;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the console's page tests set up through the API, and the page addresses. */
final class PageFixtures {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private PageFixtures() {
    }

    static String url(String page) {
        return "http://localhost:" + RestAssured.port + "/console/" + page;
    }

    /** A coordinator account with this password, created or reset and enabled, whatever earlier tests did. */
    static void coordinator(String username, String password) {
        if (asOperator().get("/api/users/" + username).statusCode() == 404) {
            asOperator().contentType(ContentType.JSON)
                    .body("{\"username\":\"" + username + "\",\"password\":\"" + password + "\",\"roles\":[\"coordinator\"]}")
                    .post("/api/users").then().statusCode(201);
        }
        asOperator().contentType(ContentType.JSON).body("{\"password\":\"" + password + "\"}")
                .put("/api/users/" + username + "/password").then().statusCode(204);
        asOperator().contentType(ContentType.JSON).body("{\"roles\":[\"coordinator\"]}")
                .put("/api/users/" + username + "/roles").then().statusCode(200);
        asOperator().contentType(ContentType.JSON).body("{\"enabled\":true}")
                .put("/api/users/" + username + "/enabled").then().statusCode(200);
    }

    /** A line created through the API (the page tests that create lines through the page do not use this). */
    static void line(String code, String number) {
        if (asOperator().get("/api/lines/" + code).statusCode() == 200) {
            return;
        }
        asOperator().contentType(ContentType.JSON).body("""
                {"code":"%s","name":"Ligne %s","number":"%s","crisisNumbers":[{"label":"3114","number":"3114"}]}"""
                .formatted(code, code, number)).post("/api/lines").then().statusCode(201);
        assertTrue(asOperator().get("/api/lines/" + code).statusCode() == 200);
    }

    /** The first event of that name in a real capture, moved onto this queue and listener. */
    static String captured(String capture, String event, String queue, String endpoint) {
        return AmiTranscript.onQueue(AmiTranscript.load(capture).events(), queue).stream()
                .filter(b -> b.startsWith("Event: " + event + "\n"))
                .findFirst().orElseThrow(() -> new AssertionError("no " + event + " in " + capture))
                .replace("PJSIP/listener1", endpoint);
    }

    /** The last AMI action of that name for this listener's phone. */
    static Map<String, String> lastAction(FakeAmiServer ami, String action, String endpoint) {
        List<Map<String, String>> all = ami.actions(action).stream().filter(a -> endpoint.equals(a.get("Interface"))).toList();
        assertFalse(all.isEmpty(), "no " + action + " for " + endpoint);
        return all.get(all.size() - 1);
    }

    /** Next Christmas Day in Paris (this year's until it has passed). */
    static LocalDate nextChristmas() {
        LocalDate today = LocalDate.now(PARIS);
        LocalDate christmas = LocalDate.of(today.getYear(), 12, 25);
        return today.isAfter(christmas) ? christmas.plusYears(1) : christmas;
    }

    /**
     * A recording as an association would export it: 16-bit PCM mono at 16 kHz, a 440 Hz tone at about −6 dBFS,
     * the RIFF header written here byte by byte. Saved as a file the browser's file field can be given.
     */
    static Path wavFile(String name, double seconds) throws IOException {
        int rate = 16000;
        int frames = (int) Math.round(rate * seconds);
        ByteBuffer b = ByteBuffer.allocate(44 + frames * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + frames * 2).put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1).putInt(rate)
                .putInt(rate * 2).putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(frames * 2);
        for (int i = 0; i < frames; i++) {
            b.putShort((short) Math.round(16000 * Math.sin(2 * Math.PI * 440 * i / rate)));
        }
        return file(name, b.array());
    }

    /** A file of random bytes under a name that says .wav: what a wrong export or a renamed file looks like. */
    static Path randomFile(String name, int length) throws IOException {
        byte[] bytes = new byte[length];
        new Random(11).nextBytes(bytes);
        return file(name, bytes);
    }

    private static Path file(String name, byte[] bytes) throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "page-uploads"));
        return Files.write(dir.resolve(name), bytes).toAbsolutePath();
    }
}
