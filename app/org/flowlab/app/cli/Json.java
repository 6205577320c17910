package org.flowlab.app.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flowlab.model.observe.Estimate;
import org.flowlab.model.spec.ParamDef;
import org.flowlab.model.spec.Settings;

/**
 * JSON for the command line: records written by Jackson as one compact line each, with
 * non-finite numbers written as null (never as results).
 */
final class Json {

    /** The mapper every command writes with. */
    static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new SimpleModule("finite-numbers")
                    .addSerializer(Double.class, new FiniteDouble())
                    .addSerializer(double.class, new FiniteDouble()));

    private Json() {}

    /**
     * An estimate as written in JSON.
     *
     * @param mean the mean
     * @param err its standard error
     * @param tauInt its integrated autocorrelation time
     */
    record Estimated(
            double mean,
            double err,
            @JsonProperty("tau_int") double tauInt) {
        static Estimated of(Estimate e) {
            return new Estimated(e.mean(), e.err(), e.tauInt());
        }
    }

    /**
     * An estimate of independent samples (no autocorrelation time) as written in JSON.
     *
     * @param mean the mean
     * @param err its standard error
     */
    record MeanErr(double mean, double err) {
        static MeanErr of(Estimate e) {
            return new MeanErr(e.mean(), e.err());
        }
    }

    /**
     * Settings as JSON values of their types: whole numbers, reals, true/false and words.
     *
     * @param defs the definitions
     * @param settings checked settings of them
     * @return key to typed value, in definition order
     */
    static Map<String, Object> typed(List<ParamDef> defs, Settings settings) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (ParamDef d : defs) {
            String text = settings.text(d.key());
            switch (d.type()) {
                case INTEGER:
                    out.put(d.key(), Long.parseLong(text));
                    break;
                case REAL:
                    out.put(d.key(), Double.parseDouble(text));
                    break;
                case BOOLEAN:
                    out.put(d.key(), Boolean.parseBoolean(text));
                    break;
                default:
                    out.put(d.key(), text);
            }
        }
        return out;
    }

    /**
     * One compact JSON line of a record (or map).
     *
     * @param value what to write
     * @return the line
     */
    static String line(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes finite doubles as numbers and NaN or infinities as null. */
    private static final class FiniteDouble extends StdSerializer<Double> {
        FiniteDouble() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (Double.isFinite(value)) {
                gen.writeNumber(value);
            } else {
                gen.writeNull();
            }
        }
    }
}
