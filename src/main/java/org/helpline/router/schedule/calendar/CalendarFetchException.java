package org.helpline.router.schedule.calendar;

/** A subscription could not be read; the message is safe to show and log (it never holds the URL's secrets). */
public class CalendarFetchException extends Exception {

    public CalendarFetchException(String message) {
        super(message, null, false, false);
    }
}
