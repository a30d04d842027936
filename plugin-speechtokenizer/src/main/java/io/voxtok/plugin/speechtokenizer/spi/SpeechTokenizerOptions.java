package io.voxtok.plugin.speechtokenizer.spi;

import io.voxtok.api.ComponentConfig;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.token.TokenizerOptions;
import java.util.Locale;
import java.util.Set;

/**
 * Options of the SpeechTokenizer component ({@code -O key=value} on the command line).
 *
 * <ul>
 *   <li>{@code chunking}: {@code off} (whole-file encoding, exact: the official behaviour), {@code on} (always
 *       windowed), or {@code auto} (default: windowed only for inputs longer than {@code chunkThresholdSeconds},
 *       so hour-long files fit in bounded memory while ordinary utterances stay exact)</li>
 *   <li>{@code chunkSeconds} (default 10: the window encoded at once, context included), {@code contextSeconds}
 *       (default 1: audio at each side of a window whose codes are discarded, so each window keeps the codes of its
 *       central {@code chunkSeconds - 2 contextSeconds}), {@code chunkThresholdSeconds} (default 60)</li>
 *   <li>{@code randomInit}, {@code config}, {@code seed}: random weights from a configuration (speed tests)</li>
 * </ul>
 */
public record SpeechTokenizerOptions(String chunking, double chunkSeconds, double contextSeconds,
                                     double chunkThresholdSeconds, boolean randomInit, String configFile, long seed) {
    /** Every accepted key. */
    public static final Set<String> KEYS = Set.of("chunking", "chunkSeconds", "contextSeconds", "chunkThresholdSeconds",
            TokenizerOptions.RANDOM_INIT, TokenizerOptions.CONFIG_FILE, TokenizerOptions.SEED);

    /** Parses and validates; errors name the option. */
    public static SpeechTokenizerOptions from(ComponentConfig c) {
        c.requireKnownKeys(KEYS);
        String chunking = c.get("chunking").orElse("auto").toLowerCase(Locale.ROOT);
        if (!Set.of("off", "on", "auto").contains(chunking)) {
            throw VoxtokException.userInput("option chunking must be off, on or auto, got " + chunking);
        }
        double win = number(c, "chunkSeconds", 10);
        double ctx = number(c, "contextSeconds", 1);
        double thr = number(c, "chunkThresholdSeconds", 60);
        if (win <= 0 || ctx < 0 || thr <= 0 || win <= 2 * ctx) {
            throw VoxtokException.userInput("need chunkSeconds > 2 x contextSeconds >= 0 and chunkThresholdSeconds > 0;"
                    + " got chunkSeconds " + win + ", contextSeconds " + ctx + ", chunkThresholdSeconds " + thr);
        }
        boolean random = Boolean.parseBoolean(c.get(TokenizerOptions.RANDOM_INIT).orElse("false"));
        long seed = (long) number(c, TokenizerOptions.SEED, 0);
        return new SpeechTokenizerOptions(chunking, win, ctx, thr, random, c.get(TokenizerOptions.CONFIG_FILE).orElse(null),
                seed);
    }

    private static double number(ComponentConfig c, String key, double def) {
        String v = c.get(key).orElse(null);
        if (v == null) {
            return def;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw VoxtokException.userInput("option " + key + " must be a number, got '" + v + "'");
        }
    }

    /** True when an input of {@code seconds} is encoded in windows. */
    public boolean chunks(double seconds) {
        return chunking.equals("on") || (chunking.equals("auto") && seconds > chunkThresholdSeconds);
    }

    /** A description for token-file metadata. */
    public String describeChunking() {
        return chunking.equals("off") ? "off" : chunking + " (window " + chunkSeconds + " s, context " + contextSeconds
                + " s" + (chunking.equals("auto") ? ", above " + chunkThresholdSeconds + " s" : "") + ")";
    }
}
