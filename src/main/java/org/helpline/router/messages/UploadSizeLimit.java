package org.helpline.router.messages;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.helpline.router.api.ApiProblem;
import org.helpline.router.api.Problem;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Bounds an upload's size before it is read into memory. Quarkus' own limit
 * ({@code quarkus.http.limits.max-body-size}) is one figure for every route and answers a bare 413; uploads
 * get {@link MessagesConfig#maxUploadSize()} and a problem naming the body: a route placed just before
 * Quarkus' limit refuses a declared {@code Content-Length} over the limit without reading any of the body,
 * and {@link #read} stops a body sent without a length (chunked) one byte past the limit.
 */
@ApplicationScoped
public class UploadSizeLimit {

    private static final Pattern UPLOAD_PATH = Pattern.compile("/api/lines/[^/]+/messages/[^/]+/[^/]+/?");

    private final long limit;
    private final ObjectMapper json;

    UploadSizeLimit(MessagesConfig config, ObjectMapper json) {
        this.limit = config.maxUploadSize().asLongValue();
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::refuseDeclaredTooLarge);
    }

    private void refuseDeclaredTooLarge(RoutingContext context) {
        var request = context.request();
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (request.method() != HttpMethod.PUT || length == null || !UPLOAD_PATH.matcher(context.normalizedPath()).matches()) {
            context.next();
            return;
        }
        try {
            check(length);
            context.next();
        } catch (ApiProblem tooLarge) {
            var response = context.response();
            response.setStatusCode(tooLarge.status())
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    // The rest of the body is never read: the connection goes with the answer.
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .endHandler(done -> request.connection().close());
            response.end(serialize(tooLarge));
        }
    }

    /** Refuses a declared length over the limit (a malformed one is Vert.x's to refuse). */
    void check(String contentLength) {
        long declared;
        try {
            declared = contentLength == null ? -1 : Long.parseLong(contentLength.trim());
        } catch (NumberFormatException e) {
            return;
        }
        if (declared > limit) {
            throw tooLarge("is too big: " + declared + " bytes, at most " + mebibytes(limit));
        }
    }

    /** Reads the body, refusing it as soon as it passes the limit. */
    byte[] read(InputStream body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        try {
            for (int n; (n = body.read(buffer)) >= 0; ) {
                if (out.size() + (long) n > limit) {
                    throw tooLarge("is too big: more than " + mebibytes(limit));
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // The client went away, or Quarkus' own limit cut the body (it has answered 413 itself then).
            throw new ApiProblem(400, "upload-interrupted", "Upload interrupted", "body: was not received whole",
                    List.of(new ApiProblem.FieldError("body", "was not received whole")));
        }
        return out.toByteArray();
    }

    private static String mebibytes(long bytes) {
        double mib = bytes / (1024.0 * 1024.0);
        return String.format(java.util.Locale.ROOT, mib == Math.rint(mib) ? "%.0f" : "%.1f", mib) + " MiB (" + bytes + " bytes)";
    }

    private static ApiProblem tooLarge(String message) {
        String advice = message + "; a 3-minute recording in mono 16-bit at 16 kHz is 5.8 MB";
        return new ApiProblem(413, "too-large", "Payload too large", "body: " + advice,
                List.of(new ApiProblem.FieldError("body", advice)));
    }

    private String serialize(ApiProblem problem) {
        try {
            return json.writeValueAsString(Problem.of(problem));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
