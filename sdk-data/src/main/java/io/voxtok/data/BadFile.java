package io.voxtok.data;

import java.nio.file.Path;

/**
 * An audio file that could not be used, reported by {@link UtteranceLoader}.
 *
 * @param entryId the corpus id
 * @param path    the file
 * @param reason  why (missing, undecodable, non-finite samples ...)
 */
public record BadFile(String entryId, Path path, String reason) {
}
