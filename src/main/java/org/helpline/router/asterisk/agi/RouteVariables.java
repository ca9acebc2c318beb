package org.helpline.router.asterisk.agi;

import org.helpline.router.lines.CrisisContact;
import org.helpline.router.lines.LineView;
import org.helpline.router.routing.RouteDecision;
import org.helpline.router.routing.RoutedCall;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The channel variables the {@code route} script sets, in the order it sends them: at most four
 * {@code SET VARIABLE} round trips per call.
 * <ol>
 *   <li>{@code HELPLINE_CALL_ID}: a fresh UUID;</li>
 *   <li>{@code HELPLINE_LINE}: the line's code (not sent for an unknown line);</li>
 *   <li>{@code HELPLINE_ROUTE}: the details the dialplan needs, packed as {@link #ROUTE_FIELDS} separated by
 *       {@code |}; the dialplan unpacks field n into {@code HELPLINE_<field>} with {@code CUT(HELPLINE_ROUTE,|,n)}
 *       (not sent for an unknown line);</li>
 *   <li>{@code HELPLINE_ACTION}: sent last, so a session cut short leaves it empty and the dialplan takes its
 *       static safe path rather than acting on half an answer.</li>
 * </ol>
 */
public final class RouteVariables {

    public static final String CALL_ID = "HELPLINE_CALL_ID";
    public static final String LINE = "HELPLINE_LINE";
    public static final String ROUTE = "HELPLINE_ROUTE";
    public static final String ACTION = "HELPLINE_ACTION";

    /**
     * The fields of {@code HELPLINE_ROUTE}, in order: queue name, maximum wait in seconds, prompt language
     * (fr|en), crisis numbers to say (digits joined by {@code &}), 1 when the caller may press 1 to be put
     * through to the first crisis number (else 0), that first crisis number, the next opening in epoch seconds
     * (empty unless CLOSED and within {@link #NEXT_OPEN_HORIZON}: beyond, the caller hears "closed until further
     * notice"), the line's time zone (for SayUnixTime), the line's own number (presented on the crisis
     * transfer), the messages the line has its own recording of (names joined by {@code +}).
     */
    public static final List<String> ROUTE_FIELDS = List.of(
            "QUEUE", "MAXWAIT", "LANG", "CRISIS_LIST", "CRISIS_TRANSFER", "CRISIS_NUMBER", "NEXT_OPEN", "TZ",
            "NUMBER", "MESSAGES");

    /** A reopening further away than this is not announced: the caller hears "closed until further notice". */
    public static final Duration NEXT_OPEN_HORIZON = Duration.ofDays(7);

    private RouteVariables() {
    }

    /** The variables to set for a routed call, in sending order. */
    public static Map<String, String> of(RoutedCall call) {
        RouteDecision decision = call.decision();
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put(CALL_ID, call.callId());
        LineView line = decision.line();
        if (line != null) {
            vars.put(LINE, line.code());
            vars.put(ROUTE, packed(line, decision, call.at()));
        }
        vars.put(ACTION, decision.action().name());
        return vars;
    }

    private static String packed(LineView line, RouteDecision decision, Instant at) {
        List<CrisisContact> crisis = line.crisisNumbers();
        String first = crisis.isEmpty() ? "" : crisis.get(0).number();
        boolean transfer = line.crisisTransfer() && !first.isEmpty();
        String spoken = crisis.stream().map(c -> spoken(c.number())).filter(s -> !s.isEmpty())
                .collect(Collectors.joining("&"));
        Instant next = decision.nextOpening();
        String nextOpen = next == null || (at != null && next.isAfter(at.plus(NEXT_OPEN_HORIZON)))
                ? "" : Long.toString(next.getEpochSecond());
        String messages = line.customMessages().stream().filter(m -> m.matches("[a-z0-9-]+"))
                .sorted().collect(Collectors.joining("+"));
        return String.join("|", List.of(clean(line.queue()), Integer.toString(line.maxWaitSeconds()),
                clean(line.language()), spoken, transfer ? "1" : "0", clean(first), nextOpen, line.zone().getId(),
                clean(line.number()), messages));
    }

    /** What SayDigits reads out: digits only, an E.164 '+' said as its international prefix 00. */
    static String spoken(String number) {
        String digits = number.replaceAll("\\D", "");
        return number.startsWith("+") ? "00" + digits : digits;
    }

    private static String clean(String value) {
        return value == null ? "" : value.replaceAll("[|&\"\\\\\\s]", "");
    }
}
