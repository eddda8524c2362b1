package io.onceload.cli;

import io.onceload.web.WebView;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code onceload ui}: where the running service's web view is. */
@Command(name = "ui", description = "Print the address of the running service's web view (from data/http.properties).")
final class UiCommand implements Callable<Integer> {

    @Mixin
    CommonOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try {
            spec.commandLine().getOut().println(WebView.url(options.data));
            return 0;
        } catch (IOException e) {
            spec.commandLine().getErr().println("no web view: the service is not running on " + options.data
                    + " (" + WebView.FILE + " is missing); start it with ./onceload run");
            return 1;
        }
    }
}
