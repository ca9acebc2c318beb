package org.helpline.router.platform;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Entry point of the packaged service. When no database is configured it first starts the embedded
 * PostgreSQL (data kept under {@code HELPLINE_DATA_DIR}, default {@code ./data}) and points Quarkus at it;
 * with {@code QUARKUS_DATASOURCE_JDBC_URL} set, as in production, it starts nothing of its own.
 */
@QuarkusMain
public class HelplineMain implements QuarkusApplication {

    public static void main(String... args) {
        EmbeddedDatabase embedded = EmbeddedDatabase.startIfNoneConfigured();
        // The embedded server stops only once Quarkus has stopped (on SIGTERM too), so shutdown work such as
        // flushing the call journal still has its database.
        Quarkus.run(HelplineMain.class, (exitCode, cause) -> {
            if (embedded != null) {
                embedded.close();
            }
            System.exit(exitCode);
        }, args);
    }

    @Override
    public int run(String... args) {
        Quarkus.waitForExit();
        return 0;
    }
}
