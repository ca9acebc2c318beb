package org.helpline.router.supervision;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.helpline.router.accounts.AccountChanged;
import org.helpline.router.accounts.AccountService;
import org.helpline.router.accounts.DatabaseIdentityProvider;
import org.helpline.router.accounts.Roles;
import org.helpline.router.api.ApiProblem;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open {@code /api/supervision/stream}s: at most {@code helpline.supervision.max-streams} in all and
 * {@code max-streams-per-account} per account, each ended as soon as its account changes (disabled, roles or
 * password changed: a change made through this instance ends it at the next update; one made through another
 * instance is found by a periodic check). The console reconnects by itself, with whatever credentials are
 * valid now.
 */
@ApplicationScoped
public class SupervisionStreams {

    private static final Logger LOG = Logger.getLogger(SupervisionStreams.class);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(10);

    private final SupervisionSnapshots snapshots;
    private final SupervisionConfig config;
    private final AccountService accounts;
    private final Set<Slot> open = ConcurrentHashMap.newKeySet();

    SupervisionStreams(SupervisionSnapshots snapshots, SupervisionConfig config, AccountService accounts) {
        this.snapshots = snapshots;
        this.config = config;
        this.accounts = accounts;
    }

    /**
     * The stream for one authenticated account: the current snapshot, then every coalesced update, until the
     * client goes or the account changes.
     *
     * @throws ApiProblem 429 when the account has its streams open already, 503 when the service has all it serves
     */
    public Multi<SupervisionSnapshot> open(SecurityIdentity identity) {
        String username = identity.getPrincipal().getName();
        Slot slot = new Slot(username, identity.getAttribute(DatabaseIdentityProvider.ACCOUNT_VERSION));
        synchronized (open) {
            if (open.size() >= config.maxStreams()) {
                throw ApiProblem.unavailable("too-many-streams", "The service serves " + config.maxStreams()
                        + " live streams already; use GET /api/supervision meanwhile", RETRY_AFTER);
            }
            long mine = open.stream().filter(s -> s.username().equals(username)).count();
            if (mine >= config.maxStreamsPerAccount()) {
                throw ApiProblem.tooManyRequests("too-many-streams", "This account has " + mine
                        + " live streams open already; close one first", RETRY_AFTER);
            }
            open.add(slot);
        }
        return snapshots.stream()
                .select().first(snapshot -> !slot.ended)
                .onTermination().invoke(() -> open.remove(slot));
    }

    /** Streams open now. */
    public int openStreams() {
        return open.size();
    }

    void onAccountChanged(@Observes AccountChanged change) {
        end(change.username(), "its account changed");
    }

    /** Changes made through another instance: each account with a stream here is read again. */
    @Scheduled(every = "${helpline.lines.refresh-interval:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void recheck() {
        for (Slot slot : Set.copyOf(open)) {
            try {
                boolean granted = QuarkusTransaction.requiringNew().call(
                        () -> accounts.stillGranted(slot.username(), slot.version(), Roles.ALL));
                if (!granted) {
                    end(slot.username(), "its account changed on another instance");
                }
            } catch (RuntimeException e) {
                // Database unreachable: the outage rules of logins apply; the stream goes on.
                LOG.debugf("Stream accounts not rechecked: %s", e.getMessage());
                return;
            }
        }
    }

    private void end(String username, String why) {
        boolean any = false;
        for (Slot slot : open) {
            if (slot.username().equals(username) && !slot.ended) {
                slot.ended = true;
                any = true;
            }
        }
        if (any) {
            LOG.infof("Supervision streams of '%s' end: %s", username, why);
            snapshots.changed(); // the next update carries the end
        }
    }

    /** One open stream. */
    private static final class Slot {
        private final String username;
        private final Instant version;
        volatile boolean ended;

        Slot(String username, Instant version) {
            this.username = username;
            this.version = version;
        }

        String username() {
            return username;
        }

        Instant version() {
            return version;
        }
    }
}
