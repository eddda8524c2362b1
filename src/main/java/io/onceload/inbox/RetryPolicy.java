package io.onceload.inbox;

import io.onceload.load.TransientLoadException;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;

/**
 * Retries a load that hit a transient database error, with exponential backoff. A load is one transaction, so
 * a retry is always safe; after the last attempt the file simply stays in the inbox for the next poll.
 */
public final class RetryPolicy extends RouteConfigurationBuilder {

    static final int ATTEMPTS = 7;
    static final long FIRST_DELAY_MS = 1000;
    static final long MAX_DELAY_MS = 60_000;

    @Override
    public void configuration() {
        routeConfiguration("onceload-retry")
                .onException(TransientLoadException.class)
                .maximumRedeliveries(ATTEMPTS - 1)
                .redeliveryDelay(FIRST_DELAY_MS)
                .useExponentialBackOff()
                .backOffMultiplier(2)
                .maximumRedeliveryDelay(MAX_DELAY_MS)
                .retryAttemptedLogLevel(LoggingLevel.WARN)
                .logStackTrace(false)
                .logRetryStackTrace(false);
    }
}
