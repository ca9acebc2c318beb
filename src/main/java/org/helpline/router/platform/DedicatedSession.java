package org.helpline.router.platform;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.AgroalConnectionFactoryConfiguration;
import io.agroal.api.security.AgroalDefaultSecurityProvider;
import io.agroal.api.security.AgroalSecurityProvider;
import org.postgresql.Driver;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A PostgreSQL session of its own, for what must outlive a borrowed connection (a session-level advisory lock):
 * opened with the datasource's own URL, user and password, but never taken from its pool, so it cannot be handed
 * to other work with the lock still on it, nor closed by the pool behind its owner's back. It counts as one
 * connection more than the pool's {@code quarkus.datasource.jdbc.max-size}.
 */
final class DedicatedSession {

    private DedicatedSession() {
    }

    /**
     * Opens the session. Connecting and every read give up after {@code timeout}, so a database that stops
     * answering without closing the connection (a host gone, a network cut) is noticed instead of waited on.
     *
     * @param name how the session shows in {@code pg_stat_activity.application_name}
     */
    static Connection open(AgroalDataSource dataSource, Duration timeout, String name) throws SQLException {
        AgroalConnectionFactoryConfiguration factory = dataSource.getConfiguration().connectionPoolConfiguration()
                .connectionFactoryConfiguration();
        Properties properties = new Properties();
        properties.putAll(factory.jdbcProperties());
        properties.putAll(security(factory, factory.principal()));
        for (Object credential : factory.credentials()) {
            properties.putAll(security(factory, credential));
        }
        String seconds = String.valueOf(Math.max(1, timeout.toSeconds()));
        properties.setProperty("ApplicationName", name);
        properties.setProperty("connectTimeout", seconds);
        properties.setProperty("loginTimeout", seconds);
        properties.setProperty("socketTimeout", seconds);
        properties.setProperty("tcpKeepAlive", "true");
        // The driver itself rather than DriverManager: the lock is PostgreSQL's, and DriverManager does not see
        // drivers of an application class loader.
        Connection c = new Driver().connect(factory.jdbcUrl(), properties);
        if (c == null) {
            throw new SQLException("The datasource's URL is not a PostgreSQL one");
        }
        c.setAutoCommit(true);
        return c;
    }

    /** The user and password as the pool gives them to the driver: its providers first, then Agroal's default. */
    private static Properties security(AgroalConnectionFactoryConfiguration factory, Object principalOrCredential) {
        if (principalOrCredential == null) {
            return new Properties();
        }
        List<AgroalSecurityProvider> providers = new ArrayList<>(factory.securityProviders());
        providers.add(new AgroalDefaultSecurityProvider());
        for (AgroalSecurityProvider provider : providers) {
            Properties p = provider.getSecurityProperties(principalOrCredential);
            if (p != null) {
                return p;
            }
        }
        return new Properties();
    }
}
