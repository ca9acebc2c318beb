package org.helpline.router.messages;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.helpline.router.api.ApiProblem;
import org.helpline.router.audit.AuditTrail;
import org.helpline.router.lines.Line;
import org.helpline.router.lines.LineMessage;
import org.helpline.router.lines.LineService;
import org.helpline.router.platform.AfterCommit;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A line's messages: its own recordings, stored in PostgreSQL, or the generic prompts. Every upload and revert
 * is audited (never the audio), published to the routing view and written to the messages folder once its
 * transaction commits, so the very next call's route decision names it.
 */
@ApplicationScoped
public class MessageService {

    private final LineService lines;
    private final AuditTrail audit;
    private final AfterCommit afterCommit;
    private final MessageFolder folder;
    private final GenericPrompts generic;
    private final Clock clock;

    MessageService(LineService lines, AuditTrail audit, AfterCommit afterCommit, MessageFolder folder,
                   GenericPrompts generic, Clock clock) {
        this.lines = lines;
        this.audit = audit;
        this.afterCommit = afterCommit;
        this.folder = folder;
        this.generic = generic;
        this.clock = clock;
    }

    /** A message's audio, and whether it is the line's own. */
    public record Audio(byte[] wav, boolean custom, String sha256) {
    }

    /** Checks the line, the message name (404) and the language (400) named by a request, before any body is read. */
    public MessageName check(String code, String name, String language) {
        lines.get(code);
        MessageName message = MessageName.of(name).orElseThrow(() -> new ApiProblem(404, "not-found", "Not found",
                "Message '" + name + "' does not exist", List.of(new ApiProblem.FieldError("name",
                        "must be one of " + MessageName.names()))));
        if (!LineService.LANGUAGES.contains(language)) {
            throw ApiProblem.invalid("language", "must be one of " + LineService.LANGUAGES);
        }
        return message;
    }

    /** Every message in the line's language, then any recording the line keeps in another language. */
    @Transactional
    public List<MessageEntry> list(String code) {
        Line line = lines.get(code);
        Map<String, LineMessage.Summary> stored = new LinkedHashMap<>();
        LineMessage.summaries(code).forEach(m -> stored.put(m.language() + "/" + m.name(), m));
        List<MessageEntry> entries = new ArrayList<>();
        for (String language : LineService.LANGUAGES) {
            for (MessageName name : MessageName.values()) {
                LineMessage.Summary own = stored.get(language + "/" + name.fileName());
                if (own != null) {
                    entries.add(MessageEntry.custom(own));
                } else if (language.equals(line.language)) {
                    entries.add(MessageEntry.generic(name, language, generic.of(name, language)));
                }
            }
        }
        entries.sort((a, b) -> Boolean.compare(!a.language().equals(line.language), !b.language().equals(line.language)));
        return entries;
    }

    @Transactional
    public Audio audio(String code, MessageName name, String language) {
        lines.get(code);
        Optional<LineMessage> own = LineMessage.find(code, name.fileName(), language);
        if (own.isPresent()) {
            return new Audio(own.get().audio, true, own.get().sha256);
        }
        GenericPrompts.Prompt prompt = generic.of(name, language);
        return new Audio(prompt.wav(), false, prompt.sha256());
    }

    /** Stores a converted recording as the line's own, replacing any previous one. */
    @Transactional
    public MessageEntry upload(String code, MessageName name, String language, TelephoneAudio.Recording recording,
                               String uploadedBy) {
        Line line = locked(code);
        LineMessage message = LineMessage.find(code, name.fileName(), language).orElseGet(LineMessage::new);
        message.lineCode = code;
        message.name = name.fileName();
        message.language = language;
        message.audio = recording.wav();
        message.durationMillis = recording.durationMillis();
        message.sizeBytes = recording.wav().length;
        message.sha256 = recording.sha256();
        message.uploadedBy = uploadedBy;
        message.uploadedAt = Instant.now(clock).truncatedTo(ChronoUnit.MICROS); // as PostgreSQL keeps it
        message.persist();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", message.name);
        details.put("language", language);
        details.put("durationSeconds", message.durationMillis / 1000.0);
        details.put("sizeBytes", message.sizeBytes);
        details.put("sha256", message.sha256);
        details.put("uploaded", recording.source());
        audit.record("message.upload", "line:" + code, details);
        lines.publish(line);
        afterCommit.run(() -> folder.write(code, language, message.name, recording.wav(), recording.sha256()));
        return MessageEntry.custom(new LineMessage.Summary(message.id, code, message.name, language,
                message.durationMillis, message.sizeBytes, message.sha256, uploadedBy, message.uploadedAt));
    }

    /** Deletes the line's own recording: the generic prompt plays again. */
    @Transactional
    public void revert(String code, MessageName name, String language) {
        Line line = locked(code);
        LineMessage message = LineMessage.find(code, name.fileName(), language).orElseThrow(() -> ApiProblem.notFound(
                "A recording of its own of '" + name.fileName() + "' in '" + language + "' for line '" + code + "'"));
        message.delete();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", name.fileName());
        details.put("language", language);
        audit.record("message.revert", "line:" + code, details);
        lines.publish(line);
        afterCommit.run(() -> folder.delete(code, language, name.fileName()));
    }

    /** The line, locked until commit: changes to one line's messages happen one at a time, on every instance. */
    private static Line locked(String code) {
        return Line.<Line>find("code", code).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional()
                .orElseThrow(() -> ApiProblem.notFound("Line '" + code + "'"));
    }
}
