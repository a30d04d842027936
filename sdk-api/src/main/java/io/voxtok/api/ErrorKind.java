package io.voxtok.api;

/** Who has to act on a {@link VoxtokException}. */
public enum ErrorKind {
    /** The caller's input is wrong (a file, an option, tokens from another tokenizer). CLI exit code 2 or 1. */
    USER_INPUT,
    /** The environment lacks something (a GPU, native libraries, a file system permission). */
    ENVIRONMENT,
    /** A plugin is incompatible or misbehaved. */
    PLUGIN,
    /** A bug in Voxtok. */
    INTERNAL
}
