package org.helpline.router.asterisk.agi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import org.helpline.router.listeners.ListenerCommands;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Listener commands that record what they were asked and answer as a test says; enabled only by {@link LiveStateProfile}. */
@Alternative
@ApplicationScoped
public class ScriptedListenerCommands implements ListenerCommands {

    /** One feature code received. */
    public record Received(String endpoint, Command command, String reason) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Result result = Result.OK;

    public void answer(Result result) {
        this.result = result;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public Result onFeatureCode(String endpoint, Command command, String reason) {
        received.add(new Received(endpoint, command, reason));
        return result;
    }
}
