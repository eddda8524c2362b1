package io.onceload.service;

import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;

/** Sends a request through a Camel route (and its retries), answering with the route's reply or its own error. */
final class RouteCall<T, R> implements Function<T, R>, AutoCloseable {

    private final Supplier<CamelContext> camel;
    private final Function<T, String> endpoint;
    private final Class<R> reply;
    private ProducerTemplate producer;

    RouteCall(Supplier<CamelContext> camel, Function<T, String> endpoint, Class<R> reply) {
        this.camel = camel;
        this.endpoint = endpoint;
        this.reply = reply;
    }

    @Override
    public R apply(T request) {
        try {
            return producer().requestBody(endpoint.apply(request), request, reply);
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
