package org.helpline.router.lines;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A line's own recording of one of its messages in one language, stored as Asterisk plays it (8 kHz mono
 * 16-bit PCM WAV). Queries that do not need the audio read projections, so that routing views and listings
 * never load it.
 */
@Entity
@Table(name = "line_message")
public class LineMessage extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "line_code", nullable = false)
    public String lineCode;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String language;

    /** The whole WAV file. */
    @Column(nullable = false)
    public byte[] audio;

    @Column(name = "duration_ms", nullable = false)
    public int durationMillis;

    @Column(name = "size_bytes", nullable = false)
    public int sizeBytes;

    /** Hex SHA-256 of {@link #audio}. */
    @Column(nullable = false)
    public String sha256;

    @Column(name = "uploaded_by", nullable = false)
    public String uploadedBy;

    @Column(name = "uploaded_at", nullable = false)
    public Instant uploadedAt;

    /** What is known of a stored recording without its audio. */
    public record Summary(long id, String lineCode, String name, String language, int durationMillis,
                          int sizeBytes, String sha256, String uploadedBy, Instant uploadedAt) {
    }

    public static Optional<LineMessage> find(String lineCode, String name, String language) {
        return find("lineCode = ?1 and name = ?2 and language = ?3", lineCode, name, language)
                .firstResultOptional();
    }

    /** Every stored recording of one line, or of every line with a null code, without the audio. */
    public static List<Summary> summaries(String lineCode) {
        String select = "select m.id, m.lineCode, m.name, m.language, m.durationMillis, m.sizeBytes, m.sha256,"
                + " m.uploadedBy, m.uploadedAt from LineMessage m";
        var query = lineCode == null
                ? getEntityManager().createQuery(select + " order by m.lineCode, m.language, m.name", Object[].class)
                : getEntityManager().createQuery(select + " where m.lineCode = ?1 order by m.language, m.name",
                        Object[].class).setParameter(1, lineCode);
        return query.getResultList().stream()
                .map(r -> new Summary((Long) r[0], (String) r[1], (String) r[2], (String) r[3], (Integer) r[4],
                        (Integer) r[5], (String) r[6], (String) r[7], (Instant) r[8]))
                .toList();
    }

    /** The names of the messages a line has its own recording of, in one language. */
    public static Set<String> customNames(String lineCode, String language) {
        return new TreeSet<>(getEntityManager()
                .createQuery("select m.name from LineMessage m where m.lineCode = ?1 and m.language = ?2", String.class)
                .setParameter(1, lineCode).setParameter(2, language).getResultList());
    }

    /** For every line code: language → names of the messages it has its own recording of. */
    public static Map<String, Map<String, Set<String>>> customNamesByLine() {
        Map<String, Map<String, Set<String>>> result = new HashMap<>();
        for (Object[] row : getEntityManager()
                .createQuery("select m.lineCode, m.language, m.name from LineMessage m", Object[].class)
                .getResultList()) {
            result.computeIfAbsent((String) row[0], c -> new HashMap<>())
                    .computeIfAbsent((String) row[1], l -> new TreeSet<>()).add((String) row[2]);
        }
        return result;
    }
}
