package org.helpline.router.asterisk.ami;

import jakarta.enterprise.context.ApplicationScoped;
import org.helpline.router.supervision.QueueEvent;
import org.helpline.router.supervision.QueueEvent.Device;
import org.helpline.router.supervision.QueueEvent.MemberStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns Manager events into {@link QueueEvent}s. Reads only queue, member and channel identity fields and
 * the {@code HELPLINE_CALL_ID} channel variable: caller numbers are never read. Unknown events yield nothing.
 */
@ApplicationScoped
class AmiEventTranslator {

    static final String CALL_ID = "HELPLINE_CALL_ID";
    static final String LINE = "HELPLINE_LINE";
    static final String OUTCOME = "HELPLINE_OUTCOME";
    static final String CRISIS_HEARD = "HELPLINE_CRISIS_HEARD";
    static final String DIALLED = "HELPLINE_DIALLED";
    static final String STARTED = "HELPLINE_STARTED";

    List<QueueEvent> translate(AmiMessage m, Instant at) {
        String name = m.event();
        if (name == null) {
            return List.of();
        }
        String queue = m.get("Queue");
        String uniqueid = m.get("Uniqueid");
        String callId = m.channelVariable(CALL_ID);
        List<QueueEvent> out = new ArrayList<>(2);
        if (callId != null && uniqueid != null) {
            out.add(new QueueEvent.CallIdentified(uniqueid, m.get("Linkedid"), callId));
        }
        QueueEvent e = switch (name) {
            case "QueueCallerJoin" -> queue == null || uniqueid == null ? null
                    : new QueueEvent.CallerJoined(queue, uniqueid, callId, (int) m.longValue("Position", 0), at);
            case "QueueCallerAbandon" -> queue == null || uniqueid == null ? null
                    : new QueueEvent.CallerAbandoned(queue, uniqueid, callId, m.longValue("HoldTime", 0), at);
            case "QueueCallerLeave" -> queue == null || uniqueid == null ? null
                    : new QueueEvent.CallerLeft(queue, uniqueid, callId, at);
            case "AgentCalled" -> member(m) == null ? null : new QueueEvent.MemberRinging(queue, member(m), uniqueid, at);
            case "AgentConnect" -> member(m) == null ? null
                    : new QueueEvent.MemberConnected(queue, member(m), uniqueid, callId, m.longValue("HoldTime", 0), at);
            case "AgentComplete" -> member(m) == null ? null
                    : new QueueEvent.MemberCompleted(queue, member(m), uniqueid, callId, m.longValue("TalkTime", 0), at);
            case "AgentRingNoAnswer" -> member(m) == null ? null : new QueueEvent.MemberRingNoAnswer(queue, member(m), at);
            case "QueueMemberAdded", "QueueMemberStatus", "QueueMemberPause", "QueueMemberPaused" ->
                    member(m) == null ? null : new QueueEvent.MemberUpdated(queue, memberStatus(m), at);
            case "QueueMemberRemoved" -> member(m) == null ? null : new QueueEvent.MemberRemoved(queue, member(m), at);
            case "VarSet" -> varSet(m);
            case "Hangup" -> hangup(m, uniqueid, callId, at);
            default -> null;
        };
        if (e != null) {
            out.add(e);
        }
        return out;
    }

    /** The {@code QueueStatus} list as a full picture of every queue. */
    QueueEvent.QueuesResynced resynced(List<AmiMessage> items, Instant at) {
        Map<String, List<MemberStatus>> members = new LinkedHashMap<>();
        Map<String, List<QueueEvent.WaitingCaller>> callers = new LinkedHashMap<>();
        for (AmiMessage m : items) {
            String queue = m.get("Queue");
            if (queue == null) {
                continue;
            }
            members.computeIfAbsent(queue, q -> new ArrayList<>());
            callers.computeIfAbsent(queue, q -> new ArrayList<>());
            switch (String.valueOf(m.event())) {
                case "QueueMember" -> {
                    if (member(m) != null) {
                        members.get(queue).add(memberStatus(m));
                    }
                }
                case "QueueEntry" -> {
                    if (m.get("Uniqueid") != null) {
                        callers.get(queue).add(new QueueEvent.WaitingCaller(m.get("Uniqueid"),
                                (int) m.longValue("Position", 0), m.longValue("Wait", 0)));
                    }
                }
                default -> { }
            }
        }
        List<QueueEvent.QueueStatus> queues = members.keySet().stream()
                .map(q -> new QueueEvent.QueueStatus(q, members.get(q), callers.get(q))).toList();
        return new QueueEvent.QueuesResynced(queues, at);
    }

