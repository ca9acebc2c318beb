package org.helpline.router.asterisk.agi;

import org.helpline.router.lines.CrisisContact;
import org.helpline.router.lines.LineRules;
import org.helpline.router.lines.LineView;
import org.helpline.router.routing.RouteAction;
import org.helpline.router.routing.RouteDecision;
import org.helpline.router.routing.RoutedCall;
import org.helpline.router.schedule.Schedule;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RouteVariablesTest {

    private static LineView line(boolean transfer, List<CrisisContact> crisis) {
        ZoneId zone = ZoneId.of("Europe/Brussels");
        return new LineView("bw", "BW", "+3280012345", zone, "fr", crisis, 60, "bw-queue", transfer,
                new LineRules.Rules(10, 30, 30, 45, 300, 120, 8), new Schedule(zone, List.of(), List.of(), List.of(), null));
    }

    @Test
    void closedLineCarriesEveryFieldInOrderAndActionLast() {
        LineView line = line(true, List.of(new CrisisContact("Suicide", "0800 32 123"), new CrisisContact("EU", "112")));
        Instant next = Instant.parse("2026-11-26T08:00:00Z");
        Map<String, String> vars = RouteVariables.of(new RoutedCall("id-1",
                new RouteDecision(RouteAction.CLOSED, line, next), next.minusSeconds(3600)));
        assertEquals(List.of("HELPLINE_CALL_ID", "HELPLINE_LINE", "HELPLINE_ROUTE", "HELPLINE_ACTION"),
                List.copyOf(vars.keySet()));
        assertEquals("bw-queue|60|fr|080032123&112|1|080032123|" + next.getEpochSecond() + "|Europe/Brussels|+3280012345|",
                vars.get("HELPLINE_ROUTE"));
        assertEquals("CLOSED", vars.get("HELPLINE_ACTION"));
        assertEquals(RouteVariables.ROUTE_FIELDS.size(), vars.get("HELPLINE_ROUTE").split("\\|", -1).length);
    }

    @Test
    void noTransferWithoutPermissionOrWithoutNumbers() {
        Map<String, String> forbidden = RouteVariables.of(new RoutedCall("id", new RouteDecision(RouteAction.QUEUE,
                line(false, List.of(new CrisisContact("x", "+33145394000"))), null), Instant.EPOCH));
        assertEquals("bw-queue|60|fr|0033145394000|0|+33145394000||Europe/Brussels|+3280012345|",
                forbidden.get("HELPLINE_ROUTE"));
        Map<String, String> empty = RouteVariables.of(new RoutedCall("id", new RouteDecision(RouteAction.QUEUE,
                line(true, List.of()), null), Instant.EPOCH));
        assertEquals("bw-queue|60|fr||0|||Europe/Brussels|+3280012345|", empty.get("HELPLINE_ROUTE"));
    }

    @Test
    void aReopeningMoreThanAWeekAwayIsNotAnnounced() {
        LineView line = line(false, List.of(new CrisisContact("x", "3114")));
        Instant now = Instant.parse("2026-12-20T10:00:00Z");
        String within = RouteVariables.of(new RoutedCall("id", new RouteDecision(RouteAction.CLOSED, line,
                now.plus(java.time.Duration.ofDays(7))), now)).get("HELPLINE_ROUTE");
        String beyond = RouteVariables.of(new RoutedCall("id", new RouteDecision(RouteAction.CLOSED, line,
                now.plus(java.time.Duration.ofDays(7)).plusSeconds(1)), now)).get("HELPLINE_ROUTE");
        assertEquals(Long.toString(now.plus(java.time.Duration.ofDays(7)).getEpochSecond()), within.split("\\|", -1)[6]);
        assertEquals("", beyond.split("\\|", -1)[6]);
    }

    @Test
    void customMessagesAreListedByNameSorted() {
        ZoneId zone = ZoneId.of("Europe/Paris");
        LineView line = new LineView("bw", "BW", "+3280012345", zone, "fr", List.of(), 60, "bw-queue", false,
                new LineRules.Rules(10, 30, 30, 45, 300, 120, 8), new Schedule(zone, List.of(), List.of(), List.of(), null),
                java.util.Set.of("notice", "closed", "bad|name"));
        String route = RouteVariables.of(new RoutedCall("id", new RouteDecision(RouteAction.QUEUE, line, null),
                Instant.EPOCH)).get("HELPLINE_ROUTE");
        assertEquals("closed+notice", route.split("\\|", -1)[9]);
    }

    @Test
    void unknownLineSendsOnlyTheCallIdAndTheAction() {
        Map<String, String> vars = RouteVariables.of(new RoutedCall("id",
                new RouteDecision(RouteAction.UNKNOWN_LINE, null, null), Instant.EPOCH));
        assertEquals(Map.of("HELPLINE_CALL_ID", "id", "HELPLINE_ACTION", "UNKNOWN_LINE"), vars);
    }

    @Test
    void listenerEndpointFromChannel() {
        assertEquals("PJSIP/listener1", FeatureCodeRequest.endpoint("PJSIP/listener1-0000002"));
        assertEquals("PJSIP/listener-2", FeatureCodeRequest.endpoint("PJSIP/listener-2-0000002a"));
        assertEquals(null, FeatureCodeRequest.endpoint("PJSIP/listener1"));
        assertEquals(null, FeatureCodeRequest.endpoint("garbage"));
        assertEquals(null, FeatureCodeRequest.endpoint(null));
        assertEquals(null, FeatureCodeRequest.endpoint("Local/login-@helpline-feature-ask-0000001c;2"),
                "the Local channel a feature code runs on is nobody's phone");
    }
}
