package org.helpline.router.messages;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.helpline.router.api.ApiProblem;

import java.io.InputStream;
import java.util.List;
import java.util.Locale;

/**
 * A line's messages: {@code /api/lines/{code}/messages[/{name}/{language}]}. Operators upload (PUT, the WAV as
 * the body) and revert (DELETE); coordinators may list and listen (GET).
 */
@Path("/api/lines/{code}/messages")
public class MessageResource {

    /** Tells whether the audio returned is the line's own recording ({@code true}) or the generic prompt. */
    public static final String CUSTOM_HEADER = "X-Helpline-Custom";
    static final String AUDIO_WAV = "audio/wav";
    private static final List<String> UPLOAD_TYPES = List.of(AUDIO_WAV, "audio/x-wav", "audio/wave", "audio/vnd.wave",
            MediaType.APPLICATION_OCTET_STREAM);

    private final MessageService messages;
    private final UploadSizeLimit sizeLimit;
    private final MessagesConfig config;

    MessageResource(MessageService messages, UploadSizeLimit sizeLimit, MessagesConfig config) {
        this.messages = messages;
        this.sizeLimit = sizeLimit;
        this.config = config;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({"operator", "coordinator"})
    public List<MessageEntry> list(@PathParam("code") String code) {
        return messages.list(code);
    }

    @GET
    @Path("/{name}/{language}")
    @Produces(AUDIO_WAV)
    @RolesAllowed({"operator", "coordinator"})
    public Response download(@PathParam("code") String code, @PathParam("name") String name,
                             @PathParam("language") String language) {
        MessageService.Audio audio = messages.audio(code, messages.check(code, name, language), language);
        return Response.ok(audio.wav(), AUDIO_WAV)
                .header(CUSTOM_HEADER, Boolean.toString(audio.custom()))
                .header("ETag", "\"" + audio.sha256() + "\"")
                .header("Content-Disposition", "inline; filename=\"" + code + "-" + name + "-" + language + ".wav\"")
                .build();
    }

    @PUT
    @Path("/{name}/{language}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("operator")
    public MessageEntry upload(@PathParam("code") String code, @PathParam("name") String name,
                               @PathParam("language") String language,
                               @HeaderParam("Content-Type") String contentType,
                               @HeaderParam("Content-Length") String contentLength,
                               InputStream body, @Context SecurityContext security) {
        MessageName message = messages.check(code, name, language);
        checkType(contentType);
        sizeLimit.check(contentLength);
        TelephoneAudio.Recording recording = TelephoneAudio.convert(sizeLimit.read(body), config.maxDuration());
        return messages.upload(code, message, language, recording, security.getUserPrincipal().getName());
    }

    @DELETE
    @Path("/{name}/{language}")
    @RolesAllowed("operator")
    public Response revert(@PathParam("code") String code, @PathParam("name") String name,
                           @PathParam("language") String language) {
        messages.revert(code, messages.check(code, name, language), language);
        return Response.noContent().build();
    }

    private static void checkType(String contentType) {
        String type = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!UPLOAD_TYPES.contains(type)) {
            String message = (type.isEmpty() ? "is required" : "is " + type) + ": send the WAV file as one of "
                    + UPLOAD_TYPES;
            throw new ApiProblem(415, "unsupported-media-type", "Unsupported media type", "Content-Type: " + message,
                    List.of(new ApiProblem.FieldError("Content-Type", message)));
        }
    }
}
