package io.voxtok.modelio;


import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the files of the one-time check against PyTorch into the folder given as the only argument (a program,
 * not a test: run it from the test class path, e.g. with {@code mvn -q -o -pl sdk-modelio test-compile exec:java}
 * or any IDE). Then run
 * {@code /usr/bin/python3 sdk-modelio/src/test/python/torch_writer_interop.py check <folder>}, which loads them with
 * torch.load (see that script for the full commands). Python never runs as part of the build.
 */
public final class TorchCheckFiles {
    private TorchCheckFiles() {
    }

    /** @param args the output folder */
    public static void main(String[] args) {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: TorchCheckFiles OUTPUT_DIR");
        }
        Path dir = Path.of(args[0]);
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
