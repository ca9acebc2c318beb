package org.helpline.router.platform;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Source addresses allowed to reach something (the FastAGI port, the operations endpoints): literal IPv4 or IPv6
 * addresses ({@code 127.0.0.1}, {@code ::1}) and CIDR ranges ({@code 10.0.0.0/8}, {@code fd00::/8}). Host names
 * are refused on purpose: a name resolved once could point elsewhere later, and resolving one per connection
 * would put DNS on the call path. An IPv4 address written as IPv4-mapped IPv6 ({@code ::ffff:10.0.0.1}) matches
 * its IPv4 form.
 */
public final class AddressAllowList {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final List<Range> ranges;
    private final String text;

    private AddressAllowList(List<Range> ranges, String text) {
        this.ranges = List.copyOf(ranges);
        this.text = text;
    }

    /**
     * Parses entries such as {@code 127.0.0.1}, {@code ::1} or {@code 192.168.10.0/24}; blank entries are skipped.
     *
     * @throws IllegalArgumentException naming the first entry that is not an address or a range
     */
    public static AddressAllowList of(List<String> entries) {
        List<Range> ranges = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (String raw : entries) {
            String entry = raw == null ? "" : raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            ranges.add(Range.parse(entry));
            kept.add(entry);
        }
        return new AddressAllowList(ranges, String.join(",", kept));
    }

    /** Whether an address (of a connection's peer) is allowed; null never is. */
    public boolean allows(InetAddress address) {
        if (address == null) {
            return false;
        }
        byte[] bytes = address.getAddress();
        for (Range range : ranges) {
            if (range.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a textual address (as Vert.x reports a peer) is allowed; anything that is not a literal never is. */
    public boolean allows(String address) {
        InetAddress parsed = literal(address);
        return parsed != null && allows(parsed);
    }

    /** A literal IP address, or null for anything else (never a DNS lookup). */
    public static InetAddress literal(String text) {
        if (text == null) {
            return null;
        }
        String s = text.strip();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        // getByName only skips DNS for literals: an IPv6 literal contains ':', an IPv4 one is a dotted quad.
        if (!s.contains(":") && !IPV4.matcher(s).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return text;
    }

    /** One address or CIDR range, as its network bytes and prefix length. */
    private record Range(byte[] network, int prefix) {

        static Range parse(String entry) {
            int slash = entry.indexOf('/');
            InetAddress address = literal(slash < 0 ? entry : entry.substring(0, slash));
            if (address == null) {
                throw new IllegalArgumentException("'" + entry + "' is not an IP address or a CIDR range");
            }
            byte[] bytes = address.getAddress();
            int bits = bytes.length * 8;
            int prefix = bits;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(entry.substring(slash + 1));
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > bits) {
                    throw new IllegalArgumentException("'" + entry + "' has a prefix length outside 0.." + bits);
                }
            }
            return new Range(bytes, prefix);
        }

        boolean contains(byte[] candidate) {
            if (candidate.length != network.length) {
                return false;
            }
            int whole = prefix / 8;
            if (!Arrays.equals(candidate, 0, whole, network, 0, whole)) {
                return false;
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (candidate[whole] & mask) == (network[whole] & mask);
        }
    }
}
