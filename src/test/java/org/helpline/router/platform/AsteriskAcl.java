package org.helpline.router.platform;

import org.helpline.router.platform.DeploymentFiles.Setting;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code deny}/{@code permit} rules of one section of an Asterisk configuration file (IPv4, {@code address/mask}
 * with a dotted or a prefix-length mask), applied as Asterisk's {@code ast_apply_ha} does: everything is allowed
 * until a rule matches, and the last rule that matches decides.
 */
final class AsteriskAcl {

    private record Rule(boolean permit, int network, int mask) {
    }

    private final List<Rule> rules;

    private AsteriskAcl(List<Rule> rules) {
        this.rules = rules;
    }

    static AsteriskAcl of(List<Setting> settings, String section) {
        List<Rule> rules = new ArrayList<>();
        for (Setting s : settings) {
            if (s.section().equals(section) && (s.key().equals("permit") || s.key().equals("deny"))) {
                String[] parts = s.value().split("/");
                int mask = parts.length < 2 ? -1
                        : parts[1].contains(".") ? ipv4(parts[1]) : (int) (0xffffffffL << (32 - Integer.parseInt(parts[1])));
                rules.add(new Rule(s.key().equals("permit"), ipv4(parts[0]) & mask, mask));
            }
        }
        if (rules.isEmpty()) {
            throw new AssertionError("[" + section + "] has no deny/permit rule");
        }
        return new AsteriskAcl(rules);
    }

    boolean allows(String address) {
        int a = ipv4(address);
        boolean allowed = true;
        for (Rule r : rules) {
            if ((a & r.mask()) == r.network()) {
                allowed = r.permit();
            }
        }
        return allowed;
    }

    private static int ipv4(String text) {
        try {
            return ByteBuffer.wrap(InetAddress.getByName(text.strip()).getAddress()).getInt();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
