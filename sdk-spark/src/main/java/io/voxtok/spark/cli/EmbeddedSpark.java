package io.voxtok.spark.cli;

import org.apache.spark.SparkConf;

/**
 * The Spark configuration of a {@code voxtok spark} command: spark-submit's settings when it launched us, else an
 * embedded {@code local[*]} session on the loopback interface without a web UI.
 */
final class EmbeddedSpark {
    /** The master when neither {@code --master} nor spark-submit names one. */
    static final String DEFAULT_MASTER = "local[*]";

    private EmbeddedSpark() {
    }

    /**
     * A configuration named {@code app}. {@code new SparkConf()} reads the {@code spark.*} system properties that
     * spark-submit sets (master, jars, files), so they win over the embedded defaults; {@code master} (the command's
     * {@code --master}, or null) wins over both.
     */
    static SparkConf conf(String app, String master) {
        SparkConf conf = new SparkConf().setAppName(app);
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster(DEFAULT_MASTER);
        }
        if (conf.get("spark.master").startsWith("local")) {
            conf.setIfMissing("spark.ui.enabled", "false");
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        return conf;
    }
}
