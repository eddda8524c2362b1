package io.onceload.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code onceload run} in a JVM of its own, on the test database, so a test can kill it like {@code kill -9}
 * or run two services side by side; its output goes to a log file in {@code home}.
 */
public final class ServiceProcess {

    private ServiceProcess() {
    }

    /**
     * @param home folder with routes/, inbox/, data/; {@code onceload.properties} is written there unless present
     * @param jvmOptions extra {@code -D...} options, e.g. a failpoint
     */
    public static Process start(Path home, String logName, String... jvmOptions) throws IOException {
        return start(home, home.resolve("data"), logName, jvmOptions);
    }

    /** Like {@link #start(Path, String, String...)} with a data folder of its own, as a second instance has. */
    public static Process start(Path home, Path data, String logName, String... jvmOptions) throws IOException {
        if (!java.nio.file.Files.exists(home.resolve("onceload.properties"))) {
            Cli.configure(home);
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.onceload.Onceload", "run",
                "--config", home.resolve("onceload.properties").toString(),
                "--routes", home.resolve("routes").toString(),
                "--inbox", home.resolve("inbox").toString(),
                "--data", data.toString()));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(home.resolve(logName).toFile()).start();
    }
}
