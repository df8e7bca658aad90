package io.headroom.script;

import io.headroom.http.HttpSessionOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataSourceTest {
    @TempDir
    Path dir;
    final JdkHttpTransport transport = new JdkHttpTransport();
    final TestMetrics metrics = new TestMetrics();

    private DataSource csv(String text, DataStrategy strategy) throws Exception {
        Path file = dir.resolve("d.csv");
        Files.writeString(file, text);
        return DataSource.readCsv("users", file, strategy);
    }

    private static DataSource rows(int n, DataStrategy strategy) {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) rows.add(List.of("user" + i));
        return DataSource.of("users", List.of("name"), rows, strategy);
    }

    private Vu vu(int id, DataSource source) {
        TestVuContext ctx = new TestVuContext(id, "s", metrics);
        Vu vu = new Vu(ctx, VuSettings.DEFAULTS.withData(Map.of("users", source)), transport.newSession(HttpSessionOptions.DEFAULTS));
        vu.beginIteration(ctx);
        return vu;
    }

    private static String next(Vu vu) {
        vu.beginIteration(vu.context());
        return vu.data("users").get("name");
    }

    @Test
    void readsRfc4180Csv() throws Exception {
        DataSource ds = csv("\uFEFFname, password\r\n\"o'neil, jr\",\"say \"\"hi\"\"\"\r\n\r\nmulti,\"line\nbreak\"\nempty,\n", DataStrategy.CIRCULAR);
        assertThat(ds.columns()).containsExactly("name", "password");
        assertThat(ds.size()).isEqualTo(3);
        assertThat(ds.row(0).get("name")).isEqualTo("o'neil, jr");
        assertThat(ds.row(0).get("password")).isEqualTo("say \"hi\"");
        assertThat(ds.row(1).get("password")).isEqualTo("line\nbreak");
        assertThat(ds.row(2).get("password")).isEmpty();
        assertThat(ds.row(2).asMap()).containsEntry("name", "empty");
        assertThatThrownBy(() -> ds.row(0).get("nmae")).hasMessage("data source 'users' has no column 'nmae'; its columns are name, password");
    }

    @Test
    void reportsCsvProblemsWithTheirLine() {
        Path file = dir.resolve("d.csv");
        assertThatThrownBy(() -> csv("a,b\n1,2\n3\n", DataStrategy.CIRCULAR)).hasMessage(file + ":3: expected 2 fields, as the header line has, found 1");
        assertThatThrownBy(() -> csv("a,b\n\"1,2\n", DataStrategy.CIRCULAR)).hasMessage(file + ":2:1: a quoted field is never closed");
        assertThatThrownBy(() -> csv("a,a\n1,2\n", DataStrategy.CIRCULAR)).hasMessage(file + ":1: column 2 has the name of column 1");
        assertThatThrownBy(() -> csv("a,b\n", DataStrategy.CIRCULAR)).hasMessage(file + ": has a header but no rows");
        assertThatThrownBy(() -> DataSource.readCsv("x", dir.resolve("none.csv"), DataStrategy.CIRCULAR))
                .hasMessage(dir.resolve("none.csv") + ": file not found");
    }

    @Test
    void circularSharesOneCursorAcrossVus() {
        DataSource ds = rows(3, DataStrategy.CIRCULAR);
        Vu a = vu(1, ds);
        Vu b = vu(2, ds);
        assertThat(List.of(next(a), next(b), next(a), next(b), next(a))).containsExactly("user0", "user1", "user2", "user0", "user1");
    }

    @Test
    void oneRowPerIteration() {
        Vu a = vu(1, rows(3, DataStrategy.CIRCULAR));
        assertThat(a.data("users").get("name")).isEqualTo("user0");
        assertThat(a.data("users").get("name")).as("same row within the iteration").isEqualTo("user0");
        assertThat(next(a)).isEqualTo("user1");
    }

    @Test
    void uniqueGivesEachVuItsOwnRowForLife() {
        DataSource ds = rows(2, DataStrategy.UNIQUE);
        Vu a = vu(1, ds);
        Vu b = vu(2, ds);
        String first = next(a);
        String second = next(b);
        assertThat(first).isNotEqualTo(second);
        for (int i = 0; i < 5; i++) {
            assertThat(next(a)).isEqualTo(first);
            assertThat(next(b)).isEqualTo(second);
        }
        Vu c = vu(3, ds);
        assertThatThrownBy(() -> next(c)).isInstanceOf(IllegalStateException.class)
                .hasMessage("data source 'users' (strategy unique) has 2 rows and every one is taken by another VU; add rows or run fewer VUs");
        // A new run starts afresh.
        assertThat(next(vu(4, ds.fresh()))).isEqualTo("user0");
    }

    @Test
    void uniqueRowsAreDistinctAcrossConcurrentVus() throws Exception {
        DataSource ds = rows(200, DataStrategy.UNIQUE);
        Set<String> claimed = java.util.concurrent.ConcurrentHashMap.newKeySet();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int id = i + 1;
            threads.add(Thread.ofVirtual().start(() -> claimed.add(next(vu(id, ds)))));
        }
        for (Thread t : threads) t.join(10_000);
        assertThat(claimed).hasSize(200);
    }

    @Test
    void randomPicksRowsFromTheWholeSource() {
        Vu a = vu(1, rows(3, DataStrategy.RANDOM));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 300; i++) seen.add(next(a));
        assertThat(seen).containsExactlyInAnyOrder("user0", "user1", "user2");
    }

    @Test
    void rowsMustMatchTheColumns() {
        assertThatThrownBy(() -> DataSource.of("x", List.of("a", "b"), List.of(List.of("1")), DataStrategy.CIRCULAR))
                .hasMessageContaining("expected 2 values per row, found 1");
        assertThatThrownBy(() -> DataSource.of("x", List.of("a"), List.of(), DataStrategy.CIRCULAR)).hasMessageContaining("no rows");
    }

    @Test
    void csvWithOnlyHeaderIsRejectedAndIOIsReported() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("folder.csv"));
        assertThatThrownBy(() -> DataSource.readCsv("x", folder, DataStrategy.CIRCULAR)).hasMessageStartingWith(folder + ": cannot read");
    }
}
