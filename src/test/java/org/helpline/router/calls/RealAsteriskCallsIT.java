package org.helpline.router.calls;

import org.helpline.router.calls.rig.CallRig;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every call path on a real Asterisk 22 with real SIP calls (see docs/testing.md). One platform for the whole
 * run ({@link CallRig}); the scenarios that do not disturb it run side by side (prompts are long: the notice is
 * 19 s), then those that kill, freeze or restart something run one at a time, then the privacy check of
 * everything the run left behind. Each scenario is reported as a test of its own and as one line
 * {@code CALL-SUITE <name> calls=<n> <result>}.
 */
@Tag("calls")
class RealAsteriskCallsIT {

    /** A scenario: what the caller lives, how many calls it places, and its steps. */
    record Scenario(String name, int calls, Body body) {
    }

    interface Body {
        void run(CallRig rig) throws Exception;
    }

    record Result(Scenario scenario, Throwable failure, Duration took) {
    }

    static final List<Scenario> SIDE_BY_SIDE = List.of(
            new Scenario("openLineAnsweredByAListener", 1, OpenLineCalls::answeredByAListener),
            new Scenario("listenerLetsItRingOut", 1, OpenLineCalls::listenerLetsItRingOut),
            new Scenario("callerHangsUpDuringTheNotice", 1, OpenLineCalls::callerHangsUpDuringTheNotice),
            new Scenario("callerHangsUpWhileWaiting", 1, OpenLineCalls::callerHangsUpWhileWaiting),
            new Scenario("maximumWaitReached", 1, OpenLineCalls::maximumWaitReached),
            new Scenario("overloadedLine", 2, OpenLineCalls::overloadedLine),
            new Scenario("nobodyLoggedIn", 1, OpenLineCalls::nobodyLoggedIn),
            new Scenario("closedByHoursHearsNoticeThenCrisisNumbers", 1,
                    ClosedLineCalls::closedByHoursHearsNoticeThenCrisisNumbers),
            new Scenario("closedByOverrideLeavesBeforeTheCrisisNumbers", 1,
                    ClosedLineCalls::closedByOverrideLeavesBeforeTheCrisisNumbers),
            new Scenario("unknownNumberGetsTheGenericNotice", 1, ClosedLineCalls::unknownNumberGetsTheGenericNotice),
            new Scenario("pressOneAfterTheCrisisNumbersReachesTheCrisisLine", 1,
                    CrisisTransferCalls::pressOneAfterTheCrisisNumbersReachesTheCrisisLine),
            new Scenario("pressOneWhileWaitingReachesTheCrisisLine", 1,
                    CrisisTransferCalls::pressOneWhileWaitingReachesTheCrisisLine),
            new Scenario("refusedTransferSaysTheNumbersAgain", 1, CrisisTransferCalls::refusedTransferSaysTheNumbersAgain),
            new Scenario("featureCodesFromARealSoftphone", 1, ListenerPhoneCalls::featureCodesFromARealSoftphone),
            new Scenario("uploadedNoticeIsWhatTheNextCallerHears", 1, LineMessageCalls::uploadedNoticeIsWhatTheNextCallerHears),
            new Scenario("unplayableRecordingFallsBackToTheGenericNotice", 1,
                    LineMessageCalls::unplayableRecordingFallsBackToTheGenericNotice));

    static final List<Scenario> ONE_AT_A_TIME = List.of(
            new Scenario("liveTodayEqualsTheDailyReportAfterTheCalls", 0, LiveAndReportFigures::liveTodayEqualsTheDailyReport),
            new Scenario("serviceUpCallIsDecided", 1, FailureCalls::serviceUpCallIsDecided),
            new Scenario("twoHundredCallsAtTenPerSecondAllDecided", BurstCalls.CALLS,
                    BurstCalls::twoHundredCallsAtTenPerSecondAllDecided),
            new Scenario("firstInstanceKilledDuringABurstSecondTakesEveryCall", TwoInstanceCalls.CALLS + 1,
                    TwoInstanceCalls::firstInstanceKilledDuringABurstSecondTakesEveryCall),
            new Scenario("serviceKilledCallerGetsTheSafePath", 1, FailureCalls::serviceKilledCallerGetsTheSafePath),
            new Scenario("liveTodayEqualsTheDailyReportAfterTheServiceRestarted", 0,
                    LiveAndReportFigures::liveTodayEqualsTheDailyReport),
            new Scenario("serviceFrozenCallerGetsTheSafePathWithinThreeSeconds", 1,
                    FailureCalls::serviceFrozenCallerGetsTheSafePathWithinThreeSeconds),
            new Scenario("serviceFrozenListenerHearsUnavailableWithinThreeSeconds", 0,
                    FailureCalls::serviceFrozenListenerHearsUnavailableWithinThreeSeconds),
            new Scenario("asteriskRestartKeepsListenersLoggedIn", 1, FailureCalls::asteriskRestartKeepsListenersLoggedIn),
            new Scenario("newVolunteerRegistersAnswersAndIsGoneOnceDeleted", 1,
                    SoftphoneAccountCalls::newVolunteerRegistersAnswersAndIsGoneOnceDeleted),
            new Scenario("liveTodayEqualsTheDailyReportAtTheEnd", 0, LiveAndReportFigures::liveTodayEqualsTheDailyReport));

