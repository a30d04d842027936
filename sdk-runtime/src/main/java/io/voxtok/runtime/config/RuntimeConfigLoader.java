package io.voxtok.runtime.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.backend.BackendKind;
import io.voxtok.api.backend.DeviceSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads {@link RuntimeConfig} from YAML. Every key is optional; unknown keys are errors that name the key and
 * the file. Relative paths are resolved against the config file's directory.
 *
 * <pre>
 * backend: pytorch          # pytorch | onnxruntime
 * device: cpu               # cpu | gpu | gpu:N
 * allowCpuFallback: false   # run on the CPU when the GPU is absent
 * threads: 2
 * pluginsDir: plugins
 * plugins: [speechtokenizer] # load only these plugin ids (omit for all)
 * developmentPluginDirs: []  # plugin module dirs loaded from target/classes + target/lib
 * </pre>
 */
public final class RuntimeConfigLoader {
    private RuntimeConfigLoader() {
    }

    /** The YAML document's shape; public fields for Jackson, strict. */
    static final class Document {
        @JsonProperty("backend") public String backend = "pytorch";
        @JsonProperty("device") public String device = "cpu";
        @JsonProperty("allowCpuFallback") public boolean allowCpuFallback = false;
        @JsonProperty("threads") public Integer threads;
        @JsonProperty("pluginsDir") public String pluginsDir = "plugins";
        @JsonProperty("plugins") public List<String> plugins = new ArrayList<>();
        @JsonProperty("developmentPluginDirs") public List<String> developmentPluginDirs = new ArrayList<>();
    }

    /** Reads and validates a YAML file. */
    public static RuntimeConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new VoxtokException(ErrorKind.USER_INPUT, file + ": config file not found");
        } catch (IOException e) {
            throw new VoxtokException(ErrorKind.USER_INPUT, file + ": cannot read config: " + e.getMessage(), e);
        }
        Path base = file.toAbsolutePath().getParent();
        return parse(text, file.toString(), base);
    }

    /** Parses YAML text; {@code origin} names the source in errors, {@code base} resolves relative paths. */
    public static RuntimeConfig parse(String yaml, String origin, Path base) {
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        Document d;
        try {
            d = yaml.isBlank() ? new Document() : mapper.readValue(yaml, Document.class);
        } catch (UnrecognizedPropertyException e) {
            throw new VoxtokException(ErrorKind.USER_INPUT, origin + ": unknown config key '" + e.getPropertyName()
                    + "'; known keys: " + e.getKnownPropertyIds());
        } catch (JsonProcessingException e) {
            throw new VoxtokException(ErrorKind.USER_INPUT, origin + ": invalid config: "
                    + e.getOriginalMessage().lines().findFirst().orElse(""), e);
        }
        BackendKind backend = switch (d.backend == null ? "" : d.backend.toLowerCase(Locale.ROOT)) {
            case "pytorch" -> BackendKind.PYTORCH;
            case "onnxruntime", "onnx" -> BackendKind.ONNX_RUNTIME;
            case "pure-java", "purejava", "java" -> BackendKind.PURE_JAVA;
            default -> throw new VoxtokException(ErrorKind.USER_INPUT,
                    origin + ": backend '" + d.backend + "' is not pytorch, onnxruntime or pure-java");
        };
        DeviceSpec device;
        try {
            device = DeviceSpec.parse(d.device == null ? "cpu" : d.device);
        } catch (IllegalArgumentException e) {
            throw new VoxtokException(ErrorKind.USER_INPUT, origin + ": " + e.getMessage());
        }
        int threads = d.threads == null ? Math.max(1, Runtime.getRuntime().availableProcessors()) : d.threads;
        if (threads < 1) {
            throw new VoxtokException(ErrorKind.USER_INPUT, origin + ": threads must be >= 1, got " + threads);
        }
        Path pluginsDir = base.resolve(d.pluginsDir == null ? "plugins" : d.pluginsDir).normalize();
        List<Path> dev = d.developmentPluginDirs.stream().map(p -> base.resolve(p).normalize()).toList();
        return new RuntimeConfig(backend, device, d.allowCpuFallback, threads, pluginsDir, d.plugins, dev);
    }
}
