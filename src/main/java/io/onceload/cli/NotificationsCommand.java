package io.onceload.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.onceload.notify.Outbox;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code onceload notifications [<pipeline>] [--json]}: the outbox, newest first, targets without secrets. */
@Command(name = "notifications", description = {
        "List notifications, newest first: event, dedup key, target (user info and query string removed), status",
        "(pending, sent, dead), attempts and the last error. Works without the service."})
final class NotificationsCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    CommonOptions options;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PIPELINE")
    String pipeline;

    @Option(names = "--limit", defaultValue = "50", paramLabel = "N",
            description = "At most N (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "One JSON object per line.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CommonOptions.quietLogging();
        PrintWriter out = spec.commandLine().getOut();
        try (ReadOnlySession session = ReadOnlySession.open(options)) {
            List<Outbox.Entry> entries = Outbox.list(session.connection(), pipeline, Math.max(1, limit));
            for (Outbox.Entry e : entries) {
                if (json) {
                    Map<String, Object> fields = new LinkedHashMap<>();
                    fields.put("pipeline", e.pipeline());
                    fields.put("event", e.event());
                    fields.put("dedup_key", e.dedupKey());
                    fields.put("target", e.target());
                    fields.put("status", e.status());
                    fields.put("attempts", e.attempts());
                    fields.put("last_error", e.lastError());
                    fields.put("created_at", e.createdAt().toString());
                    fields.put("sent_at", e.sentAt() == null ? null : e.sentAt().toString());
                    out.println(JSON.writeValueAsString(fields));
                } else {
                    out.println(e.createdAt() + "  " + e.pipeline() + "  " + e.event() + "  " + e.status() + " after "
                            + e.attempts() + " attempt" + (e.attempts() == 1 ? "" : "s") + "  " + e.target() + "  "
                            + e.dedupKey() + (e.lastError() == null ? "" : "  " + RunsTable.oneLine(e.lastError(),
                            RunsTable.ERROR_WIDTH)));
                }
            }
            if (entries.isEmpty() && !json) {
                out.println("no notifications");
            }
        }
        out.flush();
        return 0;
    }
}
