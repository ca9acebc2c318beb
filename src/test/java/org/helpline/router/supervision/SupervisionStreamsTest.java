package org.helpline.router.supervision;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.helpline.router.accounts.Account;
import org.helpline.router.support.Poll;
import org.helpline.router.support.PostgresTestResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.helpline.router.support.TestAccounts.asOperator;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Live streams are bounded (4 per account; 12 in all in the test profile) and end when their account changes.
 * Each test closes what it opened and waits for the service to free the slots.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class SupervisionStreamsTest {

    static final String PASSWORD = "stream-password-1";

    @Inject
    SupervisionStreams streams;

    private final List<SseReader> readers = new ArrayList<>();

    @AfterEach
    void closeEverything() {
        readers.forEach(SseReader::close);
        Poll.until(() -> streams.openStreams() == 0, Duration.ofSeconds(10), "every stream slot freed");
    }

    @Test
    void anAccountHoldsAtMostFourStreamsAndGetsOneBackWhenItClosesOne() {
        String user = account("streamer-a", "coordinator");
        for (int i = 0; i < 4; i++) {
            streaming(open(user));
        }
        SseReader fifth = open(user);
        Poll.until(() -> fifth.status() == 429, Duration.ofSeconds(5), "the fifth stream refused with 429");
        assertTrue(fifth.ended());
        readers.get(0).close();
        Poll.until(() -> streams.openStreams() == 3, Duration.ofSeconds(5), "the closed stream's slot freed");
        streaming(open(user));
    }

    @Test
    void theServiceServesAtMostItsBoundOfStreams() {
        for (int a = 0; a < 3; a++) {
            String user = account("streamer-b" + a, "coordinator");
            for (int i = 0; i < 4; i++) {
                streaming(open(user));
            }
        }
        SseReader thirteenth = open(account("streamer-b3", "coordinator"));
        Poll.until(() -> thirteenth.status() == 503, Duration.ofSeconds(5), "beyond 12 in all: 503");
    }

    @Test
    void aStreamEndsWhenItsAccountIsDisabled() {
        String user = account("streamer-c", "coordinator");
        SseReader stream = streaming(open(user));
        SseReader other = streaming(open(account("streamer-c2", "coordinator")));
        asOperator().contentType(ContentType.JSON).body("{\"enabled\":false}")
                .put("/api/users/" + user + "/enabled").then().statusCode(200);
        Poll.until(stream::ended, Duration.ofSeconds(5), "the disabled account's stream ended");
        assertFalse(other.ended(), "another account's stream goes on");
        SseReader again = open(user);
        Poll.until(() -> again.status() == 401, Duration.ofSeconds(5), "and it cannot open another");
    }

    @Test
    void aStreamEndsWhenItsAccountsRolesOrPasswordChange() {
        String user = account("streamer-d", "coordinator");
        SseReader stream = streaming(open(user));
        asOperator().contentType(ContentType.JSON).body("{\"roles\":[\"operator\"]}")
                .put("/api/users/" + user + "/roles").then().statusCode(200);
        Poll.until(stream::ended, Duration.ofSeconds(5), "ended by the change of roles");
        SseReader reopened = streaming(open(user));
        asOperator().contentType(ContentType.JSON).body("{\"password\":\"another-password-2\"}")
                .put("/api/users/" + user + "/password").then().statusCode(204);
        Poll.until(reopened::ended, Duration.ofSeconds(5), "ended by the new password");
    }

    @Test
    void aChangeMadeThroughAnotherInstanceEndsTheStreamAtTheNextCheck() {
        String user = account("streamer-e", "coordinator");
        SseReader stream = streaming(open(user));
        SseReader untouched = streaming(open(account("streamer-e2", "coordinator")));
        // Another instance disabled the account: the row changed, and no event reached this instance.
        QuarkusTransaction.requiringNew().run(() -> {
            Account a = Account.findByUsername(user).orElseThrow();
            a.enabled = false;
            a.updatedAt = java.time.Instant.now();
        });
        streams.recheck();
        Poll.until(stream::ended, Duration.ofSeconds(5), "ended at the periodic check");
        assertFalse(untouched.ended(), "an unchanged account's stream goes on");
    }

    private SseReader open(String user) {
        SseReader reader = SseReader.open(SseReader.url("/api/supervision/stream"), user, PASSWORD);
        readers.add(reader);
        return reader;
    }

    private static SseReader streaming(SseReader reader) {
        Poll.until(() -> reader.status() == 200 && reader.count() > 0, Duration.ofSeconds(5), "the stream delivers");
        return reader;
    }

    private static String account(String name, String role) {
        int status = asOperator().contentType(ContentType.JSON)
                .body("{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"" + role + "\"]}")
                .post("/api/users").statusCode();
        assertTrue(status == 201 || status == 409, "account " + name + ": " + status);
        return name;
    }
}
