package io.headroom.profiler.analysis;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FrameNamesTest {

    @Test
    void dropsHiddenClassAddressesSoRunsGiveTheSameNames() {
        assertThat(FrameNames.className("app.Foo$$Lambda.0x00007f30a10c4a58")).isEqualTo("app.Foo$$Lambda");
        assertThat(FrameNames.className("app.Foo$$Lambda/0x0000000800c03000")).isEqualTo("app.Foo$$Lambda");
        assertThat(FrameNames.className("app.Foo$$Lambda$14/0x0000000800c03000")).isEqualTo("app.Foo$$Lambda");
        assertThat(FrameNames.className("java.lang.invoke.LambdaForm$MH.0x000001a0b8012c00")).isEqualTo("java.lang.invoke.LambdaForm$MH");
        assertThat(FrameNames.className("app.Outer$Inner")).isEqualTo("app.Outer$Inner");
    }

    @Test
    void writesArrayDescriptorsAsJavaTypes() {
        assertThat(FrameNames.className("[B")).isEqualTo("byte[]");
        assertThat(FrameNames.className("[[I")).isEqualTo("int[][]");
        assertThat(FrameNames.className("[Ljava.lang.String;")).isEqualTo("java.lang.String[]");
        assertThat(FrameNames.className("[[Ljava/util/Map$Entry;")).isEqualTo("java.util.Map$Entry[][]");
    }

    @Test
    void unknownNamesSaySo() {
        assertThat(FrameNames.className((String) null)).isEqualTo("[unknown]");
        assertThat(FrameNames.method((jdk.jfr.consumer.RecordedMethod) null)).isEqualTo("[unknown]");
    }
}
