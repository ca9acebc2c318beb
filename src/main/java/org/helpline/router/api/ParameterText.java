package org.helpline.router.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;
import java.util.Map;

/**
 * Path and query parameters of every API request obey the same {@link TextInput} rule as body fields: a
 * {@code %00} in a line code or a report's {@code line=} is refused with a problem naming the parameter,
 * before any resource or the database sees it.
 */
public class ParameterText {

    @ServerRequestFilter
    public void check(ContainerRequestContext request) {
        refuse(request.getUriInfo().getPathParameters(true));
        refuse(request.getUriInfo().getQueryParameters(true));
    }

    private static void refuse(MultivaluedMap<String, String> parameters) {
        for (Map.Entry<String, List<String>> p : parameters.entrySet()) {
            if (TextInput.refused(p.getKey())) {
                throw ApiProblem.invalid("query", TextInput.REFUSED);
            }
            for (String value : p.getValue()) {
                if (value != null && TextInput.refused(value)) {
                    throw ApiProblem.invalid(p.getKey(), TextInput.REFUSED);
                }
            }
        }
    }
}
