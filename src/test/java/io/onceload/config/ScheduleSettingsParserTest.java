package io.onceload.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScheduleSettingsParserTest {

    @TempDir
    Path home;

    private ScheduleSettings parse(String... keyValues) {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("name", "orders");
        for (int i = 0; i < keyValues.length; i += 2) {
            raw.put(keyValues[i], keyValues[i + 1]);
        }
        return PipelineSettingsParser.parse(raw, home.resolve("inbox")).schedule();
    }

    private void assertFails(String message, String... keyValues) {
        assertThatThrownBy(() -> parse(keyValues)).isInstanceOf(SettingsException.class).hasMessage(message);
    }

    @Test
    void withoutScheduleParametersThePipelineOnlyRunsOnFilesAndTriggers() {
        ScheduleSettings schedule = parse();

        assertThat(schedule.scheduled()).isFalse();
        assertThat(schedule.hasSource()).isFalse();
        assertThat(schedule.zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(schedule.catchup()).isTrue();
    }

    @Test
    void aSourcePatternNamesTheDaysFileRelativeToTheProject() {
        ScheduleSettings schedule = parse("schedule", "0 0 2 * * ?", "timezone", "Europe/Berlin",
                "source", "landing/orders_{date}.csv", "date-format", "yyyyMMdd", "catchup", "false");

        assertThat(schedule.cron()).isEqualTo("0 0 2 * * ?");
        assertThat(schedule.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(schedule.catchup()).isFalse();
        assertThat(schedule.sourceFile(LocalDate.of(2026, 11, 3)))
                .isEqualTo(home.resolve("landing/orders_20261103.csv"));
    }

    @Test
    void badValuesNameTheKeyTheRuleAndTheValue() {
        assertThatThrownBy(() -> parse("schedule", "every day at 2"))
                .isInstanceOf(SettingsException.class)
                .hasMessageStartingWith("pipeline 'orders': schedule must be a Quartz cron expression with seconds,"
                        + " e.g. '0 0 2 * * ?'")
                .hasMessageEndingWith(", was 'every day at 2'");
        assertFails("pipeline 'orders': timezone must be a time-zone id such as UTC or Europe/Berlin,"
                + " was 'Mars/Olympus'", "timezone", "Mars/Olympus");
        assertFails("pipeline 'orders': timezone must be a region id such as UTC or Europe/Berlin (offsets like"
                + " +05:00 are not understood by the scheduler), was '+05:00'", "timezone", "+05:00");
        assertFails("pipeline 'orders': source must contain {date}, e.g. /landing/orders_{date}.csv,"
                + " was '/landing/orders.csv'", "source", "/landing/orders.csv");
        assertFails("pipeline 'orders': date-format must be a date pattern of y, M and d such as yyyy-MM-dd or"
                + " yyyyMMdd, was 'HH:mm'", "date-format", "HH:mm");
        assertFails("pipeline 'orders': catchup must be one of true, false, was 'yes'", "catchup", "yes");
    }
}
