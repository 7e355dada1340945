package io.rafka.cli.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.rafka.common.Checks;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one Jackson mapper of the CLI: indented output, fields in declaration order.
 *
 * <p>Thread-safety: {@link ObjectMapper} is thread-safe once configured.
 */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {}

    /**
     * A JSON object whose keys print in the order given ({@code Map.of} has no order, and scripts
     * diffing outputs deserve stable ones): {@code object("topic", "t", "created", true)}.
     */
    public static Map<String, Object> object(Object... keysAndValues) {
        Checks.check(keysAndValues.length % 2 == 0, "keys and values must pair up: %s", Arrays.asList(keysAndValues));
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            object.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return object;
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            // Our own result models always serialize; failing here is a bug.
            throw new IllegalStateException("cannot serialize " + value.getClass().getName(), e);
        }
    }
}
