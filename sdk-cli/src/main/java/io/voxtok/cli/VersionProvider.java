package io.voxtok.cli;

import io.voxtok.api.SpiVersion;
import picocli.CommandLine;

/** {@code voxtok --version}: CLI and SPI versions. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String impl = VoxtokCli.class.getPackage().getImplementationVersion();
        return new String[] {"voxtok " + (impl == null ? "0.1.0-SNAPSHOT" : impl) + " (SPI " + SpiVersion.CURRENT + ")"};
    }
}
