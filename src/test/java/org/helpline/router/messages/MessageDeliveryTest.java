package org.helpline.router.messages;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.helpline.router.asterisk.agi.FastAgiServer;
import org.helpline.router.lines.LineDirectory;
import org.helpline.router.support.AgiTestClient;
import org.helpline.router.support.PostgresTestResource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Set;

import static org.helpline.router.messages.MessageApiTest.RECORDING;
import static org.helpline.router.messages.MessageApiTest.createLine;
import static org.helpline.router.messages.MessageApiTest.path;
import static org.helpline.router.messages.MessageApiTest.upload;
import static org.helpline.router.support.TestAccounts.asOperator;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How a recording reaches the caller: the messages folder Asterisk plays from (written, removed, rebuilt from
 * the database) and the route decision that tells the dialplan which messages are the line's own.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class MessageDeliveryTest {

    @Inject
    MessageFolder folder;
    @Inject
    LineDirectory directory;
    @Inject
    FastAgiServer agi;

    @Test
    void anUploadAppearsInTheFolderReadableByAsteriskAndARevertRemovesIt() throws IOException {
        createLine("msg-folder", "+33800001021", "fr");
        upload("msg-folder", "notice", "fr", RECORDING).then().statusCode(200);

        Path file = folder.file("msg-folder", "fr", "notice");
        assertEquals(folder.root().resolve("msg-folder/fr/notice.wav"), file);
        assertTrue(Files.isRegularFile(file), file + " written");
        assertArrayEquals(asOperator().get(path("msg-folder", "notice", "fr")).asByteArray(), Files.readAllBytes(file));
        assertTrue(TestWavs.format(Files.readAllBytes(file)).matches(TelephoneAudio.TELEPHONE));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(file.getParent().getParent())));
        try (var siblings = Files.list(file.getParent())) {
            assertEquals(1, siblings.count(), "no temporary file left beside it");
        }

        asOperator().delete(path("msg-folder", "notice", "fr")).then().statusCode(204);
        assertFalse(Files.exists(file), "reverted: the dialplan plays the generic prompt");
        assertFalse(Files.exists(folder.root().resolve("msg-folder")), "no empty folder left");
    }

    @Test
    void theFolderIsRebuiltFromTheDatabase() throws IOException {
        createLine("msg-sync", "+33800001022", "fr");
        upload("msg-sync", "notice", "fr", RECORDING).then().statusCode(200);
        upload("msg-sync", "closed", "fr", RECORDING).then().statusCode(200);
        Path notice = folder.file("msg-sync", "fr", "notice");
        Path closed = folder.file("msg-sync", "fr", "closed");
        byte[] stored = Files.readAllBytes(notice);
        // What another instance, a crash or a person may leave: a missing file, an altered one, strays.
        Files.delete(notice);
        Files.write(closed, TestWavs.tone(8000, 1, 16, 1, 300));
        Path stray = folder.root().resolve("gone-line/fr/notice.wav");
        Files.createDirectories(stray.getParent());
        Files.write(stray, RECORDING);
        Path leftover = folder.root().resolve("msg-sync/fr/" + MessageFiles.TEMPORARY_PREFIX + "1.tmp");
        Files.write(leftover, RECORDING);
        for (Path old : new Path[] {stray, leftover}) {
            Files.setLastModifiedTime(old, FileTime.from(Instant.now().minusSeconds(3600)));
        }
        Path fresh = folder.root().resolve("msg-sync/fr/" + MessageFiles.TEMPORARY_PREFIX + "2.tmp");
        Files.write(fresh, RECORDING);

        folder.reconcile();

        assertArrayEquals(stored, Files.readAllBytes(notice), "missing file rewritten");
        assertArrayEquals(asOperator().get(path("msg-sync", "closed", "fr")).asByteArray(), Files.readAllBytes(closed),
                "altered file rewritten");
        assertFalse(Files.exists(stray), "a recording the database does not hold is removed");
        assertFalse(Files.exists(stray.getParent().getParent()), "with its empty folders");
        assertFalse(Files.exists(leftover), "an old temporary file is removed");
        assertTrue(Files.exists(fresh), "a file written just now may be another instance's upload in progress");
        assertEquals(0, folder.reconcile().written(), "a reconcile of a folder in order writes nothing");
        Files.delete(fresh);
    }

    @Test
    void deletingALineRemovesItsRecordingsAndTheirFiles() throws IOException {
        createLine("msg-deleted", "+33800001023", "fr");
        upload("msg-deleted", "goodbye", "fr", RECORDING).then().statusCode(200);
        upload("msg-deleted", "goodbye", "en", RECORDING).then().statusCode(200);
        assertTrue(Files.exists(folder.file("msg-deleted", "en", "goodbye")));

        asOperator().delete("/api/lines/msg-deleted").then().statusCode(204);

        assertFalse(Files.exists(folder.root().resolve("msg-deleted")));
        createLine("msg-deleted", "+33800001023", "fr");
        asOperator().get("/api/lines/msg-deleted/messages").then().statusCode(200)
                .body("custom", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.is(false)));
    }

    @Test
    void theNextRouteDecisionNamesTheLinesOwnMessages() throws IOException {
        createLine("msg-route", "+33800001024", "fr");
        assertEquals(Set.of(), directory.byCode("msg-route").orElseThrow().customMessages());
        assertEquals("", messagesField("0800001024"));

        upload("msg-route", "notice", "fr", RECORDING).then().statusCode(200);
        upload("msg-route", "goodbye", "fr", RECORDING).then().statusCode(200);
        upload("msg-route", "closed", "en", RECORDING).then().statusCode(200);

        assertEquals(Set.of("notice", "goodbye"), directory.byCode("msg-route").orElseThrow().customMessages(),
                "only the line's language");
        assertEquals("goodbye+notice", messagesField("0800001024"));

        asOperator().contentType(ContentType.JSON).body("""
                {"name":"Messages msg-route","number":"+33800001024","language":"en",
                 "crisisNumbers":[{"label":"Prévention du suicide","number":"3114"}]}""")
                .put("/api/lines/msg-route").then().statusCode(200);
        assertEquals("closed", messagesField("0800001024"), "the line now speaks English");

        asOperator().delete(path("msg-route", "closed", "en")).then().statusCode(204);
        assertEquals("", messagesField("0800001024"));
        assertEquals(Set.of(), directory.byCode("msg-route").orElseThrow().customMessages());
    }

    @Test
    void aReloadOfTheDirectoryKeepsTheLinesOwnMessages() {
        createLine("msg-reload", "+33800001025", "en");
        upload("msg-reload", "overload", "en", RECORDING).then().statusCode(200);
        directory.reload();
        assertEquals(Set.of("overload"), directory.byCode("msg-reload").orElseThrow().customMessages());
    }

    /** HELPLINE_ROUTE's MESSAGES field as a FastAGI session for a call to {@code dialled} receives it. */
    private String messagesField(String dialled) throws IOException {
        try (AgiTestClient client = new AgiTestClient(agi.port())) {
            client.converse(AgiTestClient.route(dialled));
            String route = client.variables().get("HELPLINE_ROUTE");
            String[] fields = route.split("\\|", -1);
            assertEquals(10, fields.length, route);
            return fields[9];
        }
    }
}
