package org.helpline.router.asterisk.ami;

import jakarta.enterprise.inject.Vetoed;
import org.helpline.router.listeners.CallingChannels.Verdict;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The two {@code Getvar}s and what each answer of Asterisk means, against a scripted AMI link. */
class AmiCallingChannelsTest {

    static final String CHANNEL = "PJSIP/listener1-0000002a";
    static final String ID = "1795418126.8";

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

    /** Asterisk with one live channel, running {@code application(data)}. */
    static Function<Map<String, String>, AmiMessage> asterisk(String uniqueId, String data) {
        return action -> {
            if (!CHANNEL.equals(action.get("Channel"))) {
                return message("Response: Error", "Message: No such channel");
            }
            String value = switch (action.get("Variable")) {
                case "UNIQUEID" -> uniqueId;
                case "CHANNEL(appdata)" -> data;
                default -> "";
            };
            return message("Response: Success", "Variable: " + action.get("Variable"), "Value: " + value);
        };
    }

    static Verdict verify(Function<Map<String, String>, AmiMessage> asterisk, String channel, String uniqueId) {
        return new AmiCallingChannels(new ScriptedLink(asterisk)).verify(channel, uniqueId);
    }

    @Test
    void theLiveChannelRunningTheListenerScriptIsConfirmed() {
        assertEquals(Verdict.CONFIRMED, verify(asterisk(ID, "agi://127.0.0.1:4573/listener,login,"), CHANNEL, ID));
        assertEquals(Verdict.CONFIRMED, verify(asterisk(ID, "hagi://_agi._tcp.helpline.example/listener,pause,3"),
                CHANNEL, ID), "SRV failover form");
        assertEquals(Verdict.CONFIRMED, verify(asterisk(ID, "agi://10.0.0.5/listener"), CHANNEL, ID));
    }

    @Test
    void anythingElseIsRefuted() {
        assertEquals(Verdict.REFUTED, verify(asterisk(ID, "agi://127.0.0.1:4573/listener,login,"),
                "PJSIP/listener1-0000002b", ID), "no such channel");
        assertEquals(Verdict.REFUTED, verify(asterisk(ID, "agi://127.0.0.1:4573/listener,login,"), CHANNEL,
                "1795418126.9"), "another unique id");
        assertEquals(Verdict.REFUTED, verify(asterisk(ID, "(Outgoing Line)"), CHANNEL, ID), "in a call");
        assertEquals(Verdict.REFUTED, verify(asterisk(ID, "agi://127.0.0.1:4573/route"), CHANNEL, ID),
                "another script");
        assertEquals(Verdict.REFUTED, verify(asterisk(ID, "agi://evil/listener-x"), CHANNEL, ID));
        assertEquals(Verdict.REFUTED, verify(asterisk(ID, ""), CHANNEL, ID));
        assertEquals(Verdict.REFUTED, verify(asterisk(ID, "agi://x/listener"), null, ID));
        assertEquals(Verdict.REFUTED, verify(asterisk(ID, "agi://x/listener"), CHANNEL, null));
    }

    @Test
    void anAsteriskThatCannotSayIsUnknown() {
        assertEquals(Verdict.UNKNOWN, verify(action -> message("Response: Error", "Message: Permission denied"),
                CHANNEL, ID));
        assertEquals(Verdict.UNKNOWN, verify(action -> {
            throw new AmiConnection.AmiUnavailable("not connected to Asterisk");
        }, CHANNEL, ID));
    }

    @Test
    void itAsksAboutTheNamedChannelOnly() {
        ScriptedLink link = new ScriptedLink(asterisk(ID, "agi://127.0.0.1:4573/listener,login,"));
        new AmiCallingChannels(link).verify(CHANNEL, ID);
        assertEquals(List.of(
                Map.of("Action", "Getvar", "Channel", CHANNEL, "Variable", "UNIQUEID"),
                Map.of("Action", "Getvar", "Channel", CHANNEL, "Variable", "CHANNEL(appdata)")), link.actions);
    }
}
