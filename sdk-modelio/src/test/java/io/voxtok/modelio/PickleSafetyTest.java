package io.voxtok.modelio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Hostile and malformed pickles inside otherwise valid torch zip checkpoints. */
class PickleSafetyTest {
    @TempDir
    Path dir;

    private static final Map<String, byte[]> ONE_STORAGE = Map.of("0", PickleBuilder.floats(1, 2, 3, 4));

    /** The classic payload: the root object is os.system("touch marker"). */
    @Test
    void osSystemAtRootIsRefusedAndNeverRuns() throws IOException {
        Path marker = dir.resolve("pwned-marker");
        byte[] pickle = new PickleBuilder().proto(2).global("os", "system").str("touch " + marker).tuple1()
                .reduce().stop().bytes();
        Path file = PickleBuilder.writeTorchZip(dir.resolve("evil.pt"), "archive", pickle, Map.of());
        VoxtokException e = assertThrows(VoxtokException.class, () -> StateDict.read(file));
        assertEquals(ErrorKind.USER_INPUT, e.kind());
        assertTrue(e.getMessage().startsWith("refusing to load " + file), e.getMessage());
        assertTrue(e.getMessage().contains("os.system"), e.getMessage());
        assertFalse(Files.exists(marker), "the payload must never run");
    }

    /** A dangerous call hidden as one value of an otherwise normal state dict is refused as well. */
    @Test
    void dangerousValueInsideStateDictIsRefused() throws IOException {
        Path marker = dir.resolve("marker2");
        byte[] pickle = new PickleBuilder().proto(2).emptyDict()
                .str("w").tensor("0", 4, 0, new int[] {2, 2}, new int[] {2, 1}).setItem()
                .str("hook").global("posix", "system").str("touch " + marker).tuple1().reduce().setItem()
                .stop().bytes();
        Path file = PickleBuilder.writeTorchZip(dir.resolve("evil2.pt"), "model", pickle, ONE_STORAGE);
        VoxtokException e = assertThrows(VoxtokException.class, () -> StateDict.read(file));
        assertTrue(e.getMessage().contains("posix.system") && e.getMessage().contains(file.toString()),
                e.getMessage());
        assertFalse(Files.exists(marker));
    }

    @ParameterizedTest
    @CsvSource({"nt,system", "subprocess,Popen", "subprocess,check_output", "builtins,eval", "builtins,exec",
            "builtins,getattr", "builtins,__import__", "__builtin__,eval", "os.path,join", "importlib,import_module",
            "shutil,rmtree", "socket,socket", "runpy,run_path", "pty,spawn", "webbrowser,open", "sys,exit"})
    void dangerousGlobalsAreRefusedViaGlobalAndStackGlobal(String module, String name) throws IOException {
        byte[] viaGlobal = new PickleBuilder().proto(2).global(module, name).str("x").tuple1().reduce().stop()
                .bytes();
        byte[] viaStackGlobal = new PickleBuilder().proto(4).shortStr(module).shortStr(name).op(0x93)
                .str("x").tuple1().reduce().stop().bytes();
        for (byte[] pickle : new byte[][] {viaGlobal, viaStackGlobal}) {
            Path file = PickleBuilder.writeTorchZip(Files.createTempFile(dir, "evil", ".pt"), "archive", pickle,
                    Map.of());
            VoxtokException e = assertThrows(VoxtokException.class, () -> StateDict.read(file));
            assertTrue(e.getMessage().contains("refusing to load " + file)
                    && e.getMessage().contains(module + "." + name), e.getMessage());
        }
    }

    /** Unknown but harmless globals become opaque values and their tensors are skipped; tensors elsewhere load. */
    @Test
    void unknownGlobalsAreOpaqueAndSkipped() throws IOException {
        byte[] pickle = new PickleBuilder().proto(2).emptyDict()
                .str("w").tensor("0", 4, 0, new int[] {4}, new int[] {1}).setItem()
                .str("cfg").global("mylib.config", "Config").emptyTuple().op(0x81) // NEWOBJ
                .emptyDict().str("inner").tensor("0", 4, 0, new int[] {2}, new int[] {1}).setItem().op('b') // BUILD
                .setItem().stop().bytes();
        Path file = PickleBuilder.writeTorchZip(dir.resolve("opaque.pt"), "archive", pickle, ONE_STORAGE);
        StateDict sd = StateDict.read(file);
        assertEquals(java.util.Set.of("w"), sd.keys());
        assertArrayEquals(new float[] {1, 2, 3, 4}, sd.get("w").toFloatArray());
    }

