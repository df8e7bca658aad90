package io.headroom.script.plan;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvSubstitutionTest {
    private final Map<String, String> env = Map.of("BASE_URL", "http://10.0.0.1:9000", "EMPTY", "", "TRICKY", "a${b}");

    @Test
    void replacesSetVariables() {
        assertThat(EnvSubstitution.substitute("${ENV:BASE_URL}/api", env::get)).isEqualTo("http://10.0.0.1:9000/api");
    }

    @Test
    void usesTheDefaultWhenUnsetOrEmpty() {
        assertThat(EnvSubstitution.substitute("${ENV:NOPE:-http://127.0.0.1:8080}", env::get)).isEqualTo("http://127.0.0.1:8080");
        assertThat(EnvSubstitution.substitute("${ENV:EMPTY:-x}", env::get)).isEqualTo("x");
        assertThat(EnvSubstitution.substitute("${ENV:BASE_URL:-unused}", env::get)).isEqualTo("http://10.0.0.1:9000");
    }

    @Test
    void anUnsetVariableWithoutDefaultIsAnError() {
        assertThatThrownBy(() -> EnvSubstitution.substitute("${ENV:NOPE}", env::get))
                .hasMessage("environment variable NOPE is not set (give a default with ${ENV:NOPE:-value})");
    }

    @Test
    void leavesRunTimeReferencesAndEscapesAlone() {
        assertThat(EnvSubstitution.substitute("Bearer ${token} $${ENV:X} ${ENV:BASE_URL}", env::get))
                .isEqualTo("Bearer ${token} $${ENV:X} http://10.0.0.1:9000");
    }

    @Test
    void aValueThatLooksLikeAReferenceStaysLiteralForTheTemplatePass() {
        assertThat(EnvSubstitution.substitute("${ENV:TRICKY}", env::get)).isEqualTo("a$${b}");
        assertThat(Template.unescape("a$${b}")).isEqualTo("a${b}");
    }

    @Test
    void rejectsMalformedReferences() {
        assertThatThrownBy(() -> EnvSubstitution.substitute("${ENV:BASE_URL", env::get)).hasMessageContaining("never closed");
        assertThatThrownBy(() -> EnvSubstitution.substitute("${ENV:1BAD}", env::get)).hasMessageContaining("found \"1BAD\"");
    }
}
