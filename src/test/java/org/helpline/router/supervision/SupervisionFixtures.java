package org.helpline.router.supervision;

import org.helpline.router.lines.LineRules;
import org.helpline.router.lines.LineView;
import org.helpline.router.schedule.Schedule;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/** Lines and configuration for the plain unit tests of the live model. */
final class SupervisionFixtures {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private SupervisionFixtures() {
    }

    static LineView line(String code, LineRules.Rules rules) {
        return new LineView(code, code, "+33800000001", PARIS, "fr", List.of(), 300, code, false, rules,
                new Schedule(PARIS, List.of(), List.of(), List.of(), null));
    }

    static LineRules.Rules rules() {
        return new LineRules().toValue();
    }

    /** The defaults of {@link SupervisionConfig}. */
    static SupervisionConfig config() {
        return new SupervisionConfig() {
            public LocalTime serviceDayStart() {
                return LocalTime.of(6, 0);
            }

            public Duration streamInterval() {
                return Duration.ofMillis(250);
            }

            public Duration streamHeartbeat() {
                return Duration.ofSeconds(5);
            }

            public int maxStreams() {
                return 50;
            }

            public int maxStreamsPerAccount() {
                return 4;
            }

            public Duration leaveGrace() {
                return Duration.ofSeconds(1);
            }

            public Duration defaultTalkTime() {
                return Duration.ofMinutes(10);
            }

            public boolean pauseOnNoAnswer() {
                return true;
            }

            public Duration noAnswerGrace() {
                return Duration.ofSeconds(1);
            }

            public String noAnswerReason() {
                return "no answer";
            }

            public String longCallRestReason() {
                return "rest after long call";
            }
        };
    }
}
