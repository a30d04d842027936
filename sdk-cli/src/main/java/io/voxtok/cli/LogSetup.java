package io.voxtok.cli;

/**
 * Quiet logging for a command-line tool: warnings only, unless {@code --verbose}. Must run before the first
 * SLF4J logger is created (slf4j-simple reads its settings once).
 */
final class LogSetup {
    private LogSetup() {
    }

    static void configure(boolean verbose) {
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn");
        setIfAbsent("org.slf4j.simpleLogger.logFile", "System.err");
        setIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
        // libtorch's CUDA probe warns on CPU-only machines; that is expected, not news.
        setIfAbsent("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", verbose ? "warn" : "error");
        // PF4J logs a plugin's faults with stack traces; the runtime refuses that plugin with one line of its own
        // (shown by 'voxtok plugins'), so PF4J's account is for --verbose only.
        setIfAbsent("org.slf4j.simpleLogger.log.org.pf4j", verbose ? "info" : "off");
    }

    private static void setIfAbsent(String k, String v) {
        if (System.getProperty(k) == null) {
            System.setProperty(k, v);
        }
    }
}
