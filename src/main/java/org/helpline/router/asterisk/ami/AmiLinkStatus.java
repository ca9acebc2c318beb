package org.helpline.router.asterisk.ami;

import org.jboss.logging.Logger;

import java.time.Instant;

/**
 * What the AMI link is doing, for the readiness check, and its log: one line per change of state, not one per
 * attempt (a refused login is an ERROR someone must fix; a network failure a WARN; repeats are DEBUG).
 */
final class AmiLinkStatus {

    private static final Logger LOG = Logger.getLogger(AmiConnection.class);

    private final AmiConfig config;
    private volatile AmiLinkState state = AmiLinkState.CONNECTING;
    private volatile Instant retryAt;

    AmiLinkStatus(AmiConfig config) {
        this.config = config;
    }

    AmiLinkState state() {
        return config.enabled() ? state : AmiLinkState.DISABLED;
    }

    /** When the next attempt is due while the link waits; null otherwise. */
    Instant retryAt() {
        return retryAt;
    }

    void retryAt(Instant at) {
        retryAt = at;
    }

    void enter(AmiLinkState next, String detail) {
        AmiLinkState previous = state;
        state = next;
        if (previous == next) {
            if (next != AmiLinkState.CONNECTED) {
                LOG.debugf("AMI still %s: %s", next.words(), detail);
            }
            return;
        }
        String where = config.host() + ":" + config.port();
        switch (next) {
            case CONNECTED -> LOG.infof("AMI connected to %s and resynchronised", where);
            case LOGIN_REFUSED -> LOG.errorf("AMI login to %s refused for user '%s': check helpline.ami.username and "
                    + "helpline.ami.password against manager.conf; %s", where, config.username(), detail);
            case DOWN -> LOG.warnf("AMI link to %s down: %s (retrying every %s at most)", where, detail,
                    config.reconnectMaxDelay());
            default -> { }
        }
    }
}
