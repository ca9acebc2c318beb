package org.helpline.router.calls;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The log and SIP readings the suite's configuration check relies on, on lines Asterisk 22 really writes. */
class ShippedConfigurationAcceptedTest {

    @Test
    void theRejectionOfAWholePjsipObjectIsFound() {
        String log = """
                [2026-11-30 16:51:50] NOTICE[21769] udptl.c: Could not load udptl config; using defaults
                [2026-11-30 16:51:50] ERROR[21769] config_options.c: Could not find option suitable for category 'global' named 'allow_unauthenticated_options' at line 12 of /etc/asterisk/pjsip.conf
                [2026-11-30 16:51:50] ERROR[21769] res_sorcery_config.c: Could not create an object of type 'global' with id 'global' from configuration file 'pjsip.conf'
                [2026-11-30 16:51:50] ERROR[21769] config_options.c: Error parsing max_contacts=one at line 40 of /etc/asterisk/pjsip.conf
                [2026-11-30 16:51:50] WARNING[21769] ccss.c: Could not find valid ccss.conf file. Using cc_max_requests and devstate defaults
                """;
        List<String> found = ShippedConfigurationAccepted.rejections(log + log.replace("16:51:50", "16:58:29"));
        assertEquals(List.of(
                "Could not find option suitable for category 'global' named 'allow_unauthenticated_options' at line 12 of /etc/asterisk/pjsip.conf",
                "Could not create an object of type 'global' with id 'global' from configuration file 'pjsip.conf'",
                "Error parsing max_contacts=one at line 40 of /etc/asterisk/pjsip.conf"), found,
                "each rejection once, however often Asterisk reloaded");
        assertEquals(List.of(), ShippedConfigurationAccepted.rejections("""
                [2026-11-30 16:51:50] ERROR[21769] res_pjsip_config_wizard.c: Unable to load config file 'pjsip_wizard.conf'
                [2026-11-30 16:51:50] NOTICE[21769] features_config.c: Could not load features config; using defaults
                """), "a module without its optional file is not a rejected configuration");
    }

    @Test
    void userAgentAndServerHeadersAreRead() {
        String messages = """
                ----------------------------------------------- 2026-11-30 16:52:01.123
                UDP message received [612] bytes :

                INVITE sip:listener@127.0.0.1:5070 SIP/2.0
                Via: SIP/2.0/UDP 127.0.0.1:5060;rport;branch=z9hG4bK
                User-Agent: Asterisk PBX 22.10.1
                Content-Length: 0

                SIP/2.0 200 OK
                Server: helpline
                User-Agent: suite-listener
                """;
        assertEquals(List.of("Asterisk PBX 22.10.1", "helpline", "suite-listener"),
                ShippedConfigurationAccepted.agents(messages));
    }
}
