package io.headroom.profiler.analysis;

import io.headroom.profiler.analysis.ProfileReport.HotMethod;
import io.headroom.profiler.flame.CollapsedStacks;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HotMethodsTest {
    private final CollapsedStacks stacks = CollapsedStacks.builder()
            .add(List.of("main", "handle", "parse"), 6)
            .add(List.of("main", "handle", "render"), 3)
            .add(List.of("main", "fib", "fib", "fib"), 1)
            .build();

    @Test
    void selfCountsWhereStacksEndAndTotalCountsEveryStackAMethodIsOn() {
        List<HotMethod> bySelf = HotMethods.bySelf(stacks, 10);
        List<HotMethod> byTotal = HotMethods.byTotal(stacks, 10);

        assertThat(bySelf).extracting(HotMethod::method).containsExactly("parse", "render", "fib");
        assertThat(bySelf.get(0)).isEqualTo(new HotMethod("parse", 6, 6, 60.0, 60.0));
        assertThat(byTotal).extracting(HotMethod::method).containsExactly("main", "handle", "parse", "render", "fib");
        assertThat(byTotal.get(0)).isEqualTo(new HotMethod("main", 0, 10, 0.0, 100.0));
    }

    @Test
    void aRecursiveMethodCountsOncePerSample() {
        HotMethod fib = HotMethods.byTotal(stacks, 10).stream().filter(m -> m.method().equals("fib")).findFirst().orElseThrow();

        assertThat(fib.totalSamples()).isEqualTo(1);
        assertThat(fib.selfSamples()).isEqualTo(1);
    }

    @Test
    void keepsOnlyTheTopEntriesAndLeavesMethodsWithoutSelfTimeOutOfTheSelfList() {
        assertThat(HotMethods.byTotal(stacks, 2)).extracting(HotMethod::method).containsExactly("main", "handle");
        assertThat(HotMethods.bySelf(stacks, 10)).noneMatch(m -> m.selfSamples() == 0);
    }
}
