package io.onceload.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.onceload.config.SettingsException;
import io.onceload.testing.TestApp;
import io.onceload.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A task that cannot run stops the service at startup, naming pipeline, task, key and value. */
class TaskStartupTest {

    @TempDir
    Path home;

    private int attempt;

    @BeforeEach
    void tables() {
        TestDatabase.execute("DROP TABLE IF EXISTS public.src_t, public.derived_t",
                "CREATE TABLE public.src_t (id int PRIMARY KEY, day date NOT NULL, amount int)",
                "CREATE TABLE public.derived_t (day date PRIMARY KEY, total bigint)");
    }

    private String failure(String... tasks) throws Exception {
        Path fresh = home.resolve("attempt-" + attempt++);
        Files.createDirectories(fresh.resolve("sql"));
        Files.writeString(fresh.resolve("sql/good.sql"), "SELECT day, sum(amount) AS total FROM src_t"
                + " WHERE day = ANY(:partitions) GROUP BY day");
        Files.writeString(fresh.resolve("sql/check.sql"), "SELECT * FROM derived_t WHERE total < 0");
        Files.writeString(fresh.resolve("sql/unknown.sql"), "SELECT * FROM src_t WHERE day = :today");
        Files.writeString(fresh.resolve("sql/wrong_column.sql"), "SELECT day, sum(amount) AS sum FROM src_t GROUP BY day");
        String[] routes = TestApp.withTasks("src_t", TestApp.pipeline("src_t"), tasks);
        Throwable thrown = catchThrowable(() -> TestApp.start(fresh, routes).close());
        assertThat(thrown).as("startup must fail").isNotNull();
        Throwable cause = thrown;
        while (!(cause instanceof SettingsException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        assertThat(cause).isInstanceOf(SettingsException.class);
        return cause.getMessage();
    }

    private static String slice(String pipeline, String task, String... more) {
        String[] base = {"kind", "slice", "sql", "sql/good.sql", "table", "derived_t", "partition-column", "day",
            "slice", "loaded-partitions"};
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return TestApp.task(pipeline, task, all);
    }

    @Test
    void graphProblemsNamePipelineTaskAndValue() throws Exception {
        assertThat(failure(slice("nosuch", "t1"))).contains("pipeline 'nosuch' task 't1': pipeline 'nosuch' is not"
                + " declared; declared pipelines: src_t");
        assertThat(failure(slice("src_t", "t1", "after", "t9"))).isEqualTo("pipeline 'src_t' task 't1': after names"
                + " the unknown task 't9'; known: load, t1");
        assertThat(failure(slice("src_t", "t1", "after", "t2"), TestApp.task("src_t", "t2", "kind", "check", "sql",
                "sql/check.sql", "after", "t1"))).isEqualTo("pipeline 'src_t': tasks t1, t2 depend on each other in a"
                + " cycle");
        assertThat(failure(TestApp.task("src_t", "t1", "kind", "merge", "sql", "sql/check.sql")))
                .isEqualTo("pipeline 'src_t' task 't1': kind must be one of slice, check, sql, was 'merge'");
    }

    @Test
    void sqlTableAndColumnProblemsAreStartupErrors() throws Exception {
        assertThat(failure(slice("src_t", "t1", "sql", "sql/missing.sql"))).startsWith("pipeline 'src_t' task 't1':"
                + " sql must be a readable file").endsWith("was 'sql/missing.sql'");
        assertThat(failure(slice("src_t", "t1", "sql", "sql/unknown.sql"))).contains("uses the unknown named"
                + " parameter :today; valid: :logical_date, :data_interval_start");
        assertThat(failure(slice("src_t", "t1", "table", "nosuch_t"))).isEqualTo("pipeline 'src_t' task 't1': table"
                + " public.nosuch_t does not exist");
        assertThat(failure(slice("src_t", "t1", "partition-column", "nope"))).isEqualTo("pipeline 'src_t' task 't1':"
                + " partition-column 'nope' is not a column of public.derived_t");
        assertThat(failure(slice("src_t", "t1", "sql", "sql/wrong_column.sql"))).isEqualTo("pipeline 'src_t' task"
                + " 't1': the query's column 'sum' is not a column of public.derived_t");
        assertThat(failure(TestApp.task("src_t", "t1", "kind", "slice", "sql", "sql/good.sql", "table", "derived_t",
                "partition-column", "day"))).isEqualTo("pipeline 'src_t' task 't1': slice must be one of logical-date,"
                + " loaded-partitions for kind slice, was ''");
        assertThat(failure(TestApp.task("src_t", "t1", "kind", "check", "sql", "sql/good.sql")))
                .contains("uses :partitions, which only a slice: loaded-partitions task has");
    }
}
