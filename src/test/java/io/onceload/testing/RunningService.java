package io.onceload.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** A {@link ServiceProcess} a fault test can wait for, {@code kill -9} or stop, and that outlives no test. */
public final class RunningService implements AutoCloseable {

    /** Exit status of a JVM killed by SIGKILL (128 + 9): proof that the kill, not the service, ended it. */
    public static final int KILLED = 137;

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        // a soak interrupted by Ctrl-C or a failed assertion must not leave service JVMs behind
        Runtime.getRuntime().addShutdownHook(new Thread(RunningService::killAll, "kill-service-jvms"));
    }

    private final Process process;
    private final Path log;

    private RunningService(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    public static RunningService start(Path home, String logName, String... jvmOptions) throws IOException {
        RunningService service = new RunningService(ServiceProcess.start(home, logName, jvmOptions),
                home.resolve(logName));
        LIVE.add(service.process);
        return service;
    }

    /** Kills every service JVM started here that is still alive, with its children. */
    public static void killAll() {
        LIVE.forEach(RunningService::destroyTree);
    }

    /** Waits for the service's last start-up line (the JMX connector comes after Camel and its inbox routes). */
    public RunningService awaitReady(Duration timeout) throws InterruptedException {
        TestApp.await("the service to start (log " + log + ")", timeout, () -> {
            if (!process.isAlive()) {
                throw new AssertionError("the service exited during start-up (" + process.exitValue() + "): "
                        + logTail(20));
            }
            return log().contains(" - JMX on ");
        });
        return this;
    }

    /** {@code kill -9}: {@link Process#destroyForcibly()} sends SIGKILL on Linux. @return the exit status */
    public int kill() throws InterruptedException {
        destroyTree(process);
        return exitStatus(Duration.ofSeconds(30));
    }

    /** SIGTERM, so the service shuts down as on Ctrl-C; SIGKILL when it has not exited within the timeout. */
    public int stop(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            destroyTree(process);
        }
        return exitStatus(Duration.ofSeconds(30));
    }

    public boolean alive() {
        return process.isAlive();
    }

    public Path logFile() {
        return log;
    }

    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String logTail(int lines) {
        List<String> all = log().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    private int exitStatus(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("service JVM " + process.pid() + " survived SIGKILL");
        }
        LIVE.remove(process);
        return process.exitValue();
    }

    private static void destroyTree(Process process) {
        // children first: once the parent is gone they would be re-parented and harder to find
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
        LIVE.remove(process);
    }
}
