package io.voxtok.api;

import io.voxtok.api.bench.BenchmarkFactory;
import io.voxtok.api.discriminator.DiscriminatorFactory;
import io.voxtok.api.lm.LanguageModelFactory;
import io.voxtok.api.speaker.SpeakerEncoderFactory;
import io.voxtok.api.teacher.TeacherFactory;
import io.voxtok.api.token.TokenizerFactory;
import java.util.Optional;

/** Finds factories of loaded plugins by name. Thread-safe; implemented by the runtime. */
public interface ComponentLookup {
    /** A tokenizer factory by {@code name} or {@code name:variant}. */
    Optional<TokenizerFactory> tokenizer(String name);

    /** A teacher factory by {@code name} or {@code name:variant}. */
    Optional<TeacherFactory> teacher(String name);

    /** A discriminator factory by {@code name} or {@code name:variant}. */
    Optional<DiscriminatorFactory> discriminator(String name);

    /** A language-model factory by {@code name} or {@code name:variant}. */
    Optional<LanguageModelFactory> languageModel(String name);

    /** A benchmark factory by {@code name} or {@code name:variant}. */
    Optional<BenchmarkFactory> benchmark(String name);

    /**
     * A speaker-encoder factory by {@code name} or {@code name:variant}. Since SPI 1.1.0; the default finds none, so
     * lookups written for 1.0.0 keep compiling.
     */
    default Optional<SpeakerEncoderFactory> speakerEncoder(String name) {
        return Optional.empty();
    }
}
