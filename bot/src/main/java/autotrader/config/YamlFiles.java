package autotrader.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads a YAML file strictly into a class: unknown keys, wrong types and bad values become a
 * {@link ConfigException} naming the file, the dotted key and the line, instead of a stack trace.
 */
public final class YamlFiles {

    private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .addModule(new JavaTimeModule())
            .build();

    private YamlFiles() {
    }

    public static ObjectMapper mapper() {
        return YAML;
    }

    /** The dotted keys a YAML file sets (e.g. "ensemble.model_dir"), to tell a value the user chose from a default; empty when unreadable. */
    public static Set<String> keys(Path file) {
        Set<String> out = new TreeSet<>();
        try {
            collect(YAML.readTree(Files.readString(file)), "", out);
        } catch (IOException e) {
            // read() reports the same problem with the file and line; here it only means "no keys known"
        }
        return out;
    }

    private static void collect(com.fasterxml.jackson.databind.JsonNode node, String prefix, Set<String> out) {
        if (node == null || !node.isObject()) return;
        node.fields().forEachRemaining(e -> {
            String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            out.add(key);
            collect(e.getValue(), key, out);
        });
    }

    public static <T> T read(Path file, Class<T> type) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": file not found");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read: " + e.getMessage());
        }
        try {
            T value = text.isBlank() ? null : YAML.readValue(text, type);
            if (value == null) throw new ConfigException(file + ": the file is empty");
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(where(file, e) + "unknown key '" + path(e) + "'"
                    + known(e.getKnownPropertyIds()));
        } catch (InvalidFormatException e) {
            throw new ConfigException(where(file, e) + "key '" + path(e) + "': '" + e.getValue()
                    + "' is not a valid " + describe(e.getTargetType()));
        } catch (MismatchedInputException e) {
            throw new ConfigException(where(file, e) + "key '" + path(e) + "': expected "
                    + describe(e.getTargetType()));
        } catch (JsonMappingException e) {
            throw new ConfigException(where(file, e) + "key '" + path(e) + "': " + e.getOriginalMessage());
        } catch (JacksonException e) {
            throw new ConfigException(where(file, e) + "not valid YAML: " + e.getOriginalMessage());
        }
    }

    /** The 1-based line of a dotted key in the YAML text, or -1 when the key is not written there. */
    public static int lineOf(Path file, String dottedKey) {
        try {
            Node node = new Yaml().compose(new StringReader(Files.readString(file)));
            for (String part : dottedKey.split("\\.")) {
                if (!(node instanceof MappingNode map)) return -1;
                Node next = null;
                for (NodeTuple t : map.getValue()) {
                    if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(part)) {
                        next = t.getValueNode();
                        break;
                    }
                }
                if (next == null) return -1;
                node = next;
            }
            return node.getStartMark().getLine() + 1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static String where(Path file, JacksonException e) {
        JsonLocation loc = e.getLocation();
        return loc != null && loc.getLineNr() > 0 ? file + " line " + loc.getLineNr() + ": " : file + ": ";
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    private static String known(Collection<Object> ids) {
        if (ids == null || ids.isEmpty()) return "";
        return " (known keys: " + ids.stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")) + ")";
    }

    private static String describe(Class<?> type) {
        if (type == null) return "value";
        if (type.isEnum()) {
            StringBuilder sb = new StringBuilder("value (one of ");
            Object[] constants = type.getEnumConstants();
            for (int i = 0; i < constants.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(((Enum<?>) constants[i]).name().toLowerCase());
            }
            return sb.append(")").toString();
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) return "whole number";
        if (type == double.class || type == Double.class) return "number";
        if (type == boolean.class || type == Boolean.class) return "true or false";
        if (type == String.class) return "text";
        if (Collection.class.isAssignableFrom(type)) return "list";
        if (type.getSimpleName().equals("LocalDate")) return "date (YYYY-MM-DD)";
        return "section (a map of keys)";
    }
}
