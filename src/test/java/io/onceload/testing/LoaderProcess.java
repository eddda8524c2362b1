package io.onceload.testing;

import io.onceload.config.PipelineSettingsParser;
import io.onceload.ledger.Trigger;
import io.onceload.load.FileLoader;
import io.onceload.load.LoadOutcome;
import io.onceload.load.LoadRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A {@link FileLoader} in a JVM of its own with the launcher's heap options, so a test can show that a file cannot
 * exhaust the memory the service runs with.
 */
public final class LoaderProcess {

    /** What {@code ./onceload} starts the JVM with. */
    public static final List<String> LAUNCHER_OPTIONS = List.of("-Xmx512m", "-XX:+UseSerialGC");

    private LoaderProcess() {
    }

    /**
     * Loads each file into its table (pipeline named like the table, inbox under {@code home}), one after the other.
     *
     * @param tablesAndFiles table, file, table, file, …
     * @return the child's max heap in bytes, then per file {@code status<TAB>rejected<TAB>error}
     */
    public static List<String> load(Path home, String... tablesAndFiles) throws IOException, InterruptedException {
        Path out = home.resolve("outcomes.txt");
        Path log = home.resolve("loader.log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(LAUNCHER_OPTIONS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), LoaderProcess.class.getName(),
                TestDatabase.settings().url(), TestDatabase.settings().user(), home.toString(), out.toString()));
        command.addAll(List.of(tablesAndFiles));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the loader JVM did not finish within 60 s; see " + log);
        }
        String output = Files.readString(log);
        if (process.exitValue() != 0 || output.contains("OutOfMemoryError")) {
            throw new AssertionError("the loader JVM exited with " + process.exitValue() + ":\n" + output);
        }
        return Files.readAllLines(out);
    }

    public static void main(String[] args) throws IOException {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(args[0]);
        dataSource.setUser(args[1]);
        Path home = Path.of(args[2]);
        FileLoader loader = new FileLoader(dataSource);
        List<String> lines = new ArrayList<>(List.of(Long.toString(Runtime.getRuntime().maxMemory())));
        for (int i = 4; i < args.length; i += 2) {
            var pipeline = PipelineSettingsParser.parse(Map.of("name", args[i], "table", args[i],
                    "inbox", home.resolve("inbox").toString()), home);
            LoadOutcome outcome = loader.load(new LoadRequest(pipeline, Path.of(args[i + 1]), Trigger.CLI,
                    LocalDate.of(2026, 11, 23)));
            lines.add(outcome.status().dbValue() + "\t" + outcome.counts().rejected() + "\t" + outcome.error());
        }
        Files.write(Path.of(args[3]), lines);
    }
}
