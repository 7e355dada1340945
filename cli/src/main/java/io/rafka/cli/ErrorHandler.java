package io.rafka.cli;

import io.rafka.cli.support.ClientErrors;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Turns an exception out of a command into exit code 1 and, for operation errors, one line on
 * stderr. Stack traces are shown only with {@code --verbose}, except for bugs (anything that is
 * neither a {@link CliException} nor a Kafka client error), which always show theirs.
 *
 * <p>Thread-safety: stateless.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    static final int OPERATION_ERROR = 1;

    @Override
    public int handleExecutionException(
            Exception exception, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        String qualifiedName = commandLine.getCommandSpec().qualifiedName();
        if (exception instanceof CliException || ClientErrors.isClientError(exception)) {
            String message = exception instanceof CliException
                    ? exception.getMessage()
                    : ClientErrors.describe(exception);
            err.println(qualifiedName + ": error: " + message);
            if (isVerbose(parseResult)) {
                exception.printStackTrace(err);
            }
        } else {
            err.println(qualifiedName + ": internal error (a bug in rafka, please report it):");
            exception.printStackTrace(err);
        }
        err.flush();
        return OPERATION_ERROR;
    }

    private static boolean isVerbose(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult level = parseResult; level != null; level = level.subcommand()) {
            if (level.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
