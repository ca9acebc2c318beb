package org.helpline.router.schedule.calendar;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one place a calendar address is made safe to show, log and audit. Whoever holds a subscription URL reads
 * the association's calendar: Google's "secret address" carries its key in the path
 * ({@code …/calendar/ical/<id>/private-<hex>/basic.ics}), a Nextcloud share its token
 * ({@code …/public-calendars/<token>?export}), others a user and password or a {@code token=} in the query. A token
 * cannot be told from a folder name with certainty, so the mask keeps only what identifies the calendar to a
 * person and cannot open it: the scheme, the host and port, the last path segment when it reads as a name
 * ({@code basic.ics}, {@code jours-feries-2027.ics}) and the query's parameter names. Everything else goes:
 * user information ({@code ***@}), the path before the last segment ({@code …}), a last segment that does not read
 * as a name, query values ({@code token=***}) and the fragment.
 */
final class UrlSecrets {

    /** What replaces a secret. */
    static final String HIDDEN = "***";
    /** What replaces the path before the last segment. */
    static final String ELIDED = "…";

    /** A word of a name: a short number (a year, a date), or letters in one case or capitalised, of a modest length. */
    private static final Pattern WORD = Pattern.compile("\\d{1,8}|[a-z]{1,20}|[A-Z][a-z]{1,19}|[A-Z]{1,8}");
    private static final Pattern SEPARATORS = Pattern.compile("[._-]");
    private static final int MAX_NAME = 64;
    /** Shorter fragments are not replaced inside free text: they would garble it and protect nothing. */
    private static final int MIN_SCRUBBED = 4;

    private UrlSecrets() {
    }

    /** The address as it may be shown: {@code https://***@host:port/…/basic.ics?export&token=***}. */
    static String mask(URI uri) {
        StringBuilder sb = new StringBuilder();
        if (uri.getScheme() != null) {
            sb.append(uri.getScheme()).append(':');
        }
        if (uri.getRawAuthority() != null) {
            sb.append("//");
            if (uri.getRawUserInfo() != null) {
                sb.append(HIDDEN).append('@');
            }
            sb.append(uri.getHost() != null ? uri.getHost() : HIDDEN);
            if (uri.getPort() >= 0) {
                sb.append(':').append(uri.getPort());
            }
        }
        sb.append(path(uri.getRawPath() != null ? uri.getRawPath() : ""));
        if (uri.getRawQuery() != null) {
            sb.append('?').append(query(uri.getRawQuery()));
        }
        return sb.toString();
    }

    /**
     * The text with every secret of the address replaced: the address itself (raw or decoded) by its mask, then
     * its user information, hidden path segments and query values wherever they appear alone (an exception
     * message may quote a host and path, or a decoded form).
     */
    static String scrub(String text, URI uri) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = mask(uri);
        String out = text;
        for (String whole : List.of(uri.toString(), decode(uri.toString()), uri.toString().split("#", 2)[0])) {
            out = out.replace(whole, masked);
        }
        List<String> secrets = new ArrayList<>(secrets(uri));
        secrets.sort(Comparator.comparingInt(String::length).reversed());
        for (String secret : secrets) {
            if (secret.length() >= MIN_SCRUBBED) {
                out = out.replace(secret, HIDDEN);
            }
        }
        return out;
    }

    /** Whether the text holds a mark of a masked address: such a text was copied from what the service shows. */
    static boolean looksMasked(String text) {
        return text.contains(HIDDEN) || text.contains(ELIDED) || text.toUpperCase(java.util.Locale.ROOT).contains("%E2%80%A6");
    }

    private static String path(String rawPath) {
        List<String> segments = Arrays.stream(rawPath.split("/")).filter(s -> !s.isEmpty()).toList();
        if (segments.isEmpty()) {
            return rawPath.isEmpty() ? "" : "/";
        }
        String last = segments.get(segments.size() - 1);
        String shown = readsAsName(decode(last)) ? last : HIDDEN;
        return (segments.size() > 1 ? "/" + ELIDED + "/" : "/") + shown + (rawPath.endsWith("/") ? "/" : "");
    }

    private static String query(String rawQuery) {
        List<String> parts = new ArrayList<>();
        for (String part : rawQuery.split("&", -1)) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                parts.add(readsAsName(decode(part)) || part.isEmpty() ? part : HIDDEN);
            } else {
                String name = part.substring(0, eq);
                String value = part.substring(eq + 1);
                parts.add((readsAsName(decode(name)) ? name : HIDDEN) + "=" + (value.isEmpty() ? "" : HIDDEN));
            }
        }
        return String.join("&", parts);
    }

    /** Every part of the address the mask hides, raw and decoded. */
    private static List<String> secrets(URI uri) {
        List<String> secrets = new ArrayList<>();
        if (uri.getRawUserInfo() != null) {
            secrets.add(uri.getRawUserInfo());
            secrets.add(decode(uri.getRawUserInfo()));
            for (String part : decode(uri.getRawUserInfo()).split(":")) {
                secrets.add(part);
            }
        }
        if (uri.getRawPath() != null) {
            for (String segment : uri.getRawPath().split("/")) {
                if (!segment.isEmpty() && !readsAsName(decode(segment))) {
                    secrets.add(segment);
                    secrets.add(decode(segment));
                }
            }
        }
        if (uri.getRawQuery() != null) {
            for (String part : uri.getRawQuery().split("&")) {
                int eq = part.indexOf('=');
                String value = eq < 0 ? (readsAsName(decode(part)) ? "" : part) : part.substring(eq + 1);
                if (!value.isEmpty()) {
                    secrets.add(value);
                    secrets.add(decode(value));
                }
            }
        }
        if (uri.getRawFragment() != null) {
            secrets.add(uri.getRawFragment());
        }
        return secrets;
    }

    /** Words joined by {@code .}, {@code -} or {@code _}, each {@link #WORD}: a file or folder name, not a key. */
    static boolean readsAsName(String segment) {
        if (segment.isEmpty() || segment.length() > MAX_NAME) {
            return false;
        }
        for (String word : SEPARATORS.split(segment, -1)) {
            if (!WORD.matcher(word).matches()) {
                return false;
            }
        }
        return true;
    }

    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }
}
