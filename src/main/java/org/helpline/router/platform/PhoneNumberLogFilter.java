package org.helpline.router.platform;

import io.quarkus.logging.LoggingFilter;
import org.jboss.logmanager.ExtLogRecord;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

/**
 * A log filter that lets every record through but rewrites its message, and the messages of its exception
 * chain, with {@link PhoneNumberMask}: the last line of defence so that no caller number reaches the service's
 * logs even if some code or library logs one. Installed on the console and file handlers with
 * {@code quarkus.log.console.filter=phone-number-mask} and {@code quarkus.log.file.filter=phone-number-mask}.
 */
@LoggingFilter(name = "phone-number-mask")
public final class PhoneNumberLogFilter implements Filter {

    @Override
    public boolean isLoggable(LogRecord record) {
        String formatted = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : formatPlain(record);
        String masked = PhoneNumberMask.mask(formatted);
        if (record instanceof ExtLogRecord ext) {
            ext.setMessage(masked, ExtLogRecord.FormatStyle.NO_FORMAT);
        } else {
            record.setMessage(masked);
        }
        record.setParameters(null);
        if (record.getThrown() != null && !(record.getThrown() instanceof MaskedThrowable)) {
            record.setThrown(MaskedThrowable.of(record.getThrown()));
        }
        return true;
    }

    private static String formatPlain(LogRecord record) {
        Object[] params = record.getParameters();
        if (record.getMessage() == null || params == null || params.length == 0) {
            return record.getMessage();
        }
        try {
            return java.text.MessageFormat.format(record.getMessage(), params);
        } catch (IllegalArgumentException e) {
            return record.getMessage();
        }
    }

    /** A stand-in for a logged exception whose messages may hold a number: same class name and stack, masked text. */
    static final class MaskedThrowable extends Throwable {

        private final String originalClass;

        private MaskedThrowable(String originalClass, String message, Throwable cause) {
            super(message, cause, true, true);
            this.originalClass = originalClass;
        }

        static Throwable of(Throwable original) {
            return of(original, 0);
        }

        private static Throwable of(Throwable original, int depth) {
            Throwable cause = original.getCause() != null && original.getCause() != original && depth < 20
                    ? of(original.getCause(), depth + 1) : null;
            MaskedThrowable masked = new MaskedThrowable(original.getClass().getName(),
                    PhoneNumberMask.mask(original.getMessage()), cause);
            masked.setStackTrace(original.getStackTrace());
            for (Throwable s : original.getSuppressed()) {
                masked.addSuppressed(of(s, depth + 1));
            }
            return masked;
        }

        @Override
        public String toString() {
            String message = getLocalizedMessage();
            return message != null ? originalClass + ": " + message : originalClass;
        }
    }
}
