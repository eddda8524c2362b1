package io.onceload.config;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A pipeline's notifications: where they go and which outcomes they are sent for.
 *
 * @param targets empty: no notification at all
 * @param attempts sends of one notification before it is given up as dead
 * @param backoffMs the first delay after a failed send, doubling up to a minute
 * @param mailTo recipients of mail targets, comma-separated; null without a mail target
 * @param mailFrom the sender of mail targets
 * @param format the body webhooks get
 */
public record NotifySettings(List<NotifyTarget> targets, Set<NotifyEvent> events, int attempts, long backoffMs,
                             String mailTo, String mailFrom, NotifyFormat format) {

    static final String DEFAULT_EVENTS = "failed";

    public NotifySettings {
        targets = List.copyOf(targets);
        events = events.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(events));
    }

    /** The configured target shown as {@code shown}, if it is still configured. */
    public java.util.Optional<NotifyTarget> target(String shown) {
        return targets.stream().filter(t -> t.shown().equals(shown)).findFirst();
    }

    /** Whether an outcome of this kind is sent anywhere. */
    public boolean wants(NotifyEvent event) {
        return !targets.isEmpty() && events.contains(event);
    }

    static NotifySettings parse(PipelineSettingsParser.Values values) {
        String targetText = values.raw.getOrDefault(PipelineParameter.NOTIFY.key(), "").strip();
        List<NotifyTarget> targets = targetText.isEmpty() ? List.of() : Arrays.stream(targetText.split(","))
                .map(String::strip).map(text -> {
                    try {
                        return NotifyTarget.parse(text);
                    } catch (IllegalArgumentException e) {
                        throw new SettingsException(values.label() + ": notify " + e.getMessage());
                    }
                }).toList();
        if (targets.stream().map(NotifyTarget::shown).distinct().count() < targets.size()) {
            throw new SettingsException(values.label() + ": notify names one target twice");
        }
        String eventText = values.text(PipelineParameter.NOTIFY_ON, DEFAULT_EVENTS);
        Set<NotifyEvent> events = EnumSet.noneOf(NotifyEvent.class);
        for (String key : eventText.split(",")) {
            events.add(NotifyEvent.of(key.strip()).orElseThrow(() -> values.invalid(PipelineParameter.NOTIFY_ON,
                    "must be a comma-separated list of " + NotifyEvent.validKeys())));
        }
        String mailTo = values.optional(PipelineParameter.NOTIFY_MAIL_TO);
        if (targets.stream().anyMatch(NotifyTarget::isMail) && mailTo == null) {
            throw values.invalid(PipelineParameter.NOTIFY_MAIL_TO, "is required with an smtp:// notify target");
        }
        return new NotifySettings(targets, events,
                (int) values.number(PipelineParameter.NOTIFY_ATTEMPTS, 10, 1, 1000),
                values.number(PipelineParameter.NOTIFY_BACKOFF_MS, 1000, 10, 3_600_000), mailTo,
                values.text(PipelineParameter.NOTIFY_MAIL_FROM, "onceload@localhost"), format(values));
    }

    private static NotifyFormat format(PipelineSettingsParser.Values values) {
        String text = values.text(PipelineParameter.NOTIFY_FORMAT, NotifyFormat.JSON.key());
        return NotifyFormat.of(text).orElseThrow(() -> values.invalid(PipelineParameter.NOTIFY_FORMAT,
                "must be one of " + NotifyFormat.validKeys()));
    }
}
