package org.helpline.router.supervision;

import java.util.Optional;

/** Where the live view reads a line's figures for today (the journal). */
public interface TodaySource {

    /** The line's figures for its current service day, or empty when not known yet. */
    Optional<TodayFigures> today(String line);
}
