package org.helpline.router.asterisk.ami;

import jakarta.enterprise.context.ApplicationScoped;
import org.helpline.router.listeners.QueueMembership;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Queue membership over AMI: {@code QueueAdd}, {@code QueueRemove} and {@code QueuePause} (resuming is
 * {@code QueuePause} with {@code Paused: false}: Asterisk has no {@code QueueUnpause}), and {@code QueueStatus}
 * to find a member's queues.
 */
@ApplicationScoped
class AmiQueueMembership implements QueueMembership {

    private final AmiConnection ami;

    AmiQueueMembership(AmiConnection ami) {
        this.ami = ami;
    }

    @Override
    public void add(String queue, String endpoint, String memberName) {
        Map<String, String> action = action("QueueAdd", queue, endpoint);
        action.put("MemberName", memberName);
        action.put("StateInterface", endpoint);
        action.put("Paused", "false");
        run(action, "Already there");
    }

    @Override
    public void remove(String queue, String endpoint) {
        run(action("QueueRemove", queue, endpoint), "Not there");
    }

    @Override
    public void pause(String queue, String endpoint, String reason) {
        Map<String, String> action = action("QueuePause", queue, endpoint);
        action.put("Paused", "true");
        action.put("Reason", reason);
        run(action, null);
    }

    @Override
    public void resume(String queue, String endpoint) {
        Map<String, String> action = action("QueuePause", queue, endpoint);
        action.put("Paused", "false");
        run(action, null);
    }

    /** {@code QueueStatus} filtered by {@code Member}: its {@code QueueMember} items name the queues. */
    @Override
    public List<String> queuesOf(String endpoint) {
        List<AmiMessage> items;
        try {
            items = ami.executeList(Map.of("Action", "QueueStatus", "Member", endpoint));
        } catch (AmiConnection.AmiUnavailable e) {
            throw new Unavailable(e.getMessage());
        } catch (AmiSession.AmiActionFailed e) {
            throw new Refused("QueueStatus: " + e.getMessage());
        }
        return items.stream().filter(m -> "QueueMember".equals(m.event()) && m.get("Queue") != null)
                .filter(m -> endpoint.equals(m.get("Location")) || endpoint.equals(m.get("Interface")))
                .map(m -> m.get("Queue")).distinct().toList();
    }

    private static Map<String, String> action(String name, String queue, String endpoint) {
        Map<String, String> action = new LinkedHashMap<>();
        action.put("Action", name);
        action.put("Queue", queue);
        action.put("Interface", endpoint);
        return action;
    }

    /** Runs an action; an error whose message contains {@code harmless} counts as done. */
    private void run(Map<String, String> action, String harmless) {
        AmiMessage r;
        try {
            r = ami.execute(action);
        } catch (AmiConnection.AmiUnavailable e) {
            throw new Unavailable(e.getMessage());
        }
        if ("Success".equalsIgnoreCase(r.response())) {
            return;
        }
        String message = r.get("Message") == null ? "refused" : r.get("Message");
        if (harmless != null && message.contains(harmless)) {
            return;
        }
        throw new Refused(action.get("Action") + " " + action.get("Queue") + ": " + message);
    }
}
