package dev.chargestorm.steadystate.yaml;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.chargestorm.steadystate.slo.Declarations;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Loads multi-document SLO YAML files (OpenSLO v1 subset plus the harness kinds) into {@link Declarations}.
 * All problems of all files are collected; {@link SloValidationException} lists each with file, line and field.
 */
public final class SloFiles {

    /** apiVersion of the OpenSLO kinds. */
    public static final String OPENSLO_V1 = "openslo/v1";
    /** apiVersion of the harness kinds (SteadyState, RecoveryObjective, Invariant, AbortPolicy). */
    public static final String HARNESS_V1ALPHA1 = "chaos.chargestorm.dev/v1alpha1";

    private SloFiles() {
    }

    /** Loads and validates files together (references may cross files). */
    public static Declarations load(Path... files) {
        return load(List.of(files));
    }

    /** Loads and validates files together (references may cross files). */
    public static Declarations load(List<Path> files) {
        List<Problem> problems = new ArrayList<>();
        List<Documents.Doc> docs = new ArrayList<>();
        for (Path file : files) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                problems.add(new Problem(file.toString(), 0, "file", "", "cannot be read: " + e));
                continue;
            }
            docs.addAll(compose(file.toString(), text, problems));
        }
        return Documents.build(docs, problems);
    }

    /** Parses YAML text; {@code fileName} only labels the problems. */
    public static Declarations parse(String fileName, String yaml) {
        List<Problem> problems = new ArrayList<>();
        return Documents.build(compose(fileName, yaml, problems), problems);
    }

    /** Validates files and returns their problems (empty when valid); never throws for bad content. */
    public static List<Problem> validate(List<Path> files) {
        try {
            load(files);
            return List.of();
        } catch (SloValidationException e) {
            return e.problems();
        }
    }

    private static List<Documents.Doc> compose(String file, String text, List<Problem> problems) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Yaml yaml = new Yaml(options);
        List<Documents.Doc> docs = new ArrayList<>();
        try {
            int index = 0;
            for (Node node : yaml.composeAll(new StringReader(text))) {
                index++;
                if (node != null) {
                    docs.add(new Documents.Doc(file, index, node));
                }
            }
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            int line = mark == null ? 0 : mark.getLine() + 1;
            problems.add(new Problem(file, line, "YAML", "", "not valid YAML: " + e.getProblem()
                    + (e.getContext() != null ? " (" + e.getContext() + ")" : "")));
        }
        if (docs.isEmpty() && problems.stream().noneMatch(p -> p.file().equals(file))) {
            problems.add(new Problem(file, 1, "file", "", "contains no YAML documents"));
        }
        return docs;
    }
}
