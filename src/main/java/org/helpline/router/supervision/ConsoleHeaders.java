package org.helpline.router.supervision;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Headers of every response under {@code /console} — each page, script, style and image, present or to come —
 * chosen by path, not per file:
 * <ul>
 *   <li>{@code Content-Security-Policy}: everything from this origin only, no inline script or style, no plugin,
 *       and no framing ({@code frame-ancestors 'none'}, with {@code X-Frame-Options: DENY} for older browsers):
 *       the console acts with a coordinator's credentials, so no other page may run code in it or overlay it;
 *       images and sound also from {@code blob:}, because a line's recordings and a softphone's QR code come from
 *       the API with the account's credentials, which an {@code <audio src>} or {@code <img src>} pointing at the
 *       API cannot send: the page fetches them and shows them from memory (only the page's own scripts can
 *       make a blob URL of this origin);</li>
 *   <li>{@code X-Content-Type-Options: nosniff} and {@code Referrer-Policy: no-referrer};</li>
 *   <li>{@code Cache-Control: no-cache}: the browser keeps the files but asks again each time (answered 304
 *       while unchanged, thanks to {@code Last-Modified}), so a new version reaches coordinators at once, where
 *       the static handler's default would keep a day-old copy as {@code immutable}.</li>
 * </ul>
 */
@ApplicationScoped
public class ConsoleHeaders {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob:; "
            + "media-src 'self' blob:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    void register(@Observes Filters filters) {
        filters.register(this::filter, 10);
    }

    private void filter(RoutingContext rc) {
        String path = rc.normalizedPath();
        if (path.equals("/console") || path.startsWith("/console/")) {
            // Set as the headers go out, so they win over whatever the static handler set.
            rc.addHeadersEndHandler(ignored -> {
                MultiMap headers = rc.response().headers();
                headers.set("Content-Security-Policy", CSP);
                headers.set("X-Frame-Options", "DENY");
                headers.set("X-Content-Type-Options", "nosniff");
                headers.set("Referrer-Policy", "no-referrer");
                headers.set("Cache-Control", "no-cache");
            });
        }
        rc.next();
    }
}
