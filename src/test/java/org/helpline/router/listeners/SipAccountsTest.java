package org.helpline.router.listeners;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pure parts of listeners' SIP accounts: passwords and digests, usernames, the generated file. */
class SipAccountsTest {

    @Test
    void theDigestIsTheOneAsterisksDocumentationComputes() {
        // res_pjsip's password_digest documentation: echo -n "myname:myrealm:mypassword" | openssl dgst -md5
        assertEquals("md5:dce9ccd0a69e3ef90d8b9bf725053e78", SipCredentials.digest("myname", "myrealm", "mypassword"));
    }

    @Test
    void passwordsAreLongRandomAndFreeOfLookAlikes() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            String p = SipCredentials.newPassword();
            assertTrue(p.matches("([a-km-np-z2-9]{4}-){4}[a-km-np-z2-9]{4}"), p);
            assertFalse(p.matches(".*[01ilo].*"), p);
            assertTrue(seen.add(p));
        }
        assertTrue(SipCredentials.RANDOM_CHARACTERS * Math.log(SipCredentials.ALPHABET.length()) / Math.log(2) > 96,
                "close to 100 bits");
    }

    @Test
    void derivedUsernamesAreAsciiSlugsWithThePrefixAndUnique() {
        assertEquals("ecoutant-marie-helene-d", SipUsernames.derive("ecoutant-", "Marie-Hélène D.", n -> false));
        assertEquals("ecoutant-zoe-2", SipUsernames.derive("ecoutant-", "Zoé", n -> n.equals("ecoutant-zoe")));
        assertEquals("ecoutant-1", SipUsernames.derive("ecoutant-", "Мария", n -> false), "nothing latin left");
        String longName = SipUsernames.derive("ecoutant-", "A very long pseudonym that goes on and on", n -> false);
        assertTrue(longName.length() <= SipUsernames.MAX - 4 && SipUsernames.problem(longName) == null, longName);
        assertEquals("listener-trunk", SipUsernames.derive("", "Trunk", n -> false), "never a pjsip.conf object");
    }

    @Test
    void givenUsernamesKeepToPjsipAndSipRules() {
        for (String ok : List.of("marie", "marie.d", "m_2", "0ecoute", "a".repeat(40))) {
            assertNull(SipUsernames.problem(ok), ok);
        }
        for (String bad : List.of("", "Marie", "ma rie", "-m", ".m", "m@x", "m;x", "é", "a".repeat(41), "trunk",
                "trunk2", "transport-tls", "listener-aor", "global")) {
            assertNotNull(SipUsernames.problem(bad), bad);
        }
    }

    @Test
    void theFileIsStableAndItsCallerNamesCannotBreakTheSyntax() {
        SipAccountFile.Account b = new SipAccountFile.Account("b", "Bé; [x] \"<y>\"", "asterisk", "md5:" + "0".repeat(32));
        SipAccountFile.Account a = new SipAccountFile.Account("a", ";;;", "asterisk", "md5:" + "1".repeat(32));
        String text = SipAccountFile.render(List.of(b, a));
        assertEquals(text, SipAccountFile.render(List.of(a, b)), "same accounts, same bytes");
        assertTrue(text.indexOf("[a](listener-endpoint)") < text.indexOf("[b](listener-endpoint)"));
        assertTrue(text.contains("callerid = \"Bé x y\" <b>"), text);
        assertTrue(text.contains("callerid = \"a\" <a>"), "an empty name falls back to the username");
        assertTrue(text.contains("; 2 accounts\n"));
        for (String line : text.split("\n")) {
            if (!line.startsWith(";")) {
                assertFalse(line.contains(";"), "no comment inside a value: " + line);
            }
        }
        assertTrue(SipAccountFile.render(List.of()).startsWith(SipAccountFile.HEADER));
    }

    @Test
    void theFileIsReplacedWholeOnlyWhenItChangesAndReadableByItsGroupOnly(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("helpline-listeners.conf");
        assertTrue(SipAccountFile.writeIfChanged(file, "one\n"));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertFalse(SipAccountFile.writeIfChanged(file, "one\n"), "unchanged content is not written");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw----"));
        assertTrue(SipAccountFile.writeIfChanged(file, "two\n"));
        assertEquals("two\n", Files.readString(file));
        assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)),
                "the site's choice of mode is kept");
        try (var left = Files.list(dir)) {
            assertEquals(List.of(file), left.toList(), "no temporary file left behind");
        }
    }

    @Test
    void theSoftphoneAddressNamesHostPortAndTransport() {
        assertEquals("sip:ecoutant-a@sip.example.org:5061;transport=tls",
                SoftphoneSettings.of("sip.example.org", 5061, "TLS", "ecoutant-a", null).sipUri());
        assertEquals("sip:ecoutant-a@[2001:db8::1]:5060;transport=udp",
                SoftphoneSettings.of("2001:db8::1", 5060, "udp", "ecoutant-a", null).sipUri());
    }
}
