package io.onceload.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code onceload}: the service and the commands that share its code path. */
@Command(name = "onceload", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT,
        version = "onceload 0.1.0",
        description = "Loads files into PostgreSQL exactly once.",
        subcommands = {RunCommand.class, LoadCommand.class, TriggerCommand.class, BackfillCommand.class,
                ReprocessCommand.class, ClearCommand.class, StatusCommand.class, RunsCommand.class,
                NotificationsCommand.class, QueryCommand.class, UiCommand.class})
public final class OnceloadCommand {
}
