package org.helpline.router.asterisk.agi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import org.helpline.router.routing.QueueAvailability;
import org.helpline.router.routing.QueueLoad;

import java.util.Optional;
import java.util.function.Function;

/** Live queue state as a test scripts it; enabled only by {@link LiveStateProfile}. */
@Alternative
@ApplicationScoped
public class ScriptedQueueAvailability implements QueueAvailability {

    private volatile Function<String, Optional<QueueLoad>> behaviour = queue -> Optional.empty();

    public void answer(Function<String, Optional<QueueLoad>> behaviour) {
        this.behaviour = behaviour;
    }

    @Override
    public Optional<QueueLoad> load(String queue) {
        return behaviour.apply(queue);
    }
}
