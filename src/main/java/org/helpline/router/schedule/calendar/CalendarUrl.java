package org.helpline.router.schedule.calendar;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A subscription's address: {@code https://…}, or for tests an {@code http://} loopback address or a local file
 * ({@code file:} URL or absolute path) when the configuration allows them. Calendar URLs often carry a secret
 * (user and password, a token in the path or the query), so only {@link #masked()} is ever logged, audited or
 * shown ({@link UrlSecrets}).
 */
public record CalendarUrl(URI uri) {

    /** Parses and checks an address; throws {@link IllegalArgumentException} with the reason for the operator. */
    public static CalendarUrl parse(String value, CalendarConfig config) {
        String v = value.trim();
        if (UrlSecrets.looksMasked(v)) {
            throw new IllegalArgumentException("is a masked address (with " + UrlSecrets.HIDDEN + " or " + UrlSecrets.ELIDED
                    + "), as the service shows it: give the calendar's full address");
        }
        URI uri;
        try {
            uri = v.startsWith("/") ? Path.of(v).toUri() : new URI(v);
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IllegalArgumentException("is not a URL");
        }
        CalendarUrl url = new CalendarUrl(uri.normalize());
        url.check(config);
        return url;
    }

    /** Checks the scheme (and, for http, the host): also applied to every redirect. */
    void check(CalendarConfig config) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "https" -> requireHost();
            case "http" -> {
                requireHost();
                if (!config.allowHttpLoopback() || !isLoopback(uri.getHost())) {
                    throw new IllegalArgumentException("must use https");
                }
            }
            case "file" -> {
                if (!config.allowFiles()) {
                    throw new IllegalArgumentException("must use https (local files are not allowed here)");
                }
            }
            default -> throw new IllegalArgumentException("must use https");
        }
    }

    public boolean isFile() {
        return "file".equalsIgnoreCase(uri.getScheme());
    }

    /**
     * The address safe to log and to show: user information, the path before its last segment, a last segment
     * that does not read as a name, and query values hidden ({@code https://***@host/…/basic.ics?token=***}).
     */
    public String masked() {
        return UrlSecrets.mask(uri);
    }

    /** The text with this address and each of its secrets masked (for messages that may quote the address). */
    public String scrub(String text) {
        return UrlSecrets.scrub(text, uri);
    }

    private void requireHost() {
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException("has no host");
        }
    }

    private static boolean isLoopback(String host) {
        if ("localhost".equalsIgnoreCase(host)) {
            return true;
        }
        String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (!literal.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false; // only literal addresses: no DNS lookup while validating
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