    static final java.time.Duration STAGGER = java.time.Duration.ofMillis(700);

    static final Scenario PRIVACY = new Scenario("noCallerNumberAnywhereAfterTheSuite", 0,
            PrivacyAfterTheSuite::noCallerNumberAnywhere);

    static final Scenario CONFIGURATION = new Scenario("asteriskAcceptedTheShippedConfiguration", 0,
            ShippedConfigurationAccepted::asteriskAcceptedTheShippedConfiguration);

    @TestFactory
    Stream<DynamicTest> everyCallPath() throws Exception {
        Optional<String> why = CallRig.unavailable();
        if (why.isPresent()) {
            // scripts/test reads this to say why in its last line.
            java.nio.file.Path skipped = java.nio.file.Path.of("target", "calls", "skipped.txt");
            java.nio.file.Files.createDirectories(skipped.getParent());
            java.nio.file.Files.writeString(skipped, why.get() + "\n");
        }
        assumeTrue(why.isEmpty(), () -> "real-Asterisk call suite skipped: " + why.orElse(""));
        CallRig rig = CallRig.get();
        List<Result> results = new ArrayList<>();
        List<Scenario> sideBySide = selected(SIDE_BY_SIDE);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, sideBySide.size()));
        try {
            List<Future<Result>> running = new ArrayList<>();
            for (Scenario s : sideBySide) {
                running.add(pool.submit(() -> run(s, rig)));
                Thread.sleep(STAGGER.toMillis()); // callers arrive over a few seconds, not all in the same instant
            }
            for (Future<Result> f : running) {
                results.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        for (Scenario s : selected(ONE_AT_A_TIME)) {
            results.add(run(s, rig));
        }
        results.add(run(PRIVACY, rig));
        results.add(run(CONFIGURATION, rig));
        rig.sipp.stopAll();
        report(rig, results);
        return results.stream().map(r -> DynamicTest.dynamicTest(r.scenario().name(), () -> {
            if (r.failure() != null) {
                throw r.failure();
            }
        }));
    }

    /** {@code -Dcalls.only=name,name} runs only those scenarios (and the privacy check), for work on one of them. */
    private static List<Scenario> selected(List<Scenario> scenarios) {
        String only = System.getProperty("calls.only", "").strip();
        if (only.isEmpty()) {
            return scenarios;
        }
        List<String> names = List.of(only.split("\\s*,\\s*"));
        return scenarios.stream().filter(s -> names.contains(s.name())).toList();
    }

    private static Result run(Scenario s, CallRig rig) {
        long started = System.nanoTime();
        Throwable failure = null;
        try {
            s.body().run(rig);
        } catch (Throwable t) {
            failure = t;
        }
        return new Result(s, failure, Duration.ofNanos(System.nanoTime() - started));
    }

    private static void report(CallRig rig, List<Result> results) throws IOException {
        StringBuilder out = new StringBuilder();
        for (Result r : results) {
            String result = r.failure() == null ? "PASSED"
                    : "FAILED: " + String.valueOf(r.failure().getMessage()).lines().findFirst().orElse("");
            out.append(String.format("CALL-SUITE %-58s calls=%-4d %-6s (%.1f s)%n", r.scenario().name(),
                    r.scenario().calls(), result, r.took().toMillis() / 1000.0));
        }
        System.out.print(out);
        Files.writeString(rig.runDir.resolve("summary.txt"), out);
    }
}
