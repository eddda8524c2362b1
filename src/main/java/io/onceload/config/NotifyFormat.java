package io.onceload.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Optional;

/** The body a webhook gets: onceload's JSON as it is, or a message chat tools post as they are. */
public enum NotifyFormat implements Keyed {
    /** Every field of the notification. */
    JSON {
        @Override
        public String body(String payload) {
            return payload;
        }
    },
    /** {@code {"text": "…"}}, which Slack's (and Mattermost's, and others') incoming webhooks accept. */
    SLACK {
        @Override
        public String body(String payload) {
            try {
                JsonNode n = MAPPER.readTree(payload);
                StringBuilder text = new StringBuilder("onceload ").append(n.path("pipeline").asText()).append(": ")
                        .append(n.path("event").asText());
                if (!n.path("logical_date").isNull() && n.has("logical_date")) {
                    text.append(" for ").append(n.path("logical_date").asText());
                }
                if (n.hasNonNull("task")) {
                    text.append(", task ").append(n.path("task").asText());
                }
                if (n.hasNonNull("file")) {
                    text.append(", file ").append(n.path("file").asText());
                }
                if (n.has("inserted")) {
                    text.append(" (").append(n.path("inserted").asLong()).append(" inserted, ")
                            .append(n.path("updated").asLong()).append(" updated)");
                }
                if (n.hasNonNull("error")) {
                    text.append("\n").append(n.path("error").asText());
                }
                return MAPPER.writeValueAsString(Map.of("text", text.toString()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("an outbox payload is not JSON: " + e.getMessage(), e);
            }
        }
    };

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The HTTP body for a stored notification payload. */
    public abstract String body(String payload);


    public static Optional<NotifyFormat> of(String key) {
        return Keyed.of(NotifyFormat.class, key);
    }

    public static String validKeys() {
        return Keyed.validKeys(NotifyFormat.class);
    }
}
