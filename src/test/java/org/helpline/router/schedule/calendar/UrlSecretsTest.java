package org.helpline.router.schedule.calendar;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What of a calendar address may be shown: the addresses associations really paste (Google's secret address,
 * a Nextcloud share or private calendar, Outlook's published calendar, a feed with a token), each masked so that
 * nothing in it opens the calendar, while a person still recognises which calendar it is.
 */
class UrlSecretsTest {

    private static final String GOOGLE_KEY = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
    private static final String NEXTCLOUD_TOKEN = "Jf8HkWqCTYS3sEt2";

    private static String mask(String url) {
        return UrlSecrets.mask(URI.create(url));
    }

    @Test
    void googleSecretAddressKeepsOnlyHostAndFileName() {
        String url = "https://calendar.google.com/calendar/ical/asso.ecoute%40gmail.com/private-" + GOOGLE_KEY + "/basic.ics";
        assertEquals("https://calendar.google.com/…/basic.ics", mask(url));
    }

    @Test
    void nextcloudShareTokenIsHiddenAndItsExportFlagKept() {
        assertEquals("https://cloud.example.org/…/***?export",
                mask("https://cloud.example.org/remote.php/dav/public-calendars/" + NEXTCLOUD_TOKEN + "?export"));
        // A token of letters only, in mixed case, is no name either.
        assertEquals("https://cloud.example.org/…/***?export",
                mask("https://cloud.example.org/remote.php/dav/public-calendars/JfHkWqCTYSsEtabc?export"));
    }

    @Test
    void userInformationIsHiddenWholeWithThePort() {
        assertEquals("https://***@cloud.example.org:8443/…/personal?export",
                mask("https://asso:motdepasse@cloud.example.org:8443/remote.php/dav/calendars/asso/personal?export"));
        assertEquals("https://***@example.org/agenda.ics", mask("https://jeton-seul@example.org/agenda.ics"));
    }

    @Test
    void queryValuesAreHiddenAndTheirNamesKept() {
        assertEquals("https://example.org/…/jours.ics?token=***&lang=***",
                mask("https://example.org/feeds/jours.ics?token=s3cr3t&lang=fr"));
        assertEquals("https://example.org/cal.ics?***", mask("https://example.org/cal.ics?a1B2c3D4e5F6"));
        assertEquals("https://example.org/cal.ics?***=***", mask("https://example.org/cal.ics?k9X2wQ=1"));
        assertEquals("https://example.org/cal.ics?empty=", mask("https://example.org/cal.ics?empty="));
    }

    @Test
    void aLastSegmentThatIsAKeyIsHiddenTooAndTheFragmentDropped() {
        assertEquals("https://example.org/…/***", mask("https://example.org/ical/9f86d081884c7d659a2feaa0c55ad015.ics"));
        assertEquals("https://outlook.office365.com/…/calendar.ics",
                mask("https://outlook.office365.com/owa/calendar/0f3c9b2e6d1a4e7f@asso.org/a1b2c3d4e5f6/calendar.ics"));
        assertEquals("https://example.org/agenda.ics", mask("https://example.org/agenda.ics#k3y-in-fragment"));
        assertEquals("https://example.org/…/agendas/", mask("https://example.org/u/x7Yq2Lm9/agendas/"));
    }

    @Test
    void anOrdinaryFeedStaysRecognisable() {
        assertEquals("https://etalab.github.io/…/jours_feries_metropole.ics",
                mask("https://etalab.github.io/jours-feries-france-data/ics/jours_feries_metropole.ics"));
        assertEquals("https://example.org/Fermetures-2027.ics", mask("https://example.org/Fermetures-2027.ics"));
        assertEquals("https://example.org", mask("https://example.org"));
        assertEquals("https://example.org/", mask("https://example.org/"));
    }

    @Test
    void filePathsKeepOnlyTheFileName() {
        assertEquals("file:/…/jours-feries-2027.ics", mask("file:///srv/calendars/tok3n-9f8e7d6c5b4a/jours-feries-2027.ics"));
        assertEquals("file:/…/***", mask("file:/tmp/ouvertures8345812775409871.ics"));
    }

    @Test
    void namesAndKeysAreToldApart() {
        for (String name : new String[] {"basic.ics", "jours-feries-2027.ics", "Jours_Feries.ics", "calendar", "export",
                "personal", "ICS", "2027-12-25"}) {
            assertTrue(UrlSecrets.readsAsName(name), name);
        }
        for (String key : new String[] {"private-" + GOOGLE_KEY, NEXTCLOUD_TOKEN, "JfHkWqCTYSsEtabc", "ABCDEFGHJKLMNPQR",
                "asso.ecoute@gmail.com", "a1b2c3", "9f86d081884c7d659a2feaa0c55ad015", "", "x".repeat(21),
                "550e8400-e29b-41d4-a716-446655440000"}) {
            assertFalse(UrlSecrets.readsAsName(key), key);
        }
    }

    @Test
    void scrubbingTextRemovesTheAddressAndEachSecretWhereverItIsQuoted() {
        URI google = URI.create("https://asso:motdepasse@calendar.google.com/calendar/ical/asso.ecoute%40gmail.com/private-"
                + GOOGLE_KEY + "/basic.ics?token=s3cr3tvalue");
        String masked = "https://***@calendar.google.com/…/basic.ics?token=***";
        assertEquals("failed for " + masked, UrlSecrets.scrub("failed for " + google, google));
        // Decoded, in parts, or the host and path alone, as an exception message may quote them.
        String text = UrlSecrets.scrub("GET /calendar/ical/asso.ecoute@gmail.com/private-" + GOOGLE_KEY
                + "/basic.ics as asso:motdepasse (token s3cr3tvalue): 403", google);
        for (String secret : new String[] {GOOGLE_KEY, "asso.ecoute@gmail.com", "motdepasse", "s3cr3tvalue"}) {
            assertFalse(text.contains(secret), text);
        }
        assertTrue(text.contains("basic.ics") && text.endsWith(": 403"), text);
        assertEquals("the server answered HTTP 404", UrlSecrets.scrub("the server answered HTTP 404", google));
        assertEquals(null, UrlSecrets.scrub(null, google));
    }

    @Test
    void aMaskedAddressIsRecognised() {
        assertTrue(UrlSecrets.looksMasked("https://calendar.google.com/…/basic.ics"));
        assertTrue(UrlSecrets.looksMasked("https://***@cloud.example.org/x.ics"));
        assertTrue(UrlSecrets.looksMasked("https://calendar.google.com/%E2%80%A6/basic.ics"));
        assertFalse(UrlSecrets.looksMasked("https://calendar.google.com/calendar/ical/x/private-" + GOOGLE_KEY + "/basic.ics"));
    }
}
