package org.helpline.router.asterisk.agi;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.helpline.router.listeners.CallingChannels;
import org.helpline.router.listeners.CallingChannels.Verdict;
import org.helpline.router.listeners.ListenerCommands;
import org.helpline.router.listeners.ListenerCommands.Command;
import org.helpline.router.listeners.ListenerCommands.Result;
import org.helpline.router.support.AgiTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code listener} script's decision, without a server: what it asks Asterisk, when it believes the request,
 * and that it always answers within its budget, whatever Asterisk and the listener commands do.
 */
class ListenerScriptTest {

    static final String PHONE = "PJSIP/listener1-0000002a";
    static final String LOCAL = "Local/pause-12@helpline-feature-ask-0000001c;2";

    /** Released after each test: the doubles that never answer stop holding their threads. */
    private final CountDownLatch never = new CountDownLatch(1);
    private final List<List<String>> asked = new CopyOnWriteArrayList<>();
    private final List<String> carriedOut = new CopyOnWriteArrayList<>();

    @AfterEach
    void release() {
        never.countDown();
    }

    @Test
    void theCommandRunsForThePhonesEndpointOnceAsteriskConfirms() {
        ListenerScript script = script(answering(Verdict.CONFIRMED), recording(Result.OK), Duration.ofSeconds(1));
        assertEquals(Result.OK, script.decide(request("pause", "12", PHONE, AgiTestClient.SECRET), LOCAL));
        assertEquals(List.of(List.of(PHONE, AgiTestClient.SECRET)), asked, "asked about the phone, with its secret");
        assertEquals(List.of("PJSIP/listener1 PAUSE 12"), carriedOut);
    }

    @Test
    void aRefutedClaimIsNotAllowedAndNothingRuns() {
        ListenerScript script = script(answering(Verdict.REFUTED), recording(Result.OK), Duration.ofSeconds(1));
        assertEquals(Result.NOT_ALLOWED, script.decide(request("logout", null, PHONE, AgiTestClient.SECRET), LOCAL));
        assertEquals(List.of(), carriedOut);
    }

    @Test
    void missingClaimsAreNotAllowedWithoutAskingAsterisk() {
        ListenerScript script = script(answering(Verdict.CONFIRMED), recording(Result.OK), Duration.ofSeconds(1));
        for (FeatureCodeRequest request : List.of(
                request("login", null, null, null),
                request("login", null, PHONE, null),
                request("login", null, null, AgiTestClient.SECRET),
                request("login", null, LOCAL, AgiTestClient.SECRET),
                request("login", null, "PJSIP/listener1", AgiTestClient.SECRET))) {
            assertEquals(Result.NOT_ALLOWED, script.decide(request, LOCAL), request.toString());
        }
        assertEquals(List.of(), asked);
        assertEquals(List.of(), carriedOut);
    }

    @Test
    void anUnknownCommandIsUnavailable() {
        ListenerScript script = script(answering(Verdict.CONFIRMED), recording(Result.OK), Duration.ofSeconds(1));
        assertEquals(Result.UNAVAILABLE, script.decide(request("dance", null, PHONE, AgiTestClient.SECRET), LOCAL));
        assertEquals(List.of(), carriedOut);
    }

    @Test
    void anAsteriskThatNeverAnswersGivesUnavailableAndNothingRuns() {
        ListenerScript script = script((phone, secret) -> {
            await(never, Duration.ofMinutes(1));
            return Verdict.CONFIRMED;
        }, recording(Result.OK), Duration.ofMillis(1500));
        long started = System.nanoTime();
        assertEquals(Result.UNAVAILABLE, script.decide(request("login", null, PHONE, AgiTestClient.SECRET), LOCAL));
        assertTrue(millisSince(started) < 1500, "gave up after the check timeout: " + millisSince(started) + " ms");
        assertEquals(List.of(), carriedOut);
    }

    @Test
    void theCheckAndTheCommandShareOneBudget() {
        // A slow confirmation (0.8 s) then a command that never ends: the whole answer within the 1-s budget, not
        // 0.8 s plus another second.
        CountDownLatch slow = new CountDownLatch(1);
        ListenerScript script = script((phone, secret) -> {
            await(slow, Duration.ofMillis(800));
            return Verdict.CONFIRMED;
        }, (endpoint, command, reason) -> {
            await(never, Duration.ofMinutes(1));
            return Result.OK;
        }, Duration.ofSeconds(1));
        long started = System.nanoTime();
        assertEquals(Result.UNAVAILABLE, script.decide(request("login", null, PHONE, AgiTestClient.SECRET), LOCAL));
        long took = millisSince(started);
        assertTrue(took >= 800 && took < 1500, "answered within the budget: " + took + " ms");
    }

    private ListenerScript script(CallingChannels channels, ListenerCommands commands, Duration budget) {
        AgiConfig config = config(budget);
        return new ListenerScript(commands, channels, new DecisionDeadline(config), config, new SimpleMeterRegistry());
    }

    private CallingChannels answering(Verdict verdict) {
        return (phone, secret) -> {
            asked.add(List.of(phone, secret));
            return verdict;
        };
    }

    private ListenerCommands recording(Result result) {
        return (endpoint, command, reason) -> {
            carriedOut.add(endpoint + " " + command + (reason == null ? "" : " " + reason));
            return result;
        };
    }

    private static FeatureCodeRequest request(String command, String reason, String phone, String secret) {
        Map<String, String> env = AgiTestClient.featureCode(phone == null ? "" : phone, secret == null ? "" : secret,
                command, reason);
        return FeatureCodeRequest.of(new AgiEnvironment(env));
    }

    private static void await(CountDownLatch latch, Duration limit) {
        try {
            latch.await(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static AgiConfig config(Duration budget) {
        return AgiSettings.defaults().withListenerCommandTimeout(budget);
    }
}
