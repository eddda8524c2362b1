package io.onceload;

import io.onceload.cli.OnceloadCommand;
import picocli.CommandLine;

/** Entry point of the launcher and the fat jar. */
public final class Onceload {

    private Onceload() {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new OnceloadCommand()).execute(args));
    }
}
