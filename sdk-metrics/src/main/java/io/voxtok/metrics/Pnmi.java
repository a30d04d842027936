package io.voxtok.metrics;

import io.voxtok.api.VoxtokException;
import io.voxtok.api.bench.Metric;
import io.voxtok.api.token.TokenMatrix;
import io.voxtok.data.PhoneAlignment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Phone-normalised mutual information between discrete codes and frame-aligned phones, as defined in the HuBERT
 * paper (Hsu et al., 2021, section IV-C): from the joint distribution {@code p(y, z)} of phone {@code y} and code
 * {@code z} over all labelled frames, {@code PNMI = I(y; z) / H(y)} (natural logs; 0 = codes say nothing about
 * phones, 1 = phones are a function of codes). Also reported: phone purity {@code sum_z p(z) max_y p(y|z)} and
 * cluster purity {@code sum_y p(y) max_z p(z|y)}. Frames whose phone label is {@code null} (outside the
 * alignment) are skipped. Not thread-safe.
 */
public final class Pnmi {
    /** Definition version. */
    public static final String VERSION = "1";
    private final int codebookSize;
    private final Map<String, long[]> joint = new HashMap<>();
    private long frames;

    /** An empty accumulator for codes in {@code [0, codebookSize)}. */
    public Pnmi(int codebookSize) {
        if (codebookSize < 2) {
            throw new IllegalArgumentException("codebook size must be >= 2");
        }
        this.codebookSize = codebookSize;
    }

    /** Adds frames: {@code codes[t]} with {@code phones[t]} (same length; null phones skipped). */
    public Pnmi add(int[] codes, String[] phones) {
        if (codes.length != phones.length) {
            throw VoxtokException.userInput("PNMI: " + codes.length + " code frames but " + phones.length
                    + " phone labels; align codes and labels to the same frame rate first");
        }
        for (int t = 0; t < codes.length; t++) {
            if (codes[t] < 0 || codes[t] >= codebookSize) {
                throw VoxtokException.userInput("PNMI: code " + codes[t] + " outside [0, " + codebookSize + ")");
            }
            if (phones[t] != null) {
                joint.computeIfAbsent(phones[t], k -> new long[codebookSize])[codes[t]]++;
                frames++;
            }
        }
        return this;
    }

    /**
     * Adds one item's codes of one layer, labelling its valid frames from {@code alignment} at the tokens' frame
     * rate (frame {@code t} gets the phone at its centre, {@link PhoneAlignment#frameLabels}).
     */
    public Pnmi add(TokenMatrix tokens, int item, int layer, PhoneAlignment alignment) {
        if (tokens.codebookSize() != codebookSize) {
            throw VoxtokException.userInput("PNMI: tokens have codebook size " + tokens.codebookSize() + ", expected " + codebookSize);
        }
        int valid = tokens.validFrames(item);
        int[] codes = new int[valid];
        for (int t = 0; t < valid; t++) {
            codes[t] = tokens.code(layer, item, t);
        }
        return add(codes, alignment.frameLabels(tokens.frameRate(), valid));
    }

    /** PNMI, phone purity and cluster purity. */
    public List<Metric> metrics() {
        if (frames == 0) {
            throw VoxtokException.userInput("PNMI: no labelled frames were added");
        }
        double[] pz = new double[codebookSize];
        double hy = 0;
        double mi = 0;
        double clusterPurity = 0;
        double[] maxYgivenZ = new double[codebookSize];
        for (long[] row : joint.values()) {
            long ny = 0;
            long best = 0;
            for (int z = 0; z < codebookSize; z++) {
                ny += row[z];
                pz[z] += row[z];
                best = Math.max(best, row[z]);
                maxYgivenZ[z] = Math.max(maxYgivenZ[z], row[z]);
            }
            double py = ny / (double) frames;
            hy -= py * Math.log(py);
            clusterPurity += best / (double) frames;
        }
        for (long[] row : joint.values()) {
            long ny = 0;
            for (long c : row) {
                ny += c;
            }
            for (int z = 0; z < codebookSize; z++) {
                if (row[z] > 0) {
                    double pyz = row[z] / (double) frames;
                    mi += pyz * Math.log(row[z] * (double) frames / (ny * pz[z]));
                }
            }
        }
        double phonePurity = 0;
        for (int z = 0; z < codebookSize; z++) {
            phonePurity += maxYgivenZ[z] / frames;
        }
        if (hy == 0) {
            throw VoxtokException.userInput("PNMI: only one phone label occurs, H(phone) = 0 and PNMI is undefined");
        }
        Map<String, String> params = Map.of("codebook_size", "" + codebookSize, "frames", "" + frames,
                "phones", "" + joint.size(), "log", "natural");
        List<Metric> out = new ArrayList<>();
        out.add(new Metric("pnmi", mi / hy, "fraction", true, VERSION, params));
        out.add(new Metric("phone_purity", phonePurity, "fraction", true, VERSION, params));
        out.add(new Metric("cluster_purity", clusterPurity, "fraction", true, VERSION, params));
        return out;
    }
}
