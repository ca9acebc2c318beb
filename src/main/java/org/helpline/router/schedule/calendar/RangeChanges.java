package org.helpline.router.schedule.calendar;

import io.quarkus.hibernate.orm.panache.Panache;
import org.hibernate.Session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * What one reading of a calendar changes in a source's {@code dated_range} rows, written in at most three
 * statements whatever the number of occurrences: the rows to delete by id, the rows to update from arrays, the
 * rows to insert from arrays ({@code unnest}). A 1 MB calendar brings thousands of occurrences; one statement
 * per row (what Hibernate does with identity keys, which defeat its JDBC batching) costs a round trip each and
 * keeps the transaction, and its locks, open for as long.
 */
final class RangeChanges {

    private final List<Long> deleted = new ArrayList<>();
    private final List<Long> updatedIds = new ArrayList<>();
    private final List<Occurrence> updated = new ArrayList<>();
    private final List<Occurrence> inserted = new ArrayList<>();

    void delete(long id) {
        deleted.add(id);
    }

    void update(long id, Occurrence now) {
        updatedIds.add(id);
        updated.add(now);
    }

    void insert(Occurrence o) {
        inserted.add(o);
    }

    int deletedCount() {
        return deleted.size();
    }

    int updatedCount() {
        return updated.size();
    }

    int insertedCount() {
        return inserted.size();
    }

    /** Writes the changes on the current transaction's connection: deletes first, so no key is held twice. */
    void write(long lineId, CalendarSource source) {
        if (deleted.isEmpty() && updated.isEmpty() && inserted.isEmpty()) {
            return;
        }
        Panache.getEntityManager().flush();
        Panache.getEntityManager().unwrap(Session.class).doWork(connection -> {
            deleteRows(connection);
            updateRows(connection, source);
            insertRows(connection, lineId, source);
        });
    }

    private void deleteRows(Connection c) throws SQLException {
        if (deleted.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("DELETE FROM dated_range WHERE id = ANY (?)")) {
            s.setArray(1, c.createArrayOf("bigint", deleted.toArray()));
            s.executeUpdate();
        }
    }

    private void updateRows(Connection c, CalendarSource source) throws SQLException {
        if (updated.isEmpty()) {
            return;
        }
        // The kind too: an operator may have changed the subscription's.
        try (PreparedStatement s = c.prepareStatement("UPDATE dated_range AS d"
                + " SET kind = ?, from_local = u.from_local, to_local = u.to_local, reason = u.reason"
                + " FROM unnest(?::bigint[], ?::timestamp[], ?::timestamp[], ?::varchar[])"
                + " AS u (id, from_local, to_local, reason) WHERE d.id = u.id")) {
            s.setString(1, source.kind.name());
            s.setArray(2, c.createArrayOf("bigint", updatedIds.toArray()));
            s.setArray(3, c.createArrayOf("varchar", times(updated, true)));
            s.setArray(4, c.createArrayOf("varchar", times(updated, false)));
            s.setArray(5, c.createArrayOf("varchar", updated.stream().map(Occurrence::summary).toArray()));
            s.executeUpdate();
        }
    }

    private void insertRows(Connection c, long lineId, CalendarSource source) throws SQLException {
        if (inserted.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO dated_range (line_id, kind, from_local, to_local,"
                + " reason, source_uid, source_id, source_recurrence, created_at)"
                + " SELECT ?, ?, u.from_local, u.to_local, u.reason, u.uid, ?, u.recurrence, now()"
                + " FROM unnest(?::timestamp[], ?::timestamp[], ?::varchar[], ?::varchar[], ?::varchar[])"
                + " AS u (from_local, to_local, reason, uid, recurrence)")) {
            s.setLong(1, lineId);
            s.setString(2, source.kind.name());
            s.setLong(3, source.id);
            s.setArray(4, c.createArrayOf("varchar", times(inserted, true)));
            s.setArray(5, c.createArrayOf("varchar", times(inserted, false)));
            s.setArray(6, c.createArrayOf("varchar", inserted.stream().map(Occurrence::summary).toArray()));
            s.setArray(7, c.createArrayOf("varchar", inserted.stream().map(Occurrence::uid).toArray()));
            s.setArray(8, c.createArrayOf("varchar", inserted.stream().map(Occurrence::recurrence).toArray()));
            s.executeUpdate();
        }
    }

    /** Local date-times as PostgreSQL reads a {@code timestamp} ("2026-12-25T00:00"): no zone, no conversion. */
    private static Object[] times(List<Occurrence> occurrences, boolean from) {
        return occurrences.stream().map(o -> from ? o.from() : o.to()).map(LocalDateTime::toString).toArray();
    }
}
