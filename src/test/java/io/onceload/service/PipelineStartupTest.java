package io.onceload.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.onceload.config.SettingsException;
import io.onceload.testing.TestApp;
import io.onceload.testing.TestDatabase;
import java.nio.file.Path;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pipeline that cannot run stops the service at startup with a message naming pipeline, key and value. */
class PipelineStartupTest {

    @TempDir
    Path home;

    private int attempt;

    private Throwable startFailure(String... pipeline) {
        Path fresh = home.resolve("attempt-" + attempt++);
        Throwable thrown = catchThrowable(() -> TestApp.start(fresh, pipeline).close());
        assertThat(thrown).as("startup must fail").isNotNull();
        Throwable cause = thrown;
        while (!(cause instanceof SettingsException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        Assertions.assertThat(cause).isInstanceOf(SettingsException.class);
        return cause;
    }

    @Test
    void anUnknownParameterIsNamedWithItsValueAndTheValidOnes() {
        assertThat(startFailure("orders", TestApp.pipeline("orders", "batchsize", "5")))
                .hasMessageContaining("pipeline 'orders': unknown parameter 'batchsize' (value '5'); valid parameters:"
                        + " name, table, key, inbox, include, delimiter, encoding, batch-size, max-rejects");
    }

    @Test
    void anOutOfBoundsValueNamesKeyBoundAndValue() {
        assertThat(startFailure("orders", TestApp.pipeline("orders", "batch-size", "0")))
                .hasMessage("pipeline 'orders': batch-size must be >= 1, was '0'");
    }

    @Test
    void aPlaceholderThatResolvesToNothingOrABadTargetIsAStartupErrorWithoutTheSecret() {
        assertThat(startFailure("orders", TestApp.pipeline("orders", "notify", "{{env:ONCELOAD_TEST_SURELY_UNSET}}")))
                .hasMessage("pipeline 'orders': notify refers to {{env:ONCELOAD_TEST_SURELY_UNSET}}, which is not set");
        assertThat(startFailure("orders", TestApp.pipeline("orders", "notify", "ftp://u:secret@host/x?t=secret")))
                .hasMessage("pipeline 'orders': notify must be http(s)://host/path, smtp(s)://host:port or log, was"
                        + " 'ftp://…'");
        assertThat(startFailure("orders", TestApp.pipeline("orders", "notify", "log", "notify-on", "done")))
                .hasMessage("pipeline 'orders': notify-on must be a comma-separated list of published, failed,"
                        + " check-failed, complete, overdue, database-down, database-up, was 'done'");
    }

    @Test
    void aMissingTableOrKeyIsAStartupError() {
        assertThat(startFailure("ghost", TestApp.pipeline("ghost")))
                .hasMessage("pipeline 'ghost': table public.ghost does not exist");
        TestDatabase.execute("DROP TABLE IF EXISTS public.keyless", "CREATE TABLE public.keyless (a int)");
        assertThat(startFailure("keyless", TestApp.pipeline("keyless")))
                .hasMessageContaining("pipeline 'keyless': table public.keyless has no primary key");
        assertThat(startFailure("keyless", TestApp.pipeline("keyless", "key", "b")))
                .hasMessage("pipeline 'keyless': key column 'b' does not exist in table public.keyless; columns: a");
    }
}
