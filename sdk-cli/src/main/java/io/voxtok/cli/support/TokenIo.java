package io.voxtok.cli.support;

import io.voxtok.api.VoxtokException;
import io.voxtok.api.token.TokenMatrix;
import io.voxtok.api.token.Tokenizer;
import io.voxtok.api.token.TokenizerSpec;
import io.voxtok.runtime.token.NpyTokens;
import io.voxtok.runtime.token.TokenFile;
import io.voxtok.runtime.token.TokenFileContents;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads and writes tokens by file extension: {@code .vtok} (the SDK container) or {@code .npy}. */
public final class TokenIo {
    private static final Logger LOG = LoggerFactory.getLogger(TokenIo.class);

    private TokenIo() {
    }

    /** Writes {@code tokens} made by {@code tokenizer} to {@code out}. */
    public static void write(Path out, TokenMatrix tokens, TokenizerSpec spec, Map<String, String> metadata) {
        checkExtension(out);
        switch (InputFiles.extension(out)) {
            case "npy" -> NpyTokens.write(out, tokens);
            default -> TokenFile.write(out, new TokenFileContents(tokens, spec.sampleRate(), spec.hopLength(), metadata));
        }
    }

    /**
     * Refuses an output name that is neither {@code .vtok} nor {@code .npy}, so a directory run stops before its
     * first input rather than failing every one.
     *
     * @throws VoxtokException USER_INPUT naming the file
     */
    public static void checkExtension(Path out) {
        String ext = InputFiles.extension(out);
        if (!ext.equals("npy") && !ext.equals("vtok")) {
            throw VoxtokException.userInput(out + ": unknown token file extension; use .vtok or .npy");
        }
    }

    /**
     * Reads tokens for decoding with {@code tokenizer}. A {@code .vtok} file's producer must match the tokenizer
     * (checked by the tokenizer's decode); a {@code .npy} file carries no producer, so it is assumed to come from
     * this tokenizer, starting at layer {@code npyFirstLayer}.
     */
    public static TokenMatrix read(Path in, Tokenizer tokenizer, int npyFirstLayer) {
        if (TokenFile.isTokenFile(in)) {
            return TokenFile.read(in).tokens();
        }
        if (InputFiles.extension(in).equals("npy")) {
            LOG.info("{}: .npy tokens carry no producer; assuming {}", in, tokenizer.producer());
            TokenizerSpec s = tokenizer.spec();
            return NpyTokens.read(in, npyFirstLayer, s.codebookSize(), s.frameRate(), tokenizer.producer());
        }
        throw VoxtokException.userInput(in + ": not a token file (.vtok or .npy)");
    }
}
