package io.voxtok.spark.job;

import java.io.Serializable;
import java.util.Map;

/**
 * Everything a task needs besides its shard: how to start the runtime, what to make of each utterance, where the
 * output goes. Small and serialisable; Spark ships it with every task.
 *
 * @param runtime    the executor runtime
 * @param recipe     what each utterance becomes
 * @param output     the output folder (path or URI)
 * @param hadoopConf extra Hadoop settings for the output file system
 * @param <R>        the row type
 */
public record JobContext<R>(ExecutorRuntimeSpec runtime, ShardRecipe<R> recipe, String output, Map<String, String> hadoopConf)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Copies the settings into a serialisable map. */
    public JobContext {
        hadoopConf = new java.util.TreeMap<>(hadoopConf);
    }

    /** The output layout on this JVM. */
    public OutputLayout layout() {
        return new OutputLayout(output, hadoopConf);
    }
}
