package io.voxtok.api;

import io.voxtok.api.bench.BenchmarkFactory;
import io.voxtok.api.discriminator.DiscriminatorFactory;
import io.voxtok.api.lm.LanguageModelFactory;
import io.voxtok.api.speaker.SpeakerEncoderFactory;
import io.voxtok.api.teacher.TeacherFactory;
import io.voxtok.api.token.TokenizerFactory;
import java.util.List;

/**
 * The entry point of a plugin: lists the factories it contributes.
 *
 * <p>A plugin registers exactly one implementation with the standard {@link java.util.ServiceLoader}
 * mechanism, a file {@code META-INF/services/io.voxtok.api.VoxtokPlugin} naming the class, so a plugin
 * compiles against {@code sdk-api} alone. Implementations have a public no-argument constructor, are
 * cheap and stateless; the runtime instantiates them once per plugin.
 */
public interface VoxtokPlugin {
    /** Tokenizers (audio to discrete tokens and back). */
    default List<TokenizerFactory> tokenizers() {
        return List.of();
    }

    /** Teachers (continuous features used for distillation or units). */
    default List<TeacherFactory> teachers() {
        return List.of();
    }

    /** Discriminators (GAN training and scoring). */
    default List<DiscriminatorFactory> discriminators() {
        return List.of();
    }

    /** Token language models. */
    default List<LanguageModelFactory> languageModels() {
        return List.of();
    }

    /** Benchmarks. */
    default List<BenchmarkFactory> benchmarks() {
        return List.of();
    }

    /**
     * Speaker encoders (utterance-level speaker embeddings). Since SPI 1.1.0; plugins built for 1.0.0 contribute
     * none.
     */
    default List<SpeakerEncoderFactory> speakerEncoders() {
        return List.of();
    }
}
