package org.helpline.router.schedule.calendar;

/** The document is not an iCalendar the service can use; the message names the line or the limit at fault. */
public class CalendarFormatException extends RuntimeException {

    public CalendarFormatException(String message) {
        super(message, null, false, false);
    }
}
