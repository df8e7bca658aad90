package io.headroom.script.plan;

import io.headroom.http.HttpSessionOptions;
import io.headroom.script.DataSource;
import io.headroom.script.DataStrategy;
import io.headroom.script.JdkHttpTransport;
import io.headroom.script.TestMetrics;
import io.headroom.script.TestVuContext;
import io.headroom.script.Vu;
import io.headroom.script.VuSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TemplateTest {
    private final Template.Scope scope = new Template.Scope() {
        public Collection<String> dataSourceNames() { return List.of("users"); }
        public List<String> columns(String source) { return List.of("name", "password"); }
        public Collection<String> variables() { return List.of("token", "id", "items"); }
    };
    private Vu vu;

    @BeforeEach
    void vu() {
        DataSource users = DataSource.of("users", List.of("name", "password"), List.of(List.of("ann", "pw")), DataStrategy.CIRCULAR);
        TestVuContext ctx = new TestVuContext(4, "s", new TestMetrics());
        ctx.iteration = 9;
        vu = new Vu(ctx, VuSettings.DEFAULTS.withData(Map.of("users", users)), new JdkHttpTransport().newSession(HttpSessionOptions.DEFAULTS));
        vu.beginIteration(ctx);
        vu.vars().put("token", "abc");
        vu.vars().put("id", 42);
        vu.vars().put("items", List.of(1, 2));
    }

    private String render(String text) {
        return Template.compile(text, scope).render(vu);
    }

    @Test
    void rendersVariablesDataAndVuNumbers() {
        assertThat(render("Bearer ${token}")).isEqualTo("Bearer abc");
        assertThat(render("/users/${users.name}/${ id }?vu=${__VU}&it=${__ITER}")).isEqualTo("/users/ann/42?vu=4&it=9");
        assertThat(render("${items}")).isEqualTo("[1,2]");
        vu.vars().remove("token");
        assertThat(render("[${token}]")).as("unset renders empty").isEqualTo("[]");
    }

    @Test
    void constantTextIsRenderedOnceAndEscapesStayLiteral() {
        Template t = Template.compile("/plain/path", scope);
        assertThat(t.isConstant()).isTrue();
        assertThat(t.render(vu)).isSameAs(t.render(vu));
        assertThat(render("cost: $${price}")).isEqualTo("cost: ${price}");
    }

    @Test
    void randomIntStaysWithinItsBoundsAndUuidsAreV4() {
        for (int i = 0; i < 200; i++) assertThat(Integer.parseInt(render("${randomInt(3, 5)}"))).isBetween(3, 5);
        assertThat(render("${uuid()}")).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(render("${uuid()}")).isNotEqualTo(render("${uuid()}"));
        assertThatThrownBy(() -> Template.compile("${randomInt(5,3)}", scope)).hasMessageContaining("below the first");
    }

    @Test
    void jsonBodiesKeepTheTypeOfASingleReference() {
        JsonTemplate json = new JsonTemplate(new JsonTemplate.JObject(List.of(
                Map.entry("id", new JsonTemplate.JText(Template.compile("${id}", scope))),
                Map.entry("label", new JsonTemplate.JText(Template.compile("item ${id}", scope))),
                Map.entry("user", new JsonTemplate.JText(Template.compile("${users.name}", scope))),
                Map.entry("items", new JsonTemplate.JText(Template.compile("${items}", scope))),
                Map.entry("n", new JsonTemplate.JConstant(1.5)),
                Map.entry("none", new JsonTemplate.JConstant(null)))));
        assertThat(new String(json.render(vu), StandardCharsets.UTF_8))
                .isEqualTo("{\"id\":42,\"label\":\"item 42\",\"user\":\"ann\",\"items\":[1,2],\"n\":1.5,\"none\":null}");
    }

    @Test
    void aConstantJsonBodyIsEncodedOnce() {
        JsonTemplate json = new JsonTemplate(new JsonTemplate.JObject(List.of(Map.entry("a", new JsonTemplate.JConstant(1)))));
        assertThat(json.render(vu)).isSameAs(json.render(vu));
    }

    @Test
    void rejectsUnclosedReferences() {
        assertThatThrownBy(() -> Template.compile("Bearer ${token", scope)).hasMessage("\"${\" is never closed with '}' in \"Bearer ${token\"");
    }
}
