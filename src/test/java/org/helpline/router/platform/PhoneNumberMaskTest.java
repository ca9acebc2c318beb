package org.helpline.router.platform;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class PhoneNumberMaskTest {

    @Test
    void masksEveryFormOfAPhoneNumber() {
        for (String number : new String[]{"+33612345678", "+33 6 12 34 56 78", "+33 (0)6 12 34 56 78",
                "0612345678", "06 12 34 56 78", "06.12.34.56.78", "06-12-34-56-78", "0033612345678",
                "00 33 6 12 34 56 78", "+1-202-555-0143", "0800 123 456", "612345678", "+442071234567"}) {
            String line = "caller " + number + " hung up";
            assertEquals("caller [number] hung up", PhoneNumberMask.mask(line), number);
            assertEquals("from=" + PhoneNumberMask.MASK + ".", PhoneNumberMask.mask("from=" + number + "."), number);
            assertEquals("(" + PhoneNumberMask.MASK + ")", PhoneNumberMask.mask("(" + number + ")"), number);
        }
    }

    @Test
    void leavesOrdinaryLogLinesAlone() {
        String[] lines = {
                "Call 0b4e7f1a-6c2d-4e8f-9a10-123456789012 routed QUEUE to ecoute",
                "Call 06123456-7890-1234-5678-901234567890 answered",
                "2026-11-24 22:55:32,123 INFO started in 1.234s. Listening on: http://0.0.0.0:8080",
                "FastAGI listening on 127.0.0.1:4573, pool 2..50, read timeout PT2S",
                "AMI connected to 192.168.10.254:5038 after 3 attempts",
                "Next opening 2026-11-25T09:00:00+01:00[Europe/Paris]",
                "Queue ecoute: 3 waiting, 2 available, estimated wait 45 s",
                "Flyway migrated to version 5 in 00:00.123s",
                "Asterisk uniqueid 1732489200.42 hung up",
                "line crisis number 3114 and 15 and 112"};
        for (String line : lines) {
            assertEquals(line, PhoneNumberMask.mask(line));
        }
    }

    @Test
    void masksNumbersInsideALongerMessage() {
        String masked = PhoneNumberMask.mask("AGI env agi_callerid=0612345678 agi_dnid=0800123456 agi_uniqueid=1732489200.42");
        assertFalse(masked.contains("0612345678"));
        assertFalse(masked.contains("0800123456"));
        assertEquals("AGI env agi_callerid=[number] agi_dnid=[number] agi_uniqueid=1732489200.42", masked);
    }

    @Test
    void theFilterRewritesTheMessageAndTheExceptionChain() {
        var record = new org.jboss.logmanager.ExtLogRecord(java.util.logging.Level.INFO, "caller %s waiting",
                org.jboss.logmanager.ExtLogRecord.FormatStyle.PRINTF, PhoneNumberMaskTest.class.getName());
        record.setParameters(new Object[]{"+33 6 12 34 56 78"});
        record.setThrown(new IllegalStateException("bad 0612345678", new RuntimeException("from 0033612345678")));
        new PhoneNumberLogFilter().isLoggable(record);
        assertEquals("caller [number] waiting", record.getFormattedMessage());
        assertEquals("java.lang.IllegalStateException: bad [number]", record.getThrown().toString());
        assertEquals("java.lang.RuntimeException: from [number]", record.getThrown().getCause().toString());
    }
}
