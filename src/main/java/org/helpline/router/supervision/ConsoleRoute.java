package org.helpline.router.supervision;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The coordinators' console is a static page ({@code META-INF/resources/console/}) served at {@code /console/};
 * this sends {@code /console}, as people type it, there, so the page's relative links resolve. The page holds
 * no data: everything it shows comes from {@code /api/supervision} with the coordinator's credentials.
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
