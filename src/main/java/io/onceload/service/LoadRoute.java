package io.onceload.service;

import io.onceload.inbox.PipelineRoutes;
import io.onceload.load.LoadOutcome;
import io.onceload.load.LoadRequest;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;

/** Sends a load request through the shared load route (and its retries), answering with the route's own error. */
final class LoadRoute implements Function<LoadRequest, LoadOutcome>, AutoCloseable {

    private final Supplier<CamelContext> camel;
    private ProducerTemplate producer;

    LoadRoute(Supplier<CamelContext> camel) {
        this.camel = camel;
    }

    @Override
    public LoadOutcome apply(LoadRequest request) {
        try {
            return producer().requestBody(PipelineRoutes.LOAD, request, LoadOutcome.class);
        } catch (CamelExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException(e.getCause() == null ? e.getMessage() : e.getCause().getMessage(), e);
        }
    }

    private synchronized ProducerTemplate producer() {
        if (producer == null) {
            producer = camel.get().createProducerTemplate();
        }
        return producer;
    }

    @Override
    public synchronized void close() throws Exception {
        if (producer != null) {
            producer.close();
        }
    }
}
