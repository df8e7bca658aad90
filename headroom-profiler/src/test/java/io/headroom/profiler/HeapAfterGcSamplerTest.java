package io.headroom.profiler;

import io.headroom.profiler.analysis.ProfileReport.HeapAfterGc;
import io.headroom.profiler.analysis.ProfileReport.HeapPoint;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link HeapAfterGcSampler} against real child processes: a collecting JVM, a non-JVM, a JVM refusing attach. */
class HeapAfterGcSamplerTest {
    private final StringWriter errText = new StringWriter();
    private final PrintWriter err = new PrintWriter(errText, true);

    @Test
    void aCollectingJvmGivesItsHeapAfterEachGcInTimeOrder() throws Exception {
        List<String> small = List.of("-Xmx32m", "-Xmn4m", "-XX:+UseSerialGC");
        try (ChildJvm child = ChildJvm.start(ChildJvm.command(small, Allocator.class, new Class<?>[] {Allocator.class}, "60"))) {
            HeapAfterGcSampler sampler = HeapAfterGcSampler.start(child.pid(), err);
            HeapAfterGc heap = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            // Young collections every few milliseconds; polled once a second, so a point a second.
            awaitOrDeadline(() -> sampler.problem() != null || sampler.attached(), deadline);
            Thread.sleep(3500);
            heap = sampler.finish();

            assertThat(sampler.problem()).as(errText.toString()).isNull();
            assertThat(sampler.attached()).isTrue();
            assertThat(heap.points()).as(child.output()).hasSizeGreaterThanOrEqualTo(2);
            assertThat(heap.collections()).isGreaterThanOrEqualTo(heap.points().size());
            assertThat(heap.points()).allSatisfy(p -> assertThat(p.usedBytes()).isPositive().isLessThanOrEqualTo(32L << 20));
            assertThat(heap.points()).extracting(HeapPoint::seconds).isSorted();
            assertThat(heap.committedBytes()).isPositive();
            assertThat(errText.toString()).isEmpty();
        }
    }

    @Test
    void aProcessThatIsNoJvmIsNotAttachedToAndSaysWhy() throws Exception {
        Process sleep = new ProcessBuilder("sleep", "30").start();
        try {
            HeapAfterGcSampler sampler = HeapAfterGcSampler.start(sleep.pid(), err);
            awaitOrDeadline(() -> sampler.problem() != null, System.nanoTime() + TimeUnit.SECONDS.toNanos(30));
            HeapAfterGc heap = sampler.finish();

            assertThat(sampler.problem()).startsWith("could not attach: pid " + sleep.pid() + " is not a Java process");
            assertThat(sampler.attached()).isFalse();
            assertThat(heap.points()).isEmpty();
            assertThat(sleep.isAlive()).as("not signalled (SIGQUIT would end it)").isTrue();
            assertThat(errText.toString()).contains("heap after GC not sampled: could not attach:");
        } finally {
            sleep.destroyForcibly();
        }
    }

    @Test
    void aJvmThatRefusesAttachIsAProblemNotAFailure() throws Exception {
        List<String> refusing = List.of("-XX:+DisableAttachMechanism");
        try (ChildJvm child = ChildJvm.start(ChildJvm.command(refusing, Allocator.class, new Class<?>[] {Allocator.class}, "60"))) {
            HeapAfterGcSampler sampler = HeapAfterGcSampler.start(child.pid(), err);
            awaitOrDeadline(() -> sampler.problem() != null, System.nanoTime() + TimeUnit.SECONDS.toNanos(30));
            HeapAfterGc heap = sampler.finish();

            assertThat(sampler.problem()).as(errText.toString()).startsWith("could not attach: ");
            assertThat(heap.points()).isEmpty();
            assertThat(child.process().isAlive()).isTrue();
        }
    }

    @Test
    void aTargetThatExitsKeepsThePointsSoFar() throws Exception {
        List<String> small = List.of("-Xmx32m", "-Xmn4m", "-XX:+UseSerialGC");
        try (ChildJvm child = ChildJvm.start(ChildJvm.command(small, Allocator.class, new Class<?>[] {Allocator.class}, "60"))) {
            HeapAfterGcSampler sampler = HeapAfterGcSampler.start(child.pid(), err);
            awaitOrDeadline(() -> sampler.problem() != null || sampler.attached(), System.nanoTime() + TimeUnit.SECONDS.toNanos(30));
            Thread.sleep(2500);
            child.process().destroyForcibly();
            awaitOrDeadline(() -> sampler.problem() != null, System.nanoTime() + TimeUnit.SECONDS.toNanos(30));
            HeapAfterGc heap = sampler.finish();

            assertThat(sampler.problem()).as(errText.toString()).startsWith("lost the connection to pid " + child.pid());
            assertThat(sampler.attached()).isTrue();
            assertThat(heap.points()).isNotEmpty();
        }
    }

    private static void awaitOrDeadline(BooleanSupplier done, long deadlineNanos) throws InterruptedException {
        while (!done.getAsBoolean() && System.nanoTime() < deadlineNanos) Thread.sleep(50);
    }
}
