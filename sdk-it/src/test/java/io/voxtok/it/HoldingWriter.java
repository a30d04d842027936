package io.voxtok.it;

import io.voxtok.modelio.AtomicFiles;
import java.nio.file.Path;

/**
 * Child-process program for {@link ConcurrentOutputCliTest}: another process in the middle of writing
 * {@code args[0]}; prints {@code writing} once it has begun and then blocks until it is killed.
 */
public final class HoldingWriter {
    private HoldingWriter() {
    }

    /** {@code args[0]}: the file being written. */
    public static void main(String[] args) {
        AtomicFiles.write(Path.of(args[0]), out -> {
            out.write(new byte[] {1, 2, 3});
            out.flush();
            System.out.println("writing");
            System.out.flush();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
