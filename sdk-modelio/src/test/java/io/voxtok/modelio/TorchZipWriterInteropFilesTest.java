package io.voxtok.modelio;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Writes the files of the one-time check against PyTorch into the folder named by the system property
 * {@code voxtok.torchcheck.dir}; skipped without it. Then run
 * {@code /usr/bin/python3 sdk-modelio/src/test/python/torch_writer_interop.py check <folder>}, which loads them with
 * torch.load (see that script for the full commands). Python never runs as part of the build.
 */
class TorchZipWriterInteropFilesTest {
    @Test
    void writeFilesForTorchCheck() {
        String folder = System.getProperty("voxtok.torchcheck.dir");
        assumeTrue(folder != null && !folder.isBlank(), "set -Dvoxtok.torchcheck.dir to write the torch check files");
        Path dir = Path.of(folder);
        Map<String, Tensor> linear = new LinkedHashMap<>();
        linear.put("weight", TensorPatterns.of(DType.FLOAT32, 2, 3));
        linear.put("bias", TensorPatterns.of(DType.FLOAT32, 2));
        TorchZipWriter.write(dir.resolve("java_linear.pt"), linear);
        TorchZipWriter.write(dir.resolve("java_dtypes.pt"), TorchZipWriterTest.allDtypesAndRanks());
        TorchZipWriter.write(dir.resolve("java_zip64.pt"), StateDict.of(TorchZipWriterTest.allDtypesAndRanks(), null),
                TorchZipWriter.Zip64.ALWAYS);
        TorchZipWriter.writeObject(dir.resolve("java_nested.pt"), TorchZipWriterTest.trainerCheckpoint());
        TorchZipWriter.write(dir.resolve("torch_module.pt"), StateDict.read(TestFiles.resource("torch_module.pt")));
    }
}
