package io.onceload.cli;

import io.onceload.database.DatabaseSettings;
import io.onceload.service.OnceloadApp;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command takes: where the data, pipelines, inboxes, migrations and database settings are. */
final class CommonOptions {

    /** The launcher sets onceload.home to the project, so defaults hold wherever the command is run from. */
    private static final String HOME = "${sys:onceload.home:-.}/";

    @Option(names = "--data", defaultValue = HOME + "data", description = "Embedded database directory (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--routes", defaultValue = HOME + "routes", description = "Folder of <pipeline>.camel.yaml files (default: ${DEFAULT-VALUE}).")
    Path routes;

    @Option(names = "--inbox", defaultValue = HOME + "inbox", description = "Root of the default inboxes inbox/<pipeline> (default: ${DEFAULT-VALUE}).")
    Path inbox;

    @Option(names = "--migrations", defaultValue = HOME + "migrations", description = "Folder of your V<n>__*.sql table migrations (default: ${DEFAULT-VALUE}).")
    Path migrations;

    @Option(names = "--config", defaultValue = HOME + "onceload.properties",
            description = "Properties file with ONCELOAD_DB_URL, ONCELOAD_DB_USER, ONCELOAD_DB_PASSWORD, ONCELOAD_CLUSTER; the environment wins (default: ${DEFAULT-VALUE}).")
    Path config;

    DatabaseSettings database() throws IOException {
        return DatabaseSettings.from(System.getenv(), config);
    }

    OnceloadApp.Options app(boolean watchInbox) throws IOException {
        DatabaseSettings database = database();
        return new OnceloadApp.Options(database, data, migrations, routes, inbox, watchInbox, 0,
                database.clustered(System.getenv(), config), null);
    }

    /** CLI commands print results on stdout; routine startup logging would only bury them. */
    static void quietLogging() {
        System.setProperty("onceload.log.level", "WARN");
    }
}
