package org.helpline.router.asterisk.ami;

import jakarta.enterprise.context.ApplicationScoped;
import org.helpline.router.listeners.PjsipReload;

import java.util.Map;

/**
 * {@code Reload} with {@code Module: res_pjsip.so}: Asterisk re-reads {@code pjsip.conf} and what it includes (the
 * generated listener accounts). Asterisk registers the action for the {@code system} or {@code config} write class
 * (manager.c); the service's user has {@code system}, see asterisk-config/manager.conf for why not {@code config}.
 */
@ApplicationScoped
class AmiPjsipReload implements PjsipReload {

    static final String MODULE = "res_pjsip.so";

    private final AmiConnection ami;

    AmiPjsipReload(AmiConnection ami) {
        this.ami = ami;
    }

    @Override
    public void reload() {
        AmiMessage r;
        try {
            r = ami.execute(Map.of("Action", "Reload", "Module", MODULE));
        } catch (AmiConnection.AmiUnavailable e) {
            throw new Failed(e.getMessage());
        }
        if (!"Success".equalsIgnoreCase(r.response())) {
            throw new Failed("Asterisk answered " + (r.get("Message") == null ? "an error" : r.get("Message")));
        }
    }
}
