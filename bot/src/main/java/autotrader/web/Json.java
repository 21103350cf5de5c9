package autotrader.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.math.BigDecimal;
import java.time.Instant;

/** The API's one Jackson mapper and the few conversions every response needs (NaN and absent values become null). */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static void put(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) o.put(key, v);
        else o.putNull(key);
    }

    static void put(ObjectNode o, String key, BigDecimal v) {
        if (v == null) o.putNull(key);
        else o.put(key, v);
    }

    static void put(ObjectNode o, String key, Instant v) {
        if (v == null) o.putNull(key);
        else o.put(key, v.toString());
    }

    static double round(double v, int digits) {
        if (!Double.isFinite(v)) return Double.NaN;
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
