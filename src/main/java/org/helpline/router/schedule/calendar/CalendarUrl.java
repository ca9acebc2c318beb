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
 * (user and password, a token in the query), so only {@link #masked()} is ever logged or shown.
 */
public record CalendarUrl(URI uri) {

    /** Parses and checks an address; throws {@link IllegalArgumentException} with the reason for the operator. */
    public static CalendarUrl parse(String value, CalendarConfig config) {
        String v = value.trim();
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

    /** The address with any user information and query replaced by {@code ***}: safe to log and to show. */
    public String masked() {
        if (isFile()) {
            return uri.toString();
        }
        StringBuilder sb = new StringBuilder(uri.getScheme()).append("://");
        if (uri.getRawUserInfo() != null) {
            sb.append("***@");
        }
        sb.append(uri.getHost());
        if (uri.getPort() >= 0) {
            sb.append(':').append(uri.getPort());
        }
        sb.append(uri.getRawPath() == null ? "" : uri.getRawPath());
        if (uri.getRawQuery() != null) {
            sb.append("?***");
        }
        return sb.toString();
    }

    /** Masks any URL-looking text (for messages from libraries that may quote an address). */
    static String maskIn(String text, CalendarUrl url) {
        if (text == null) {
            return null;
        }
        return text.replace(url.uri().toString(), url.masked());
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
