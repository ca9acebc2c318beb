package org.helpline.router.platform;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AddressAllowListTest {

    @Test
    void theDefaultAllowsLoopbackAddressesAsWrittenAndNothingElse() {
        AddressAllowList loopback = AddressAllowList.of(List.of("127.0.0.1", "::1"));
        assertTrue(loopback.allows("127.0.0.1"));
        assertTrue(loopback.allows("::1"));
        assertTrue(loopback.allows("0:0:0:0:0:0:0:1"));
        assertTrue(loopback.allows("::ffff:127.0.0.1"), "IPv4-mapped IPv6 is the IPv4 address");
        assertFalse(loopback.allows("127.0.0.2"), "only the listed address, not all of 127/8");
        assertFalse(loopback.allows("10.0.0.1"));
        assertFalse(loopback.allows((String) null));
    }

    @Test
    void rangesMatchByPrefix() {
        AddressAllowList ranges = AddressAllowList.of(List.of(" 172.18.0.0/16 ", "", "fd00:1::/32", "10.1.2.128/25"));
        assertTrue(ranges.allows("172.18.255.3"));
        assertFalse(ranges.allows("172.19.0.1"));
        assertTrue(ranges.allows("fd00:1:ffff::5"));
        assertFalse(ranges.allows("fd00:2::5"));
        assertTrue(ranges.allows("10.1.2.200"));
        assertFalse(ranges.allows("10.1.2.100"));
        assertTrue(AddressAllowList.of(List.of("0.0.0.0/0")).allows("203.0.113.9"));
        assertEquals("172.18.0.0/16,fd00:1::/32,10.1.2.128/25", ranges.toString());
    }

    @Test
    void hostNamesAndMalformedEntriesAreRefusedWithoutALookup() {
        assertThrows(IllegalArgumentException.class, () -> AddressAllowList.of(List.of("asterisk")));
        assertThrows(IllegalArgumentException.class, () -> AddressAllowList.of(List.of("cafe")));
        assertThrows(IllegalArgumentException.class, () -> AddressAllowList.of(List.of("10.0.0.0/33")));
        assertThrows(IllegalArgumentException.class, () -> AddressAllowList.of(List.of("10.0.0.0/x")));
        assertThrows(IllegalArgumentException.class, () -> AddressAllowList.of(List.of("300.1.1.1")));
        assertNull(AddressAllowList.literal("localhost"));
        assertFalse(AddressAllowList.of(List.of("127.0.0.1")).allows("localhost"), "names are never resolved");
    }
}
