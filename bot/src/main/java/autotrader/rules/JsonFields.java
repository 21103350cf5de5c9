package autotrader.rules;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads typed fields from a JSON object and names the file and field path when one is wrong. */
final class JsonFields {
    private final String file;
    private final String path;
    private final JsonNode node;

    JsonFields(String file, String path, JsonNode node) {
        this.file = file;
        this.path = path;
        this.node = node;
        if (!node.isObject()) throw fail("", "must be a JSON object");
    }

    InputFormatException fail(String field, String why) {
        String where = path.isEmpty() ? field : field.isEmpty() ? path : path + "." + field;
        return new InputFormatException(file + ": " + (where.isEmpty() ? "" : where + ": ") + why);
    }

    private JsonNode get(String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v;
    }

    boolean has(String field) {
        return get(field) != null;
    }

    JsonFields object(String field) {
        JsonNode v = get(field);
        return v == null ? null : new JsonFields(file, path.isEmpty() ? field : path + "." + field, v);
    }

    String text(String field, boolean required) {
        JsonNode v = get(field);
        if (v == null) {
            if (required) throw fail(field, "is missing");
            return null;
        }
        if (!v.isValueNode()) throw fail(field, "must be a text value");
        return v.asText();
    }

    double number(String field, boolean required) {
        JsonNode v = get(field);
        if (v == null) {
            if (required) throw fail(field, "is missing");
            return Double.NaN;
        }
        if (!v.isNumber()) throw fail(field, "must be a number, not " + v);
        return v.doubleValue();
    }

    double number(String field, double min, double max, boolean required) {
        double v = number(field, required);
        if (!Double.isNaN(v) && (v < min || v > max)) throw fail(field, "must be between " + min + " and " + max + ", not " + v);
        return v;
    }

    int integer(String field, int min, int max, int missing) {
        JsonNode v = get(field);
        if (v == null) return missing;
        if (!v.isIntegralNumber() && !(v.isNumber() && v.doubleValue() == Math.rint(v.doubleValue()))) throw fail(field, "must be a whole number, not " + v);
        int i = v.intValue();
        if (i < min || i > max) throw fail(field, "must be between " + min + " and " + max + ", not " + i);
        return i;
    }
}
