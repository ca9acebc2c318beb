package org.helpline.router.asterisk.ami;

import jakarta.enterprise.inject.Vetoed;
import org.helpline.router.listeners.CallingChannels.Verdict;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The {@code Getvar} of the feature code's secret on the phone's channel, and what each answer of Asterisk means,
 * against a scripted AMI link.
 */
class AmiCallingChannelsTest {

    static final String PHONE = "PJSIP/listener1-0000002a";
    static final String SECRET = "a3f1c2b4d5e6f708192a3b4c5d6e7f8091a2b3c4";

    /**
     * An AMI link that answers each action as the test says and records it. Vetoed: it would otherwise inherit
     * {@code @ApplicationScoped} and compete with the real link in the {@code @QuarkusTest}s.
     */
    @Vetoed
    static final class ScriptedLink extends AmiConnection {
        final List<Map<String, String>> actions = new ArrayList<>();
        final Function<Map<String, String>, AmiMessage> answer;

        ScriptedLink(Function<Map<String, String>, AmiMessage> answer) {
            super(null, null, null, null, null, null, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
            this.answer = answer;
        }

        @Override
        AmiMessage execute(Map<String, String> action) {
            actions.add(action);
            return answer.apply(action);
        }
    }

    static AmiMessage message(String... lines) {
        return AmiMessage.parse(List.of(lines));
    }

    /**
     * Asterisk with one live phone channel whose {@code HELPLINE_FEATURE_NONCE} is {@code secret} (empty: not set),
     * answering as {@code action_getvar} does.
     */
    static Function<Map<String, String>, AmiMessage> asterisk(String secret) {
        return action -> {
            if (!PHONE.equalsIgnoreCase(action.get("Channel"))) {
                return message("Response: Error", "Message: No such channel");
            }
            String value = "HELPLINE_FEATURE_NONCE".equals(action.get("Variable")) ? secret : "";
            return message("Response: Success", "Variable: " + action.get("Variable"), "Value: " + value);
        };
    }

    static Verdict verify(Function<Map<String, String>, AmiMessage> asterisk, String channel, String secret) {
        return new AmiCallingChannels(new ScriptedLink(asterisk)).verify(channel, secret);
    }

    @Test
    void thePhoneHoldingTheSecretIsConfirmed() {
        assertEquals(Verdict.CONFIRMED, verify(asterisk(SECRET), PHONE, SECRET));
    }

    @Test
    void aForgedChannelOrAWrongSecretIsRefuted() {
        assertEquals(Verdict.REFUTED, verify(asterisk(SECRET), "PJSIP/listener1-0000002b", SECRET), "no such channel");
        assertEquals(Verdict.REFUTED, verify(asterisk(SECRET), PHONE, "b3f1c2b4d5e6f708192a3b4c5d6e7f8091a2b3c4"),
                "another secret");
        assertEquals(Verdict.REFUTED, verify(asterisk(SECRET), PHONE, SECRET.substring(0, 39) + "5"),
                "one digit off");
        assertEquals(Verdict.REFUTED, verify(asterisk(""), PHONE, SECRET), "no secret on the phone: no feature code");
        assertEquals(Verdict.REFUTED, verify(asterisk(SECRET + "0"), PHONE, SECRET), "a longer value");
    }

    @Test
    void missingOrMalformedClaimsAreRefutedWithoutAsking() {
        for (String[] claim : new String[][] {
                {null, SECRET}, {PHONE, null}, {"", SECRET}, {PHONE, ""},
                {PHONE, SECRET.toUpperCase()}, {PHONE, SECRET.substring(1)}, {PHONE, SECRET + " "},
                {"Local/login-@helpline-feature-ask-0000001c;2", SECRET}, {"PJSIP/listener1", SECRET},
                {"PJSIP/listener1-0000002a\r\nVariable: UNIQUEID", SECRET}, {"1795418126.8", SECRET}}) {
            ScriptedLink link = new ScriptedLink(asterisk(SECRET));
            assertEquals(Verdict.REFUTED, new AmiCallingChannels(link).verify(claim[0], claim[1]),
                    "refuted: " + List.of(String.valueOf(claim[0]), String.valueOf(claim[1])));
            assertEquals(List.of(), link.actions, "Asterisk not asked about " + claim[0]);
        }
    }

    @Test
    void anAsteriskThatCannotSayIsUnknown() {
        assertEquals(Verdict.UNKNOWN, verify(action -> message("Response: Error", "Message: Permission denied"),
                PHONE, SECRET));
        assertEquals(Verdict.UNKNOWN, verify(action -> {
            throw new AmiConnection.AmiUnavailable("not connected to Asterisk");
        }, PHONE, SECRET));
    }

    @Test
    void itAsksForTheSecretOfTheNamedPhoneOnly() {
        ScriptedLink link = new ScriptedLink(asterisk(SECRET));
        new AmiCallingChannels(link).verify(PHONE, SECRET);
        assertEquals(List.of(Map.of("Action", "Getvar", "Channel", PHONE, "Variable", "HELPLINE_FEATURE_NONCE")),
                link.actions);
    }
}
