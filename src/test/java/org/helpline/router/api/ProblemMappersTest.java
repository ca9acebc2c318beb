package org.helpline.router.api;

import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The last line of defence: whatever validation missed and PostgreSQL refuses as data (SQL state class 22) is
 * the client's fault, a 400 problem, not a 500; other database failures keep their meaning.
 */
class ProblemMappersTest {

    private final ProblemMappers mappers = new ProblemMappers();

    @Test
    void dataErrorsOfTheDatabaseAre400Problems() {
        for (String state : new String[] {"22001", "22021", "22P05", "22008", "22003"}) {
            Response r = mappers.unexpected(new PersistenceException("could not execute statement",
                    new RuntimeException(new SQLException("ERROR: value too long for type character varying(255)", state))));
            assertEquals(400, r.getStatus(), state);
            assertEquals(Problem.MEDIA_TYPE, r.getMediaType().toString());
            Problem p = (Problem) r.getEntity();
            assertTrue(p.type().endsWith("/invalid-input"), p.type());
            assertEquals("body", p.field());
            assertTrue(!p.detail().contains("varying"), "the database's words are not echoed: " + p.detail());
        }
    }

    @Test
    void otherFailuresKeepTheirStatus() {
        assertEquals(503, mappers.unexpected(new PersistenceException(new SQLException("gone", "08006"))).getStatus());
        assertEquals(500, mappers.unexpected(new PersistenceException(new SQLException("deadlock", "40P01"))).getStatus());
        assertEquals(500, mappers.unexpected(new IllegalStateException("bug")).getStatus());
    }
}
