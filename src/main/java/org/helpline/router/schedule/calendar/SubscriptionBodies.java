package org.helpline.router.schedule.calendar;

import java.time.Instant;
import java.util.List;

/** The JSON bodies of {@code /api/lines/{code}/calendar-subscriptions}. */
public final class SubscriptionBodies {

    private SubscriptionBodies() {
    }

    /**
     * {@code POST}: the calendar's address, whether its events close or open the line, and a name for people.
     * {@code PUT}: the same, each absent field kept; {@code url} sent back masked keeps the stored address.
     */
    public record Request(String url, String kind, String label) {
    }

    /**
     * A subscription as operators and coordinators see it: the URL masked ({@link CalendarUrl#masked()}: user
     * information, the path before the file name, token-like segments and query values hidden),
     * when it was last tried and last read successfully, the last error (null after a success), what it brought.
     */
    public record Subscription(long id, String url, String kind, String label, Instant createdAt,
                               Instant lastRefreshedAt, Instant lastSuccessAt, String lastError,
                               int eventsImported, List<SkippedEvent> skipped, int excluded, Instant nextRefreshAt) {
    }
}
