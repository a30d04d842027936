package io.voxtok.runtime.registry;

/** The kinds of component factories a plugin can contribute. */
public enum FactoryKind {
    /** {@link io.voxtok.api.token.TokenizerFactory}. */
    TOKENIZER,
    /** {@link io.voxtok.api.teacher.TeacherFactory}. */
    TEACHER,
    /** {@link io.voxtok.api.discriminator.DiscriminatorFactory}. */
    DISCRIMINATOR,
    /** {@link io.voxtok.api.lm.LanguageModelFactory}. */
    LANGUAGE_MODEL,
    /** {@link io.voxtok.api.bench.BenchmarkFactory}. */
    BENCHMARK,
    /** {@link io.voxtok.api.speaker.SpeakerEncoderFactory}. */
    SPEAKER_ENCODER
}
