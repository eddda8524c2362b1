package io.onceload.cli;

import io.onceload.jmx.JmxRegistration;
import io.onceload.jmx.PipelineMBean;
import io.onceload.jmx.ServiceAuthenticationException;
import io.onceload.jmx.ServiceClient;
import io.onceload.jmx.ServiceNotRunningException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import picocli.CommandLine.Model.CommandSpec;

/**
 * How CLI commands talk to the running service: over its authenticated loopback JMX connector, answering "not
 * running", a refused login and a refused operation with one clear line each.
 */
final class RemoteService {

    static final int NOT_RUNNING = 3;
    /** Lines are {@code <date> <trigger> <file>: <status> — …}; these statuses make the exit status 1. */
    private static final Pattern UNSUCCESSFUL = Pattern.compile(": (failed|missing-input|upstream-failed) — ");

    interface Call {
        int run(MBeanServerConnection connection, PrintWriter out) throws Exception;
    }

    private RemoteService() {
    }

    static int call(CommandSpec spec, Path data, Call call) {
        CommonOptions.quietLogging();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (ServiceClient client = ServiceClient.connect(data)) {
            int status = call.run(client.connection(), out);
            out.flush();
            return status;
        } catch (ServiceNotRunningException | ServiceAuthenticationException e) {
            err.println(e.getMessage());
            return NOT_RUNNING;
        } catch (Exception e) {
            err.println(reason(e));
            return 1;
        } finally {
            err.flush();
        }
    }

    static PipelineMBean pipeline(MBeanServerConnection connection, String name) throws Exception {
        ObjectName objectName = JmxRegistration.pipelineName(name);
        if (!connection.isRegistered(objectName)) {
            throw new IllegalArgumentException("the running service has no pipeline '" + name + "'; its pipelines: "
                    + String.join(", ", pipelines(connection)));
        }
        return JMX.newMBeanProxy(connection, objectName, PipelineMBean.class);
    }

    static List<String> pipelines(MBeanServerConnection connection) throws Exception {
        return connection.queryNames(JmxRegistration.pipelineName("*"), null).stream()
                .map(name -> name.getKeyProperty("name")).sorted().toList();
    }

    /** Prints one line per run; exit status 1 when a run failed or found its input missing. */
    static int print(String[] lines, PrintWriter out) {
        boolean unsuccessful = false;
        for (String line : lines) {
            out.println(line);
            unsuccessful |= UNSUCCESSFUL.matcher(line).find();
        }
        return unsuccessful ? 1 : 0;
    }

    /** The service's own message: the innermost IllegalArgument/IllegalState, not the JMX wrappers around it. */
    private static String reason(Throwable error) {
        String message = error.toString();
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException || t instanceof IllegalStateException) {
                message = t.getMessage();
            }
        }
        return message;
    }
}