    @Test
    void wholePickledModuleIsRefusedWithAdvice() throws IOException {
        byte[] pickle = new PickleBuilder().proto(2).global("torch.nn.modules.linear", "Linear").emptyTuple()
                .op(0x81).emptyDict().op('b').stop().bytes();
        Path file = PickleBuilder.writeTorchZip(dir.resolve("module.pt"), "archive", pickle, Map.of());
        VoxtokException e = assertThrows(VoxtokException.class, () -> StateDict.read(file));
        assertTrue(e.getMessage().contains("torch.nn.modules.linear.Linear")
                && e.getMessage().contains("state_dict()"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"105,INST", "111,OBJ", "80,PERSID", "130,EXT1", "73,INT"})
    void unsupportedOpcodesAreRefusedByName(int opcode, String name) throws IOException {
        byte[] pickle = new PickleBuilder().proto(2).op(opcode).str("junk").stop().bytes();
        Path file = PickleBuilder.writeTorchZip(dir.resolve("op.pt"), "archive", pickle, Map.of());
        VoxtokException e = assertThrows(VoxtokException.class, () -> StateDict.read(file));
        assertTrue(e.getMessage().contains("opcode " + name) && e.getMessage().contains(file.toString()),
                e.getMessage());
    }

    @Test
    void malformedPicklesGiveClearErrors() throws IOException {
        byte[][] bad = {
            new PickleBuilder().proto(2).emptyDict().str("a").bytes(), // no STOP
            new PickleBuilder().proto(2).setItem().stop().bytes(), // pops an empty stack
            new PickleBuilder().proto(2).op('h').op(9).stop().bytes(), // memo never written
            new PickleBuilder().proto(2).op(0xff).stop().bytes(), // not an opcode
            new PickleBuilder().proto(2).str("a").str("b").stop().bytes(), // two values at STOP
        };
        for (byte[] pickle : bad) {
            Path file = PickleBuilder.writeTorchZip(Files.createTempFile(dir, "bad", ".pt"), "archive", pickle,
                    Map.of());
            VoxtokException e = assertThrows(VoxtokException.class, () -> StateDict.read(file));
            assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("malformed"),
                    e.getMessage());
        }
    }

    @Test
    void absurdNestingIsRefused() throws IOException {
        PickleBuilder b = new PickleBuilder().proto(2);
        for (int i = 0; i < 5000; i++) {
            b.op(']'); // EMPTY_LIST
        }
        for (int i = 0; i < 4999; i++) {
            b.op('a'); // APPEND
        }
        Path file = PickleBuilder.writeTorchZip(dir.resolve("deep.pt"), "archive", b.stop().bytes(), Map.of());
        VoxtokException e = assertThrows(VoxtokException.class, () -> StateDict.read(file));
        assertTrue(e.getMessage().contains("nested more than"), e.getMessage());
    }

    @Test
    void viewBeyondItsStorageIsRefused() throws IOException {
        byte[] pickle = new PickleBuilder().proto(2).emptyDict()
                .str("enc.w").tensor("0", 4, 2, new int[] {2, 2}, new int[] {2, 1}).setItem().stop().bytes();
        Path file = PickleBuilder.writeTorchZip(dir.resolve("oob.pt"), "archive", pickle, ONE_STORAGE);
        VoxtokException e = assertThrows(VoxtokException.class, () -> StateDict.read(file));
        assertTrue(e.getMessage().contains("enc.w") && e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void missingStorageRecordIsRefused() throws IOException {
        byte[] pickle = new PickleBuilder().proto(2).emptyDict()
                .str("w").tensor("7", 4, 0, new int[] {4}, new int[] {1}).setItem().stop().bytes();
        Path file = PickleBuilder.writeTorchZip(dir.resolve("nostorage.pt"), "archive", pickle, ONE_STORAGE);
        VoxtokException e = assertThrows(VoxtokException.class, () -> StateDict.read(file));
        assertTrue(e.getMessage().contains("archive/data/7") && e.getMessage().contains("'w'"), e.getMessage());
    }

    @Test
    void zipWithoutDataPklIsNotACheckpoint() throws IOException {
        Path file = PickleBuilder.writeTorchZip(dir.resolve("x.npz"), "arrays", new byte[0], Map.of());
        Files.delete(file);
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("a.npy"));
            zip.write(1);
            zip.closeEntry();
        }
        VoxtokException e = assertThrows(VoxtokException.class, () -> StateDict.read(file));
        assertTrue(e.getMessage().contains("data.pkl"), e.getMessage());
    }
}
