package io.headroom.core.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextEscapingTest {

    @Test
    void htmlEscapesMarkupAndBothQuotes() {
        assertThat(Html.escape("<a href=\"x\">it's & more</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot;&gt;it&#39;s &amp; more&lt;/a&gt;");
        assertThat(Html.escape(null)).isEmpty();
    }

    @Test
    void xmlKeepsLineBreaksInAttributesAndDropsWhatXmlCannotHold() {
        assertThat(Xml.escape("a'b\n\t\r\u0001\"<&>")).isEqualTo("a&apos;b&#10;&#9;&#13;\uFFFD&quot;&lt;&amp;&gt;");
    }

    @Test
    void jsonQuotesControlCharactersAndOnlyTheScriptFormEscapesMarkup() {
        assertThat(Json.quote("a\"b\\c\nd\te\r\u0001</script>&")).isEqualTo("\"a\\\"b\\\\c\\nd\\te\\u000d\\u0001</script>&\"");
        assertThat(Json.appendQuoted(new StringBuilder(), "\r</x>&\u2028", true).toString())
                .isEqualTo("\"\\r\\u003c/x\\u003e\\u0026\\u2028\"");
        assertThat(Json.quote(null)).isEqualTo("null");
        assertThat(Json.number(2.0)).isEqualTo("2");
        assertThat(Json.number(Double.NaN)).isEqualTo("null");
    }
}