    /** The {@code CoreShowChannels} list. */
    QueueEvent.ChannelsListed channels(List<AmiMessage> items, Instant at) {
        List<QueueEvent.ChannelStatus> channels = items.stream().filter(m -> m.get("Channel") != null)
                .map(m -> new QueueEvent.ChannelStatus(m.get("Channel"), m.get("Uniqueid"), m.get("Linkedid"),
                        duration(m.get("Duration")))).toList();
        return new QueueEvent.ChannelsListed(channels, at);
    }

    /**
     * The caller's channel hanging up: only a channel on which the dialplan set {@code HELPLINE_OUTCOME} (the
     * caller's own; listeners', Local and transfer channels never carry it) with a call id.
     */
    private static QueueEvent hangup(AmiMessage m, String uniqueid, String callId, Instant at) {
        String outcome = m.channelVariable(OUTCOME);
        if (outcome == null || outcome.isBlank() || callId == null || uniqueid == null) {
            return null;
        }
        Instant arrived = null;
        String started = m.channelVariable(STARTED);
        if (started != null && started.matches("\\d{1,12}")) {
            arrived = Instant.ofEpochSecond(Long.parseLong(started));
        }
        return new QueueEvent.CallerHungUp(uniqueid, callId, outcome.trim(), "1".equals(m.channelVariable(CRISIS_HEARD)),
                blankToNull(m.channelVariable(LINE)), blankToNull(m.channelVariable(DIALLED)), arrived, at);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static QueueEvent varSet(AmiMessage m) {
        if (!CALL_ID.equals(m.get("Variable")) || m.get("Uniqueid") == null) {
            return null;
        }
        String value = m.get("Value");
        return value == null || value.isBlank() ? null
                : new QueueEvent.CallIdentified(m.get("Uniqueid"), m.get("Linkedid"), value.trim());
    }

    /** The member's interface: {@code Interface} on events, {@code Location} in QueueStatus. */
    private static String member(AmiMessage m) {
        String i = m.get("Interface");
        return i != null ? i : m.get("Location");
    }

    private static MemberStatus memberStatus(AmiMessage m) {
        String name = m.get("MemberName") != null ? m.get("MemberName") : m.get("Name");
        String reason = m.get("PausedReason");
        return new MemberStatus(member(m), name, device((int) m.longValue("Status", 0), m.flag("InCall")),
                m.flag("Paused"), reason == null || reason.isBlank() ? null : reason.trim(),
                epoch(m.longValue("LastPause", 0)), epoch(m.longValue("LoginTime", 0)), (int) m.longValue("CallsTaken", 0));
    }

    /** Asterisk device states: 1 not in use, 2 in use, 3 busy, 4 invalid, 5 unavailable, 6 ringing, 7 ring in use, 8 on hold. */
    static Device device(int status, boolean inCall) {
        return switch (status) {
            case 1 -> inCall ? Device.IN_USE : Device.FREE;
            case 2, 3, 8 -> Device.IN_USE;
            case 4, 5 -> Device.UNREACHABLE;
            case 6, 7 -> Device.RINGING;
            default -> inCall ? Device.IN_USE : Device.UNKNOWN;
        };
    }

    private static Instant epoch(long seconds) {
        return seconds <= 0 ? null : Instant.ofEpochSecond(seconds);
    }

    /** {@code HH:MM:SS} to seconds. */
    private static long duration(String hms) {
        if (hms == null) {
            return 0;
        }
        long total = 0;
        for (String part : hms.trim().split(":")) {
            try {
                total = total * 60 + Long.parseLong(part);
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return total;
    }
}
