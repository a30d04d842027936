package io.voxtok.spark.cli;

import io.voxtok.cli.SubcommandProvider;

/** Registers {@code voxtok spark} when this module's jar is on the class path (see {@link SubcommandProvider}). */
public final class SparkCommandProvider implements SubcommandProvider {
    @Override
    public Object command() {
        return new SparkCommand();
    }
}
