package org.helpline.router.asterisk.agi;

import java.io.IOException;

/** A FastAGI script the server answers: {@code agi://host:4573/<name>}. */
public interface AgiScript {

    /** The script's name in the AGI URL. */
    String name();

    /**
     * Answers one session by setting channel variables. Runs on a worker thread; must finish within the
     * configured time bounds and must never throw for a bad request (it answers the safe decision instead).
     */
    void answer(AgiEnvironment environment, AgiSession session) throws IOException;
}
