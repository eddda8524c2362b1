package io.onceload.inbox;

import io.onceload.config.PipelineRegistry;
import io.onceload.config.PipelineSettings;
import io.onceload.ledger.Trigger;
import io.onceload.load.LoadRequest;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * How a pipeline watches its inbox: one file at a time in name order, only once its size and modification time
 * have been stable for {@code stable-ms}; sub-folders (.done, .failed, .rejected) are never scanned.
 */
final class InboxEndpoint {

    static final String URI = "file:{{onceload.inbox}}?antInclude={{onceload.include}}"
            + "&readLock=changed&readLockMinAge={{onceload.stable-ms}}&readLockCheckInterval={{onceload.check-ms}}"
            + "&readLockTimeout={{onceload.lock-timeout-ms}}&readLockMinLength=0"
            // strictly one file at a time in name order: a file waiting for the database blocks the later ones,
            // so an older file can never be published after a newer one; greedy polls again at once
            + "&sortBy=file:name&maxMessagesPerPoll=1&eagerMaxMessagesPerPoll=false&greedy=true"
            + "&recursive=false&autoCreate=true"
            + "&initialDelay=0&delay={{onceload.poll-ms}}&move=${header." + PipelineRoutes.ARCHIVE_HEADER + "}";

    private InboxEndpoint() {
    }

    /** Values for the placeholders of {@link #URI}, derived from validated settings. */
    static Map<String, Object> parameters(PipelineSettings settings) {
        long checkMs = Math.max(50, Math.min(1000, settings.stableMs() / 2));
        return Map.of(
                "onceload.inbox", settings.inbox().toString(),
                "onceload.include", settings.include(),
                "onceload.stable-ms", Long.toString(settings.stableMs()),
                "onceload.check-ms", Long.toString(checkMs),
                "onceload.lock-timeout-ms", Long.toString(settings.stableMs() * 2 + 10_000),
                "onceload.poll-ms", Long.toString(settings.pollMs()));
    }

    static LoadRequest request(Exchange exchange, PipelineRegistry registry) {
        String name = exchange.getMessage().getHeader(PipelineRoutes.PIPELINE_HEADER, String.class);
        PipelineSettings settings = registry.find(name)
                .orElseThrow(() -> new IllegalStateException("pipeline '" + name + "' is not registered"));
        Path file = Path.of(exchange.getMessage().getHeader(Exchange.FILE_PATH, String.class)).toAbsolutePath();
        return new LoadRequest(settings, file, Trigger.INBOX, LocalDate.now(ZoneOffset.UTC));
    }
}
