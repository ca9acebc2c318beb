package org.helpline.router.journal;

import org.helpline.router.platform.EmbeddedDatabase;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;

/**
 * Turns a caller's number into a pseudonym: HMAC-SHA256 of the normalised number under a key derived for the
 * period the call falls in ({@code HMAC(secret, "period:2026-11")}). Within a period the same caller gets
 * the same pseudonym, so repeat calls can be counted; across periods the keys differ and the pseudonyms
 * cannot be linked. Withheld numbers get {@link CallerNumbers#WITHHELD}. The number is never kept.
 */
@ApplicationScoped
public class CallerPseudonymizer {

    private final byte[] secret;
    private final ZoneId zone;
    private final PseudonymPeriod.Granularity granularity;
    private final String countryCode;
    private final Map<String, byte[]> periodKeys = new ConcurrentHashMap<>();

    /** A caller's pseudonym and the period whose key made it. */
    public record Pseudonym(String value, String period) {
        /** Whether the caller withheld their number. */
        public boolean withheld() {
            return CallerNumbers.WITHHELD.equals(value);
        }
    }

    @Inject
    CallerPseudonymizer(PseudonymConfig config) {
        this(PseudonymSecret.resolve(config.secret(), EmbeddedDatabase.dataDirectory().resolve("pseudonym.secret")),
                ZoneId.of(config.zone()), config.period(), config.countryCode());
    }

    /** For tests and tools: an explicit secret, zone, period length and national country code. */
    public CallerPseudonymizer(byte[] secret, ZoneId zone, PseudonymPeriod.Granularity granularity, String countryCode) {
        this.secret = Arrays.copyOf(secret, secret.length);
        this.zone = zone;
        this.granularity = granularity;
        this.countryCode = countryCode;
    }

    /** The pseudonym of {@code rawNumber} (null or anonymous allowed) for a call at {@code at}. */
    public Pseudonym pseudonymise(String rawNumber, Instant at) {
        String period = PseudonymPeriod.of(at, zone, granularity);
        String normalised = CallerNumbers.normalise(rawNumber, countryCode);
        if (normalised == null) {
            return new Pseudonym(CallerNumbers.WITHHELD, period);
        }
        byte[] key = periodKeys.computeIfAbsent(period, p -> hmac(secret, "period:" + p));
        byte[] digest = hmac(key, normalised);
        return new Pseudonym(Base64.getUrlEncoder().withoutPadding().encodeToString(digest), period);
    }

    private static byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
