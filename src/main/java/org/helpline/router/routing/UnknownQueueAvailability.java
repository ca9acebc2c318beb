package org.helpline.router.routing;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** Used when nothing provides live queue state: every queue's state is unknown. */
@ApplicationScoped
@DefaultBean
public class UnknownQueueAvailability implements QueueAvailability {

    @Override
    public Optional<QueueLoad> load(String queue) {
        return Optional.empty();
    }
}
