package io.onceload.inbox;

import io.onceload.config.PipelineSettings;
import java.util.Map;

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
            // the file is archived by the pipeline's runner inside its run lock, so Camel must leave it alone, and
            // must not remember names: a later file of the same name is new input
            + "&noop=true&idempotent=false&filter=#" + LiteralNameFilter.BEAN
            + "&initialDelay=0&delay={{onceload.poll-ms}}";

    private InboxEndpoint() {
    }

    /** How long a consumer waits for a file to become stable before it gives up its read lock. */
    static long lockTimeoutMs(PipelineSettings settings) {
        return settings.stableMs() * 2 + 10_000;
    }

    /**
     * Values for the placeholders of {@link #URI}, derived from validated settings.
     *
     * @param watch whether this process consumes inboxes at all (CLI commands do not)
     */
    static Map<String, Object> parameters(PipelineSettings settings, boolean watch) {
        long checkMs = Math.max(50, Math.min(1000, settings.stableMs() / 2));
        // a scheduled pipeline reads its inbox at each fire, and a source pipeline never reads it
        boolean consume = watch && !settings.schedule().scheduled() && !settings.schedule().hasSource()
                && settings.pull().isEmpty();
        return Map.of(
                "onceload.watch", Boolean.toString(consume),
                "onceload.inbox", settings.inbox().toString(),
                "onceload.include", settings.include(),
                "onceload.stable-ms", Long.toString(settings.stableMs()),
                "onceload.check-ms", Long.toString(checkMs),
                "onceload.lock-timeout-ms", Long.toString(lockTimeoutMs(settings)),
                "onceload.poll-ms", Long.toString(settings.pollMs()));
    }
}
