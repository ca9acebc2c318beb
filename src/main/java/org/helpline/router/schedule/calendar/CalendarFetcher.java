package org.helpline.router.schedule.calendar;

import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fetches a subscription's document: connect and read time-outs, a size cap, redirects followed only to
 * addresses a subscription could have (so never from https down to http), conditional requests by ETag.
 * Runs on the refresh thread only, never on the routing path.
 */
@ApplicationScoped
public class CalendarFetcher {

    static final int MAX_REDIRECTS = 5;
    private static final Pattern CHARSET = Pattern.compile("(?i)charset=\"?([A-Za-z0-9_.:-]+)");

    /** A fresh document with its ETag, or {@code notModified} when the server says the last one still holds. */
    public record Fetched(String body, String etag, boolean notModified) {
    }

    private final CalendarConfig config;
    private final HttpClient client;

    CalendarFetcher(CalendarConfig config) {
        this.config = config;
        this.client = HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * Fetches the document. Every failure's message is safe to show: neither the address nor an address it
     * redirected to is quoted with its secrets.
     */
    public Fetched fetch(CalendarUrl url, String etag) throws CalendarFetchException {
        try {
            return fetchFollowing(url, etag);
        } catch (CalendarFetchException e) {
            throw new CalendarFetchException(url.scrub(e.getMessage()));
        }
    }

    private Fetched fetchFollowing(CalendarUrl url, String etag) throws CalendarFetchException {
        long limit = config.maxSize().asLongValue();
        if (url.isFile()) {
            return readFile(Path.of(url.uri()), limit);
        }
        CalendarUrl current = url;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpResponse<InputStream> response = send(current, etag);
            int status = response.statusCode();
            if (status >= 300 && status < 400 && status != 304) {
                closeQuietly(response.body());
                current = redirect(current, response);
                continue;
            }
            if (status == 304 && etag != null) {
                closeQuietly(response.body());
                return new Fetched(null, etag, true);
            }
            if (status != 200) {
                closeQuietly(response.body());
                throw new CalendarFetchException("the server answered HTTP " + status);
            }
            long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (declared > limit) {
                closeQuietly(response.body());
                throw new CalendarFetchException("the calendar is larger than " + limit + " bytes");
            }
            byte[] bytes = readWithDeadline(response.body(), limit);
            Charset charset = response.headers().firstValue("Content-Type").map(CalendarFetcher::charsetOf).orElse(null);
            return new Fetched(CalendarBody.decode(bytes, charset), response.headers().firstValue("ETag").orElse(null), false);
        }
        throw new CalendarFetchException("more than " + MAX_REDIRECTS + " redirects");
    }

    private HttpResponse<InputStream> send(CalendarUrl url, String etag) throws CalendarFetchException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url.uri())
                .timeout(config.readTimeout())
                .header("Accept", "text/calendar, */*;q=0.5")
                .header("User-Agent", "helpline-router calendar subscription")
                .GET();
        if (etag != null) {
            request.header("If-None-Match", etag);
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException e) {
            throw new CalendarFetchException("no connection within " + config.connectTimeout().toSeconds() + " s");
        } catch (HttpTimeoutException e) {
            throw new CalendarFetchException("no answer within " + config.readTimeout().toSeconds() + " s");
        } catch (ConnectException e) {
            throw new CalendarFetchException("the server cannot be reached (connection refused or no route)");
        } catch (javax.net.ssl.SSLException e) {
            throw new CalendarFetchException("the TLS connection failed: " + url.scrub(e.getMessage()));
        } catch (IOException e) {
            throw new CalendarFetchException("the request failed: " + url.scrub(String.valueOf(e.getMessage())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CalendarFetchException("interrupted");
        }
    }

    private CalendarUrl redirect(CalendarUrl from, HttpResponse<?> response) throws CalendarFetchException {
        String location = response.headers().firstValue("Location")
                .orElseThrow(() -> new CalendarFetchException("a redirect (HTTP " + response.statusCode() + ") without Location"));
        CalendarUrl next;
        try {
            next = new CalendarUrl(from.uri().resolve(URI.create(location.trim())));
            next.check(config);
        } catch (IllegalArgumentException e) {
            throw new CalendarFetchException("redirected to an address a subscription may not use (" + e.getMessage() + ")");
        }
        if (next.isFile() || "https".equalsIgnoreCase(from.uri().getScheme()) && !"https".equalsIgnoreCase(next.uri().getScheme())) {
            throw new CalendarFetchException("redirected from https to a non-https address");
        }
        return next;
    }

    /** Reads the body within the read time-out: the stream is closed when the deadline passes. */
    private byte[] readWithDeadline(InputStream body, long limit) throws CalendarFetchException {
        CompletableFuture<Void> deadline = CompletableFuture.runAsync(() -> closeQuietly(body),
                CompletableFuture.delayedExecutor(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS));
        try (body) {
            return CalendarBody.read(body, limit);
        } catch (CalendarBody.TooLargeException e) {
            throw new CalendarFetchException("the calendar is larger than " + limit + " bytes");
        } catch (IOException e) {
            throw new CalendarFetchException(deadline.isDone() ? "not read whole within "
                    + config.readTimeout().toSeconds() + " s" : "the answer was cut off");
        } finally {
            deadline.cancel(false);
        }
    }

    private static Fetched readFile(Path path, long limit) throws CalendarFetchException {
        try (InputStream in = Files.newInputStream(path)) {
            return new Fetched(CalendarBody.decode(CalendarBody.read(in, limit), null), null, false);
        } catch (CalendarBody.TooLargeException e) {
            throw new CalendarFetchException("the calendar is larger than " + limit + " bytes");
        } catch (NoSuchFileException e) {
            throw new CalendarFetchException("no such file");
        } catch (IOException e) {
            throw new CalendarFetchException("the file cannot be read: " + e.getClass().getSimpleName());
        }
    }

    private static Charset charsetOf(String contentType) {
        Matcher m = CHARSET.matcher(contentType);
        try {
            return m.find() ? Charset.forName(m.group(1)) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing more to read from it anyway
        }
    }
}
