package org.helpline.router.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

import java.io.IOException;

/**
 * The JSON mapper of the HTTP API only: the application's mapper plus a check of every string of every request
 * body against {@link TextInput} (the field at fault is named by {@link ProblemMappers}). Other readers of
 * JSON (the journal's spill file) keep the plain mapper.
 */
@Provider
public class ApiJson implements ContextResolver<ObjectMapper> {

    private final ObjectMapper mapper;

    ApiJson(ObjectMapper application) {
        this.mapper = application.copy().registerModule(new SimpleModule("helpline-text-input")
                .addDeserializer(String.class, new CheckedStrings()));
    }

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return mapper;
    }

    /** Jackson's own string reading, then the check. */
    static final class CheckedStrings extends StringDeserializer {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = super.deserialize(p, ctxt);
            if (value != null && TextInput.refused(value)) {
                throw new RefusedText(p);
            }
            return value;
        }
    }

    /** A string with a refused character; Jackson adds the field's path as the exception travels up. */
    static final class RefusedText extends JsonMappingException {
        RefusedText(JsonParser p) {
            super(p, TextInput.REFUSED);
        }
    }
}
