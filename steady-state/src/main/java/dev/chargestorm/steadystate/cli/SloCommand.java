package dev.chargestorm.steadystate.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import dev.chargestorm.steadystate.slo.Declarations;
import dev.chargestorm.steadystate.yaml.Problem;
import dev.chargestorm.steadystate.yaml.SloFiles;
import dev.chargestorm.steadystate.yaml.SloValidationException;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code slo}: the steady-state command line. {@code slo validate <files>} exits 0 when the files are valid, 1 when
 * they have problems (each printed as {@code file:line: subject field: message}), 2 on bad usage.
 */
@Command(name = "slo", mixinStandardHelpOptions = true, version = "chargestorm steady-state 0.1.0",
        description = "Declared steady-state SLOs (OpenSLO v1 subset + ChargeStorm harness kinds).",
        subcommands = {SloCommand.Validate.class})
public final class SloCommand implements Callable<Integer> {

    /** Exit code: everything valid. */
    public static final int OK = 0;
    /** Exit code: the files have problems. */
    public static final int INVALID = 1;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command with the given output streams and returns the exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new SloCommand());
        cl.setOut(out);
        cl.setErr(err);
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLine.ExitCode.USAGE;
    }

    /** {@code slo validate <files>}. */
    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Validate SLO files together (references may cross files); print every problem with its"
                    + " file, line and field. Exit 0 when valid, 1 when not.")
    static final class Validate implements Callable<Integer> {

        @Parameters(arity = "1..*", paramLabel = "FILE", description = "SLO YAML files (multi-document)")
        List<Path> files;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            for (Path f : files) {
                if (!Files.isRegularFile(f)) {
                    err.println(f + ": no such file (run from the repository root, or give an absolute path)");
                    return INVALID;
                }
            }
            try {
                Declarations d = SloFiles.load(files);
                out.println("valid: " + files.size() + (files.size() == 1 ? " file, " : " files, ")
                        + d.dataSources().size() + " DataSource, " + d.slis().size() + " SLI, " + d.slos().size()
                        + " SLO (" + d.slos().stream().mapToInt(s -> s.objectives().size()).sum() + " objectives), "
                        + d.steadyStates().size() + " SteadyState, " + d.recoveryObjectives().size()
                        + " RecoveryObjective, " + d.invariants().size() + " Invariant, " + d.abortPolicies().size()
                        + " AbortPolicy");
                return OK;
            } catch (SloValidationException e) {
                for (Problem p : e.problems()) {
                    err.println(p);
                }
                err.println(e.problems().size() + (e.problems().size() == 1 ? " problem" : " problems")
                        + "; fix them and run 'slo validate' again");
                return INVALID;
            }
        }
    }
}
