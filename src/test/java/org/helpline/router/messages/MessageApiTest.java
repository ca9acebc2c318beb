package org.helpline.router.messages;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.helpline.router.support.PostgresTestResource;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.helpline.router.support.ProblemAssertions.assertProblem;
import static org.helpline.router.support.TestAccounts.OPERATOR;
import static org.helpline.router.support.TestAccounts.OPERATOR_PASSWORD;
import static org.helpline.router.support.TestAccounts.as;
import static org.helpline.router.support.TestAccounts.asOperator;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code /api/lines/{code}/messages}: upload, listing, download, revert, audit, roles and every refusal. */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class MessageApiTest {

    /** 16 kHz stereo, as a phone or a laptop records it: 3 s of a 440 Hz tone. */
    static final byte[] RECORDING = TestWavs.tone(16000, 2, 16, 3.0, 440);

    static void createLine(String code, String number, String language) {
        asOperator().contentType(ContentType.JSON).body("""
                {"code":"%s","name":"Messages %s","number":"%s","language":"%s",
                 "crisisNumbers":[{"label":"Prévention du suicide","number":"3114"}]}"""
                .formatted(code, code, number, language)).post("/api/lines").then().statusCode(201);
    }

    static Response upload(String code, String name, String language, byte[] wav) {
        return asOperator().contentType("audio/wav").body(wav).put(path(code, name, language));
    }

    static String path(String code, String name, String language) {
        return "/api/lines/" + code + "/messages/" + name + "/" + language;
    }

    @Test
    void anUploadIsConvertedToTelephoneAudioAndIsWhatTheLineNowPlays() {
        createLine("msg-upload", "+33800001001", "fr");

        upload("msg-upload", "notice", "fr", RECORDING).then().statusCode(200)
                .contentType(startsWith("application/json"))
                .body("name", equalTo("notice"))
                .body("language", equalTo("fr"))
                .body("custom", equalTo(true))
                .body("durationSeconds", equalTo(3.0f))
                .body("sizeBytes", equalTo(44 + 3 * 8000 * 2))
                .body("uploadedBy", equalTo(OPERATOR))
                .body("uploadedAt", startsWith("20"));

        Response download = asOperator().get(path("msg-upload", "notice", "fr"));
        download.then().statusCode(200).contentType("audio/wav").header(MessageResource.CUSTOM_HEADER, "true");
        byte[] wav = download.asByteArray();
        assertTrue(TestWavs.format(wav).matches(TelephoneAudio.TELEPHONE), TestWavs.format(wav).toString());
        short[] samples = TestWavs.samples(wav);
        assertEquals(3.0, samples.length / 8000.0, 0.01, "the length is kept");
        assertEquals(440, TestWavs.frequency(samples, 8000), 5, "the pitch is kept");

        // A second upload replaces the first.
        upload("msg-upload", "notice", "fr", TestWavs.tone(44100, 1, 16, 1.5, 880)).then().statusCode(200)
                .body("durationSeconds", equalTo(1.5f));
        byte[] replaced = asOperator().get(path("msg-upload", "notice", "fr")).asByteArray();
        assertEquals(880, TestWavs.frequency(TestWavs.samples(replaced), 8000), 5);
    }

    @Test
    void everyAcceptedContentTypeUploads() {
        createLine("msg-types", "+33800001002", "fr");
        for (String type : List.of("audio/wav", "audio/x-wav", "audio/wave", "application/octet-stream",
                "audio/wav; codecs=1")) {
            asOperator().contentType(type).body(RECORDING).put(path("msg-types", "goodbye", "fr"))
                    .then().statusCode(200);
        }
        assertProblem(asOperator().contentType("audio/mpeg").body(RECORDING).put(path("msg-types", "goodbye", "fr")),
                415, "Content-Type");
        assertProblem(asOperator().contentType("text/plain").body(RECORDING)
                .put(path("msg-types", "goodbye", "fr")), 415, "Content-Type");
    }

    @Test
    void theListingShowsEveryMessageOfTheLinesLanguageCustomOrGeneric() throws IOException {
        createLine("msg-list", "+33800001003", "en");
        upload("msg-list", "closed", "en", RECORDING).then().statusCode(200);
        upload("msg-list", "notice", "fr", RECORDING).then().statusCode(200);

        JsonPath list = asOperator().get("/api/lines/msg-list/messages").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("notice", "closed", "no-listener", "overload", "queue-timeout", "goodbye", "notice"),
                list.getList("name"));
        assertEquals(List.of("en", "en", "en", "en", "en", "en", "fr"), list.getList("language"));
        assertEquals(List.of(false, true, false, false, false, false, true), list.getList("custom"));

        assertEquals(3.0f, list.getFloat("[1].durationSeconds"));
        assertEquals(OPERATOR, list.getString("[1].uploadedBy"));
        assertNotNull(list.getString("[1].uploadedAt"));
        byte[] shipped = Files.readAllBytes(Path.of("asterisk-config/sounds/en/helpline/notice.wav"));
        assertEquals(shipped.length, list.getInt("[0].sizeBytes"), "a generic entry describes the shipped prompt");
        assertEquals((shipped.length - 44) / 16000.0, list.getDouble("[0].durationSeconds"), 0.01);
        assertEquals(TelephoneAudio.sha256(shipped), list.getString("[0].sha256"));
        assertNull(list.get("[0].uploadedBy"));
        assertNull(list.get("[0].uploadedAt"));
    }

    @Test
    void aMessageWithoutRecordingDownloadsAsTheShippedPrompt() throws IOException {
        createLine("msg-generic", "+33800001004", "fr");
        for (String language : List.of("fr", "en")) {
            Response generic = asOperator().get(path("msg-generic", "queue-timeout", language));
            generic.then().statusCode(200).contentType("audio/wav").header(MessageResource.CUSTOM_HEADER, "false");
            assertArrayEquals(Files.readAllBytes(Path.of("asterisk-config/sounds/" + language
                    + "/helpline/queue-timeout.wav")), generic.asByteArray());
        }
    }

    @Test
    void revertingGoesBackToTheGenericPrompt() throws IOException {
        createLine("msg-revert", "+33800001005", "fr");
        upload("msg-revert", "overload", "fr", RECORDING).then().statusCode(200);

        asOperator().delete(path("msg-revert", "overload", "fr")).then().statusCode(204);

        Response generic = asOperator().get(path("msg-revert", "overload", "fr"));
        generic.then().statusCode(200).header(MessageResource.CUSTOM_HEADER, "false");
        assertArrayEquals(Files.readAllBytes(Path.of("asterisk-config/sounds/fr/helpline/overload.wav")),
                generic.asByteArray());
        asOperator().get("/api/lines/msg-revert/messages").then().body("find { it.name == 'overload' }.custom",
                equalTo(false));
        assertProblem(asOperator().delete(path("msg-revert", "overload", "fr")), 404);
    }

    @Test
    void everyUploadAndRevertIsAuditedWithoutTheAudio() {
        createLine("msg-audit", "+33800001006", "fr");
        String sha = upload("msg-audit", "no-listener", "fr", RECORDING).then().statusCode(200)
                .extract().path("sha256");
        asOperator().delete(path("msg-audit", "no-listener", "fr")).then().statusCode(204);

        JsonPath trail = asOperator().queryParam("target", "line:msg-audit").get("/api/audit")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("message.revert", "message.upload", "line.create"), trail.getList("action"));
        assertEquals(OPERATOR, trail.getString("[1].actor"));
        String uploaded = trail.getString("[1].details");
        assertTrue(uploaded.contains("\"no-listener\"") && uploaded.contains(sha)
                && uploaded.contains("PCM 16-bit 16000 Hz stereo"), uploaded);
        assertTrue(uploaded.length() < 400, "no audio in the trail: " + uploaded.length() + " characters");
        assertTrue(trail.getString("[0].details").contains("\"no-listener\""));
    }

    @Test
    void coordinatorsMayListenButNotChange() {
        createLine("msg-roles", "+33800001007", "fr");
        asOperator().contentType(ContentType.JSON)
                .body("{\"username\":\"coord-messages\",\"password\":\"coordinator-pass-1\",\"roles\":[\"coordinator\"]}")
                .post("/api/users").then().statusCode(201);
        upload("msg-roles", "goodbye", "fr", RECORDING).then().statusCode(200);

        as("coord-messages", "coordinator-pass-1").get("/api/lines/msg-roles/messages").then().statusCode(200);
        as("coord-messages", "coordinator-pass-1").get(path("msg-roles", "goodbye", "fr")).then().statusCode(200)
                .header(MessageResource.CUSTOM_HEADER, "true");
        as("coord-messages", "coordinator-pass-1").contentType("audio/wav").body(RECORDING)
                .put(path("msg-roles", "notice", "fr")).then().statusCode(403);
        as("coord-messages", "coordinator-pass-1").delete(path("msg-roles", "goodbye", "fr")).then().statusCode(403);
        RestAssured.given().get(path("msg-roles", "goodbye", "fr")).then().statusCode(401);

        asOperator().get(path("msg-roles", "notice", "fr")).then().header(MessageResource.CUSTOM_HEADER, "false");
        asOperator().get(path("msg-roles", "goodbye", "fr")).then().header(MessageResource.CUSTOM_HEADER, "true");
    }

    @Test
    void anUnknownLineMessageOrLanguageIsNamed() {
        createLine("msg-names", "+33800001008", "fr");
        assertProblem(upload("msg-names", "welcome", "fr", RECORDING), 404, "name");
        assertProblem(asOperator().get(path("msg-names", "welcome", "fr")), 404, "name");
        assertProblem(asOperator().delete(path("msg-names", "welcome", "fr")), 404, "name");
        assertProblem(upload("msg-names", "notice", "de", RECORDING), 400, "language");
        assertProblem(asOperator().get(path("msg-names", "notice", "de")), 400, "language");
        assertProblem(asOperator().delete(path("msg-names", "notice", "de")), 400, "language");
        assertProblem(upload("no-such-line", "notice", "fr", RECORDING), 404);
        assertProblem(asOperator().get("/api/lines/no-such-line/messages"), 404);
    }

    @Test
    void whatIsNotPlayableAudioIsRefusedAndNothingIsStored() {
        createLine("msg-refused", "+33800001009", "fr");
        assertProblem(upload("msg-refused", "notice", "fr", TestWavs.randomBytes(20_000)), 415, "body");
        upload("msg-refused", "notice", "fr", TestWavs.mp3Like()).then().statusCode(415)
                .contentType(startsWith("application/problem+json"))
                .body("detail", containsString("not a WAV file (it looks like an MP3 file)"));
        upload("msg-refused", "notice", "fr", TestWavs.wav(0x02, 1, 8000, 4, TestWavs.randomBytes(4000)))
                .then().statusCode(415).body("detail", containsString("compressed WAV (MS ADPCM)"));
        upload("msg-refused", "notice", "fr", TestWavs.tone(8000, 1, 8, 181, 440)).then().statusCode(400)
                .body("field", equalTo("body"))
                .body("detail", containsString("too long: 181 s, at most 180 s"));
        upload("msg-refused", "notice", "fr", TestWavs.silence(16000, 1, 16, 2)).then().statusCode(400)
                .body("detail", containsString("silent"));
        assertProblem(upload("msg-refused", "notice", "fr", new byte[0]), 400, "body");

        asOperator().get(path("msg-refused", "notice", "fr")).then().header(MessageResource.CUSTOM_HEADER, "false");
        assertEquals(List.of("line.create"), asOperator().queryParam("target", "line:msg-refused").get("/api/audit")
                .then().extract().jsonPath().getList("action"));
    }

    @Test
    void aDeclaredTooBigUploadIsRefusedBeforeItsBodyIsRead() throws IOException {
        createLine("msg-big", "+33800001010", "fr");
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            String auth = Base64.getEncoder().encodeToString((OPERATOR + ":" + OPERATOR_PASSWORD).getBytes());
            out.write(("PUT " + path("msg-big", "notice", "fr") + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Basic " + auth + "\r\nContent-Type: audio/wav\r\n"
                    + "Content-Length: 50000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(RECORDING, 0, 4096);
            out.flush();
            // Only 4 KiB of the announced 50 MB are sent: an answer proves the rest was never waited for.
            String answer = new String(readAll(socket.getInputStream()), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
            assertTrue(answer.contains("application/problem+json"), answer);
            assertTrue(answer.contains("\"field\":\"body\"") && answer.contains("50000000 bytes, at most 2 MiB"), answer);
        }
        asOperator().get(path("msg-big", "notice", "fr")).then().header(MessageResource.CUSTOM_HEADER, "false");
    }

    @Test
    void anUndeclaredTooBigUploadIsCutAtTheLimit() throws Exception {
        createLine("msg-chunked", "+33800001012", "fr");
        byte[] big = TestWavs.tone(48000, 2, 16, 12, 440); // 2.3 MB, over the test limit of 2 MiB
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port
                        + path("msg-chunked", "notice", "fr")))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((OPERATOR + ":" + OPERATOR_PASSWORD).getBytes()))
                .header("Content-Type", "audio/wav")
                .version(HttpClient.Version.HTTP_1_1)
                .timeout(Duration.ofSeconds(20))
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode(), response.body());
        assertTrue(response.body().contains("more than 2 MiB"), response.body());
        assertFalse(response.headers().firstValue("Content-Length").isEmpty() && response.body().isEmpty());
        asOperator().get(path("msg-chunked", "notice", "fr")).then().header(MessageResource.CUSTOM_HEADER, "false");
    }

    /** Everything the server sent before it closed (a reset after the answer ends the reading too). */
    private static byte[] readAll(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream read = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                read.write(buffer, 0, n);
            }
        } catch (java.net.SocketException reset) {
            // the server closed with our unread bytes in its buffer
        }
        return read.toByteArray();
    }
}
