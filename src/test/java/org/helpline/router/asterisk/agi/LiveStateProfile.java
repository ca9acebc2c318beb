package org.helpline.router.asterisk.agi;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Set;

/** Replaces live queue state, listener commands and Asterisk's word on calling channels by scripted test doubles. */
public class LiveStateProfile implements QuarkusTestProfile {

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(ScriptedQueueAvailability.class, ScriptedListenerCommands.class, ScriptedCallingChannels.class);
    }
}
