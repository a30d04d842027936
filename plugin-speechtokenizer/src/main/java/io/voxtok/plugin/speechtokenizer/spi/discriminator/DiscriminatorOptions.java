package io.voxtok.plugin.speechtokenizer.spi.discriminator;

import io.voxtok.api.ComponentConfig;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.token.TokenizerOptions;
import io.voxtok.training.discriminator.MultiPeriodConfig;
import io.voxtok.training.discriminator.MultiScaleConfig;
import io.voxtok.training.discriminator.MultiScaleStftConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Options of the discriminator components ({@code -O key=value} on the command line). Every family accepts
 * {@code randomInit} ({@code true}: PyTorch-default random weights drawn from {@code seed}, default 0, instead of a
 * model) and {@code seed}; {@code mpd} also {@code periods} (comma list, default {@code 2,3,5,7,11}) and
 * {@code widthDivisor}; {@code msd} {@code widthDivisor} (1, 2, 4 or 8); {@code mstftd} {@code filters} (default
 * 32). Sizes must match the weights that are loaded; a mismatch is reported key by key. Keys other than those of
 * the family are refused by name.
 *
 * @param kind         the family the options were parsed for
 * @param randomInit   random weights instead of a model
 * @param seed         seed of the random weights
 * @param periods      MPD periods
 * @param widthDivisor MPD / MSD channel divisor
 * @param filters      MS-STFT hidden channels
 */
public record DiscriminatorOptions(DiscriminatorKind kind, boolean randomInit, long seed, List<Integer> periods,
                                   int widthDivisor, int filters) {
    /** MPD periods, a comma list. */
    public static final String PERIODS = "periods";
    /** MPD / MSD channel divisor. */
    public static final String WIDTH_DIVISOR = "widthDivisor";
    /** MS-STFT hidden channels. */
    public static final String FILTERS = "filters";
    /** Keys every family accepts (the same names as the tokenizers' random-init options). */
    public static final Set<String> COMMON_KEYS = Set.of(TokenizerOptions.RANDOM_INIT, TokenizerOptions.SEED);

    /** Copies the periods. */
    public DiscriminatorOptions {
        periods = List.copyOf(periods);
    }

    /**
     * Parses and validates the options of one family.
     *
     * @throws VoxtokException (USER_INPUT) naming an unknown key, or the option and the value that are invalid
     */
    public static DiscriminatorOptions from(ComponentConfig c, DiscriminatorKind kind) {
        try {
            c.requireKnownKeys(kind.optionKeys());
        } catch (VoxtokException e) {
            // the generic message does not say which component refused; the CLI user may have several
            throw VoxtokException.userInput(kind.id().name() + " discriminator: " + e.getMessage());
        }
        boolean random = bool(c, TokenizerOptions.RANDOM_INIT);
        long seed = integer(c, TokenizerOptions.SEED, 0, Long.MIN_VALUE);
        MultiPeriodConfig mpd = MultiPeriodConfig.official();
        List<Integer> periods = c.get(PERIODS).map(DiscriminatorOptions::periods).orElse(mpd.periods());
        int divisor = (int) integer(c, WIDTH_DIVISOR, 1, 1);
        int filters = (int) integer(c, FILTERS, MultiScaleStftConfig.official().filters(), 1);
        DiscriminatorOptions o = new DiscriminatorOptions(kind, random, seed, periods, divisor, filters);
        try {
            // build the size once here so a bad combination fails before any weights are read
            switch (kind) {
                case MPD -> o.multiPeriod();
                case MSD -> o.multiScale();
                case MSTFTD -> o.multiScaleStft();
                default -> throw new IllegalStateException(kind.toString());
            }
        } catch (IllegalArgumentException e) {
            throw VoxtokException.userInput(kind.id().name() + " discriminator: invalid size options: "
                    + e.getMessage());
        }
        return o;
    }

    /** The MPD size. */
    public MultiPeriodConfig multiPeriod() {
        return new MultiPeriodConfig(periods, widthDivisor);
    }

    /** The MSD size (the official three scales). */
    public MultiScaleConfig multiScale() {
        return MultiScaleConfig.official().withWidthDivisor(widthDivisor);
    }

    /** The MS-STFT size (the official five scales). */
    public MultiScaleStftConfig multiScaleStft() {
        return MultiScaleStftConfig.official().withFilters(filters);
    }

    private static boolean bool(ComponentConfig c, String key) {
        String v = c.get(key).orElse("false").trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> throw VoxtokException.userInput("option " + key + " must be true or false, got '" + v + "'");
        };
    }

    private static long integer(ComponentConfig c, String key, long def, long min) {
        String v = c.get(key).orElse(null);
        if (v == null) {
            return def;
        }
        long n;
        try {
            n = Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw VoxtokException.userInput("option " + key + " must be an integer, got '" + v + "'");
        }
        if (n < min || (min > Long.MIN_VALUE && n > Integer.MAX_VALUE)) {
            throw VoxtokException.userInput("option " + key + " must be an integer >= " + min + ", got " + v);
        }
        return n;
    }

    private static List<Integer> periods(String text) {
        List<Integer> out = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            try {
                int p = Integer.parseInt(part.trim());
                if (p < 1) {
                    throw new NumberFormatException();
                }
                out.add(p);
            } catch (NumberFormatException e) {
                throw VoxtokException.userInput("option " + PERIODS + " must be a comma list of positive integers"
                        + " (e.g. 2,3,5,7,11), got '" + text + "'");
            }
        }
        return out;
    }
}
