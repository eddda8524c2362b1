package io.onceload.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's parameter reference lists exactly the parameters the parser accepts, with the same defaults and the
 * same {@code load --table} options.
 */
class ParameterReferenceTest {

    private static final Pattern ROW = Pattern.compile("^\\| `([a-z-]+)` \\| ([^|]+) \\| ([^|]+) \\|",
            Pattern.MULTILINE);

    @Test
    void everyParameterIsDocumentedWithItsDefault() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String table = readme.substring(readme.indexOf("### Pipeline parameters"), readme.indexOf("## Load modes"));
        Map<String, String> documented = new LinkedHashMap<>();
        Matcher row = ROW.matcher(table);
        while (row.find()) {
            documented.put(row.group(1), row.group(2).replace("`", "").strip() + " / " + row.group(3).strip());
        }
        Map<String, String> declared = new LinkedHashMap<>();
        for (PipelineParameter p : PipelineParameter.values()) {
            declared.put(p.key(), p.defaultText() + " / " + (p.adHoc() ? "`--" + p.key() + "`" : "—"));
        }
        assertThat(documented).isEqualTo(declared);
    }
}
