package io.onceload.testing;

import io.onceload.service.OnceloadApp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/** A real onceload service on the test database, with its own inbox and routes folders under a temp dir. */
public final class TestApp implements AutoCloseable {

    private final Path home;
    private OnceloadApp app;

    private TestApp(Path home) {
        this.home = home;
    }

    /** Writes {@code routes/<name>.camel.yaml} for each pipeline (name, yaml) pair, then starts the service. */
    public static TestApp start(Path home, String... pipelines) throws Exception {
        return start(home, java.time.Clock.systemUTC(), pipelines);
    }

    /** Like {@link #start(Path, String...)}, with the clock schedules and logical dates read. */
    public static TestApp start(Path home, java.time.Clock clock, String... pipelines) throws Exception {
        TestApp test = new TestApp(home);
        test.writeRoutes(pipelines);
        test.app = OnceloadApp.start(test.options(true), clock);
        // a test that drives the runner itself must not race the service's own catch-up after start
        test.app.caughtUp().get(60, java.util.concurrent.TimeUnit.SECONDS);
        return test;
    }

    public void writeRoutes(String... pipelines) throws IOException {
        Files.createDirectories(home.resolve("routes"));
        for (int i = 0; i < pipelines.length; i += 2) {
            Files.writeString(home.resolve("routes").resolve(pipelines[i] + ".camel.yaml"), pipelines[i + 1]);
        }
    }

    public OnceloadApp.Options options(boolean watch) {
        return new OnceloadApp.Options(TestDatabase.settings(), home.resolve("data"), Path.of("migrations"),
                home.resolve("routes"), home.resolve("inbox"), watch);
    }

    /** A pipeline declaration in the YAML DSL, with extra parameters as name/value pairs. */
    public static String pipeline(String name, String... parameters) {
        StringBuilder yaml = new StringBuilder("- templatedRoute:\n    routeTemplateRef: onceload-pipeline\n"
                + "    routeId: " + name + "\n    parameters:\n      - name: name\n        value: " + name + "\n"
                + "      - name: stable-ms\n        value: \"100\"\n");
        if (!java.util.List.of(parameters).contains("poll-ms")) {
            yaml.append("      - name: poll-ms\n        value: \"100\"\n");
        }
        for (int i = 0; i < parameters.length; i += 2) {
            yaml.append("      - name: ").append(parameters[i]).append("\n        value: \"")
                    .append(parameters[i + 1]).append("\"\n");
        }
        return yaml.toString();
    }

    /** Route files for {@link #start(Path, String...)}: the pipeline's, then one per task declaration. */
    public static String[] withTasks(String pipeline, String pipelineYaml, String... tasks) {
        String[] routes = new String[2 + 2 * tasks.length];
        routes[0] = pipeline;
        routes[1] = pipelineYaml;
        for (int i = 0; i < tasks.length; i++) {
            routes[2 + 2 * i] = pipeline + "-task" + i;
            routes[3 + 2 * i] = tasks[i];
        }
        return routes;
    }

    /** A task declaration ({@code onceload-task}) in the YAML DSL, with its parameters as name/value pairs. */
    public static String task(String pipeline, String task, String... parameters) {
        StringBuilder yaml = new StringBuilder("- templatedRoute:\n    routeTemplateRef: onceload-task\n"
                + "    routeId: " + pipeline + "." + task + "\n    parameters:\n      - name: pipeline\n        value: "
                + pipeline + "\n      - name: task\n        value: " + task + "\n");
        for (int i = 0; i < parameters.length; i += 2) {
            yaml.append("      - name: ").append(parameters[i]).append("\n        value: \"")
                    .append(parameters[i + 1]).append("\"\n");
        }
        return yaml.toString();
    }

    /** Writing routes and dropping files for a service a test starts itself. */
    public static final class Routes {
        private final TestApp files;

        public Routes(Path home) {
            this.files = new TestApp(home);
        }

        public void write(String... pipelines) throws IOException {
            files.writeRoutes(pipelines);
        }

        public Path drop(String pipeline, Path source, String name) throws IOException {
            return files.drop(pipeline, source, name);
        }
    }

    public OnceloadApp app() {
        return app;
    }

    public Path home() {
        return home;
    }

    public Path inbox(String pipeline) {
        return home.resolve("inbox").resolve(pipeline);
    }

    /** Copies the file into the inbox the way a careful writer does: write a hidden temp file, then rename. */
    public Path drop(String pipeline, Path source, String name) throws IOException {
        Path inbox = Files.createDirectories(inbox(pipeline));
        Path temp = inbox.resolve("." + name + ".part");
        Files.copy(source, temp);
        return Files.move(temp, inbox.resolve(name));
    }

    public Path drop(String pipeline, String content, String name) throws IOException {
        Path inbox = Files.createDirectories(inbox(pipeline));
        Path temp = inbox.resolve("." + name + ".part");
        Files.writeString(temp, content, StandardCharsets.UTF_8);
        return Files.move(temp, inbox.resolve(name));
    }

    /** Drops the file and waits until the service has moved it out of the inbox (to .done or .failed). */
    public void dropAndAwait(String pipeline, Path source, String name) throws Exception {
        Path dropped = drop(pipeline, source, name);
        await(name + " to leave the inbox", Duration.ofSeconds(60), () -> !Idle.inInbox(dropped));
    }

    public void dropAndAwait(String pipeline, String content, String name) throws Exception {
        Path dropped = drop(pipeline, content, name);
        await(name + " to leave the inbox", Duration.ofSeconds(60), () -> !Idle.inInbox(dropped));
    }

    /** Files (not folders) below {@code dir}, relative to it, sorted; a listing that raced a move is taken again. */
    public static java.util.List<String> filesUnder(Path dir) {
        for (int attempt = 1; ; attempt++) {
            if (!Files.isDirectory(dir)) {
                return java.util.List.of();
            }
            try (Stream<Path> files = Files.walk(dir)) {
                return files.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
            } catch (UncheckedIOException | IOException e) {
                if (attempt == 20) {
                    throw new IllegalStateException("cannot list " + dir, e);
                }
            }
        }
    }

    /** Polls until the condition holds; fails after the deadline. */
    public static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() throws Exception {
        if (app != null) {
            app.close();
        }
    }
}
