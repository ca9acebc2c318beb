package org.helpline.router.supervision;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The console is a set of static pages ({@code META-INF/resources/console/}) served under {@code /console/};
 * this sends {@code /console}, as people type it, there, so the pages' relative links resolve. The pages hold
 * no data: everything they show comes from {@code /api} with the signed-in account's credentials.
 */
@ApplicationScoped
public class ConsoleRoute {

    void route(@Observes Router router) {
        // Vert.x matches "/console/" to this path too; only the bare form is redirected.
        router.get("/console").handler(rc -> {
            if ("/console".equals(rc.request().path())) {
                rc.redirect("/console/");
            } else {
                rc.next();
            }
        });
    }
}
