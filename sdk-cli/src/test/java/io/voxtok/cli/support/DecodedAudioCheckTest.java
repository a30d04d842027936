package io.voxtok.cli.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.voxtok.api.VoxtokException;
import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.token.TokenProducer;
import io.voxtok.api.token.Tokenizer;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Decoded audio with NaN or infinity is refused at the CLI boundary, naming the input and the tokenizer. */
class DecodedAudioCheckTest {
    /** Only {@code producer()} is asked by the check. */
    private static Tokenizer producing(TokenProducer p) {
        return (Tokenizer) Proxy.newProxyInstance(Tokenizer.class.getClassLoader(), new Class<?>[] {Tokenizer.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("producer")) {
                        return p;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void nonFiniteSamplesAreRefusedAndFiniteOnesPass() {
        Tokenizer tok = producing(new TokenProducer("thirdparty", "default", "abc"));
        DecodedAudioCheck.requireFinite(AudioBuffer.ofMono(new float[] {0.5f, -70f}, 8000), Path.of("x.vtok"), tok);
        VoxtokException e = assertThrows(VoxtokException.class, () -> DecodedAudioCheck.requireFinite(
                AudioBuffer.ofMono(new float[] {0.5f, Float.NaN}, 8000), Path.of("in/x.vtok"), tok));
        assertEquals("in/x.vtok: decoder output (audio) of " + tok.producer() + " has NaN or infinite samples; nothing"
                + " written (the model's weights overflow on these tokens: check the checkpoint)", e.getMessage());
    }
}
