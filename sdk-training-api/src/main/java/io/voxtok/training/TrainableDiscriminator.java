package io.voxtok.training;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import java.util.List;

/** A discriminator family (MPD, MSD, MS-STFT) with gradients. */
public interface TrainableDiscriminator extends AutoCloseable {
    /** Sub-discriminator names in output order, e.g. {@code mpd/p2}. */
    List<String> names();

    /** The parameters. */
    Block block();

    /** Scores a batch of audio {@code (B, 1, L)}. */
    DiscriminatorForward forward(NDArray audio);

    @Override
    void close();
}
