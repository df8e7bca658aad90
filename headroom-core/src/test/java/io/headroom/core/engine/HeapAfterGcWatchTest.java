package io.headroom.core.engine;

import io.headroom.core.result.HeapUse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HeapAfterGcWatchTest {
    private static volatile byte[] retained;

    @Test
    void aCollectionDuringTheRunLeavesItsHeapAfterGc() {
        HeapAfterGcWatch watch = new HeapAfterGcWatch();
        watch.start();
        retained = new byte[8 << 20]; // 8 MiB still held after the collection
        System.gc();
        watch.sample();
        HeapUse heap = watch.heapUse();
        assertThat(heap.measured()).isTrue();
        assertThat(heap.collections()).isPositive();
        assertThat(heap.lastAfterGcBytes()).isGreaterThanOrEqualTo(8L << 20);
        assertThat(heap.maxAfterGcBytes()).isGreaterThanOrEqualTo(heap.lastAfterGcBytes());
        assertThat(heap.maxHeapBytes()).isEqualTo(Runtime.getRuntime().maxMemory());
        assertThat(retained).hasSize(8 << 20);
    }

    @Test
    void collectionsBeforeTheRunAreNotTheRuns() {
        System.gc();
        HeapAfterGcWatch watch = new HeapAfterGcWatch();
        watch.start();
        watch.sample();
        HeapUse heap = watch.heapUse();
        assertThat(heap.measured()).isFalse();
        assertThat(heap.lastAfterGcBytes()).isZero();
        assertThat(heap.maxHeapBytes()).isPositive();
    }
}
