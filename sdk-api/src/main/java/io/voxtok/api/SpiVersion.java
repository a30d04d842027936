package io.voxtok.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version of this SPI, in semantic-version form {@code MAJOR.MINOR.PATCH}.
 *
 * <p>A plugin declares the SPI range it was built for in {@code plugin.properties} ({@code plugin.requires},
 * e.g. {@code >=1.0.0 & <2.0.0}); the runtime refuses a plugin whose range does not contain {@link #CURRENT},
 * naming both versions. Minor versions only add; a major version may break binary compatibility.
 *
 * <p>Thread-safe: constants only.
 */
public final class SpiVersion {
    /** The SPI version this artifact implements, e.g. {@code "1.0.0"}. */
    public static final String CURRENT = load();

    private SpiVersion() {
    }

    private static String load() {
        try (InputStream in = SpiVersion.class.getResourceAsStream("spi.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            String v = p.getProperty("spi.version", "1.0.0");
            // Unfiltered resources (an IDE build) still give a usable version.
            return v.startsWith("$") ? "1.0.0" : v;
        } catch (IOException e) {
            return "1.0.0";
        }
    }

    /** Major component of {@link #CURRENT}. */
    public static int major() {
        return Integer.parseInt(CURRENT.split("\\.")[0]);
    }
}
