package io.voxtok.runtime.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.ComponentConfig;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.token.Tokenizer;
import io.voxtok.runtime.VoxtokRuntime;
import io.voxtok.runtime.config.RuntimeConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComponentLifecycleTest {
    @TempDir
    Path dir;

    private static final String FACTORY = """
            package t.life;
            import io.voxtok.api.*; import io.voxtok.api.audio.*; import io.voxtok.api.backend.*; import io.voxtok.api.token.*;
            import java.util.*;
            public final class Factory implements TokenizerFactory {
              public ComponentId id() { return ComponentId.of("life"); }
              public String description() { return "test"; }
              public Set<BackendKind> supportedBackends() { return Set.of(BackendKind.PURE_JAVA); }
              public TokenizerSpec defaultSpec() { return new TokenizerSpec(8000, 1, 1, 1, 256, 0, true, false); }
              public boolean requiresModel() { return false; }
              public Tokenizer create(ComponentConfig c, ComponentContext ctx) {
                boolean tccl = Thread.currentThread().getContextClassLoader() == getClass().getClassLoader();
                System.setProperty("voxtok.test.tccl", Boolean.toString(tccl));
                System.setProperty("voxtok.test.backend", ctx.backend().kind().toString());
                String name = c.get("name").orElse("?");
                return new Tokenizer() {
                  boolean closed;
                  public ComponentId id() { return ComponentId.of("life"); }
                  public TokenizerSpec spec() { return defaultSpec(); }
                  public TokenProducer producer() { return new TokenProducer("life", "default", "none"); }
                  public TokenMatrix encode(AudioBuffer a, LayerRange l) {
                    boolean inner = Thread.currentThread().getContextClassLoader() == Factory.class.getClassLoader();
                    System.setProperty("voxtok.test.tccl.encode", Boolean.toString(inner));
                    return TokenMatrix.single(new int[1][a.frames()], 0, 256, 8000, producer());
                  }
                  public List<AudioBuffer> decodeBatch(TokenMatrix t) { return List.of(); }
                  public void close() {
                    if (!closed) { closed = true;
                      System.setProperty("voxtok.test.closed", System.getProperty("voxtok.test.closed", "") + name); }
                  }
                };
              }
            }
            """;

    private static final String ENTRY = """
            package t.life;
            public final class EntryPoint implements io.voxtok.api.VoxtokPlugin {
              public java.util.List<io.voxtok.api.token.TokenizerFactory> tokenizers() { return java.util.List.of(new Factory()); }
            }
            """;

    @Test
    void componentsRunWithThePluginContextLoaderAndCloseInReverseOrder() throws Exception {
        TestPluginBuilder.build(dir, "life", ">=1.0.0 & <2.0.0", "t.life", ENTRY, FACTORY);
        System.clearProperty("voxtok.test.closed");
        try (VoxtokRuntime rt = VoxtokRuntime.start(RuntimeConfig.defaults(dir).withThreads(1))) {
            Tokenizer a = rt.createTokenizer("life", ComponentConfig.empty().with("name", "A"));
            rt.createTokenizer("life:default", ComponentConfig.empty().with("name", "B"));
            rt.createTokenizer("life", ComponentConfig.empty().with("name", "C"));
            assertEquals("true", System.getProperty("voxtok.test.tccl"), "create() must run with the plugin's TCCL");
            assertEquals("PURE_JAVA", System.getProperty("voxtok.test.backend"));
            a.encode(io.voxtok.api.audio.AudioBuffer.ofMono(new float[10], 8000));
            assertEquals("true", System.getProperty("voxtok.test.tccl.encode"));
            VoxtokException e = assertThrows(VoxtokException.class,
                    () -> rt.createTokenizer("nosuch", ComponentConfig.empty()));
            assertTrue(e.getMessage().contains("life:default"), e.getMessage());
        }
        assertEquals("CBA", System.getProperty("voxtok.test.closed"));
    }
}
