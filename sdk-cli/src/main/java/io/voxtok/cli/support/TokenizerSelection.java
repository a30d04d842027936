package io.voxtok.cli.support;

import io.voxtok.api.ComponentConfig;
import io.voxtok.api.token.Tokenizer;
import io.voxtok.runtime.VoxtokRuntime;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --tokenizer NAME --model DIR -O key=value}: which tokenizer to create and how. */
public final class TokenizerSelection {
    @Option(names = {"-t", "--tokenizer"}, required = true, paramLabel = "NAME",
            description = "tokenizer name or name:variant (see 'voxtok plugins')")
    public String tokenizer;

    @Option(names = {"-m", "--model"}, paramLabel = "PATH",
            description = "model directory (config.json + *.pt or *.safetensors), or the name of a shipped model"
                    + " (see 'voxtok models')")
    public Path model;

    @Option(names = {"-O", "--option"}, paramLabel = "KEY=VALUE", description = "tokenizer option (repeatable)")
    public Map<String, String> options = new LinkedHashMap<>();

    @Option(names = "--bandwidth", paramLabel = "KBPS",
            description = "target bandwidth in kbps for tokenizers that have a ladder (EnCodec: 1.5/3/6/12/24)")
    public String bandwidth;

    /** The component configuration. */
    public ComponentConfig config() {
        Map<String, String> o = new LinkedHashMap<>(options);
        if (bandwidth != null) {
            o.put("bandwidth", bandwidth);
        }
        return new ComponentConfig(o, Optional.ofNullable(model).map(RuntimeOptions::resolveModel));
    }

    /** Creates the tokenizer in {@code rt}. */
    public Tokenizer create(VoxtokRuntime rt) {
        return rt.createTokenizer(tokenizer, config());
    }
}
