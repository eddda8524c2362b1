package io.onceload.testing;

import io.onceload.cli.OnceloadCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** One CLI command run in-process against the test database, with a home folder for data, routes and inbox. */
public record Cli(int status, String out, String err) {

    /** Writes {@code home/onceload.properties} pointing at the test database, as a user would. */
    public static void configure(Path home) throws IOException {
        var db = TestDatabase.settings();
        Files.createDirectories(home);
        Files.writeString(home.resolve("onceload.properties"),
                "ONCELOAD_DB_URL=" + db.url() + "\nONCELOAD_DB_USER=" + db.user() + "\n"
                        + (db.password() == null ? "" : "ONCELOAD_DB_PASSWORD=" + db.password() + "\n"));
    }

    /** {@code onceload <command> --config … --data … --routes … --inbox … <rest>}. */
    public static Cli run(Path home, String... args) {
        return runAt(home, home.resolve("data"), args);
    }

    /** Like {@link #run(Path, String...)} against the service whose data folder is {@code data}. */
    public static Cli runAt(Path home, Path data, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(1, List.of("--config", home.resolve("onceload.properties").toString(),
                "--routes", home.resolve("routes").toString(), "--inbox", home.resolve("inbox").toString(),
                "--data", data.toString()));
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        int status = new CommandLine(new OnceloadCommand()).setOut(new PrintWriter(stdout))
                .setErr(new PrintWriter(stderr)).execute(all.toArray(String[]::new));
        return new Cli(status, stdout.toString(), stderr.toString());
    }
}
