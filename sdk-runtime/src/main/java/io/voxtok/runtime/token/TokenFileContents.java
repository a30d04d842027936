package io.voxtok.runtime.token;

import io.voxtok.api.token.TokenMatrix;
import java.util.Map;

/**
 * What a token container holds: the tokens plus the audio geometry needed to decode them and free-form metadata.
 *
 * @param tokens     the token matrix (with producer and valid frames)
 * @param sampleRate the audio rate the tokens were made from
 * @param hopLength  samples per frame
 * @param metadata   string metadata (copied), e.g. {@code bandwidth_kbps}, {@code source}
 */
public record TokenFileContents(TokenMatrix tokens, int sampleRate, int hopLength, Map<String, String> metadata) {
    /** Copies. */
    public TokenFileContents {
        metadata = Map.copyOf(metadata);
    }
}
