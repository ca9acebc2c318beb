package org.helpline.router.listeners;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;

/** Used until listener management is wired to AMI: every feature code answers UNAVAILABLE. */
@ApplicationScoped
@DefaultBean
public class UnavailableListenerCommands implements ListenerCommands {

    @Override
    public Result onFeatureCode(String endpoint, Command command, String reason) {
        return Result.UNAVAILABLE;
    }
}
