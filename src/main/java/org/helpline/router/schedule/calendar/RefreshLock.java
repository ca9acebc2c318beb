package org.helpline.router.schedule.calendar;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * One calendar source is refreshed by one instance at a time, however many share the database: a PostgreSQL
 * transaction-level advisory lock on the source's id, released by the commit or rollback that ends the refresh.
 */
@ApplicationScoped
public class RefreshLock {

    /** The first key of the two-key advisory lock: "CAL" in ASCII, so no other lock of the service collides. */
    static final int NAMESPACE = 0x43414C;

    /** Takes the lock if free; false when another instance (or thread) is refreshing this source. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean tryLock(long sourceId) {
        return (Boolean) Panache.getEntityManager()
                .createNativeQuery("SELECT pg_try_advisory_xact_lock(?1, ?2)")
                .setParameter(1, NAMESPACE).setParameter(2, (int) sourceId)
                .getSingleResult();
    }

    /** Waits for the lock: for operators' uploads and refresh requests, which should not be lost. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lock(long sourceId) {
        Panache.getEntityManager()
                .createNativeQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(?1, ?2)) AS l")
                .setParameter(1, NAMESPACE).setParameter(2, (int) sourceId)
                .getSingleResult();
    }
}
