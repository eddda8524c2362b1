package io.onceload.cli;

import io.onceload.config.PipelineParameter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The options of {@code load --table}, derived from {@link PipelineParameter}: one {@code --<key>} per parameter
 * that shapes a single load, taken as text and validated by the same parser as a pipeline file, so names,
 * defaults and messages cannot drift apart.
 */
public final class AdHocOptions implements IModelTransformer {

    @Override
    public CommandSpec transform(CommandSpec command) {
        for (PipelineParameter parameter : PipelineParameter.values()) {
            if (parameter.adHoc()) {
                command.addOption(OptionSpec.builder("--" + parameter.key())
                        .paramLabel("<" + parameter.key() + ">")
                        .type(String.class)
                        .description(parameter.adHocHelp() + " Default: " + parameter.defaultText() + ".")
                        .build());
            }
        }
        return command;
    }

    /** The ad-hoc options given on the command line, by parameter key. */
    static Map<String, String> values(CommandSpec command) {
        Map<String, String> values = new LinkedHashMap<>();
        for (PipelineParameter parameter : PipelineParameter.values()) {
            OptionSpec option = parameter.adHoc() ? command.findOption("--" + parameter.key()) : null;
            if (option != null && option.getValue() != null) {
                values.put(parameter.key(), option.getValue());
            }
        }
        return values;
    }
}
