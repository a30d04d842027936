package io.voxtok.metrics.probe;

import io.voxtok.api.VoxtokException;
import io.voxtok.modelio.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One voice-conversion output: the converted audio, the utterance whose content it carries ({@code source}) and
 * the utterance whose voice it should have ({@code reference}), both manifest ids.
 *
 * @param converted converted audio file
 * @param source    source utterance id
 * @param reference reference utterance id
 */
public record ConversionPair(Path converted, String source, String reference) {
    /**
     * Reads JSON Lines {@code {"converted": "x.wav", "source": "<id>", "reference": "<id>"}}; relative paths are
     * taken from the pairs file's folder; blank lines are skipped.
     *
     * @throws VoxtokException (USER_INPUT) naming the file and line of a bad entry
     */
    public static List<ConversionPair> readJsonLines(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw VoxtokException.userInput(file + ": cannot read pairs: " + e.getMessage());
        }
        Path base = file.toAbsolutePath().getParent();
        List<ConversionPair> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                continue;
            }
            String where = file + ":" + (i + 1);
            Map<String, Object> o = Json.parseObject(line, where);
            String[] v = new String[3];
            String[] keys = {"converted", "source", "reference"};
            for (int k = 0; k < 3; k++) {
                if (!(o.get(keys[k]) instanceof String s) || s.isBlank()) {
                    throw VoxtokException.userInput(where + ": '" + keys[k] + "' must be a non-empty string");
                }
                v[k] = (String) o.get(keys[k]);
            }
            out.add(new ConversionPair(base.resolve(v[0]).normalize(), v[1], v[2]));
        }
        if (out.isEmpty()) {
            throw VoxtokException.userInput(file + ": no pairs");
        }
        return out;
    }
}
