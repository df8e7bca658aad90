package io.headroom.demo;

import io.headroom.demo.JsonReader.MalformedJsonException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonTest {
    @Test
    @SuppressWarnings("unchecked")
    void readsNestedValuesOfEveryType() throws Exception {
        Object value = JsonReader.parse(" {\"a\": [1, -2.5e1, true, false, null, \"x\\\"y\\u00e9\\n\"], \"b\": {}, \"c\": 0} ");

        assertThat(value).isInstanceOf(Map.class);
        Map<?, ?> object = (Map<?, ?>) value;
        assertThat((List<Object>) object.get("a")).containsExactly(1L, -25.0, true, false, JsonReader.NULL, "x\"yé\n");
        assertThat((Map<?, ?>) object.get("b")).isEmpty();
        assertThat(object.get("c")).isEqualTo(0L);
        assertThat(JsonReader.parse("123456789012345678901234567890")).isEqualTo(1.2345678901234568E29);
    }

    @Test
    void rejectsMalformedTextNamingTheOffset() {
        for (String text : List.of("", "{", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "01", "1.", "-", "\"abc",
                "\"tab\there\"", "tru", "{} {}", "{\"a\":1,\"a\":2}", "\"\\x\"", "\"\\u12g4\"", "[" .repeat(40))) {
            assertThatThrownBy(() -> JsonReader.parse(text)).as(text)
                    .isInstanceOf(MalformedJsonException.class).hasMessageContaining("offset");
        }
    }

    @Test
    void parseObjectRefusesOtherValues() {
        assertThatThrownBy(() -> JsonReader.parseObject("[1]")).isInstanceOf(MalformedJsonException.class);
    }

    @Test
    void writerEscapesStringsAndPlacesCommas() throws Exception {
        String json = new JsonWriter().beginObject()
                .field("s", "q\"b\\n\n\u0001")
                .name("list").beginArray().value(1).value(2.5).value(true).value((String) null).rawValue("{}").endArray()
                .field("empty", "")
                .endObject().toString();

        assertThat(json).isEqualTo("{\"s\":\"q\\\"b\\\\n\\n\\u0001\",\"list\":[1,2.5,true,null,{}],\"empty\":\"\"}");
        assertThat(JsonReader.parseObject(json)).containsEntry("s", "q\"b\\n\n\u0001");
    }

    @Test
    void writerRefusesNonFiniteNumbers() {
        assertThatThrownBy(() -> new JsonWriter().value(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
