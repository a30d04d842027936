package io.voxtok.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.bench.plot.Tsne;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TsneTest {
    @Test
    void wellSeparatedClustersStaySeparated() {
        Random r = new Random(7);
        int clusters = 3;
        int per = 20;
        int dim = 10;
        double[][] x = new double[clusters * per][dim];
        int[] label = new int[x.length];
        for (int c = 0; c < clusters; c++) {
            for (int i = 0; i < per; i++) {
                int k = c * per + i;
                label[k] = c;
                for (int d = 0; d < dim; d++) {
                    // centres 20 apart on different axes, unit noise
                    x[k][d] = (d == c ? 20 : 0) + r.nextGaussian();
                }
            }
        }
        double[][] y = new Tsne(10, 400, 1).embed(x);
        int sameNearest = 0;
        for (int i = 0; i < y.length; i++) {
            int best = -1;
            double bestD = Double.POSITIVE_INFINITY;
            for (int j = 0; j < y.length; j++) {
                double d = Math.hypot(y[i][0] - y[j][0], y[i][1] - y[j][1]);
                if (j != i && d < bestD) {
                    bestD = d;
                    best = j;
                }
            }
            sameNearest += label[best] == label[i] ? 1 : 0;
        }
        assertTrue(sameNearest == y.length, "nearest 2-D neighbour in the same cluster for " + sameNearest + "/" + y.length);
        // The largest within-cluster distance is smaller than the smallest between-cluster distance.
        double within = 0;
        double between = Double.POSITIVE_INFINITY;
        for (int i = 0; i < y.length; i++) {
            for (int j = i + 1; j < y.length; j++) {
                double d = Math.hypot(y[i][0] - y[j][0], y[i][1] - y[j][1]);
                if (label[i] == label[j]) {
                    within = Math.max(within, d);
                } else {
                    between = Math.min(between, d);
                }
            }
        }
        assertTrue(between > within, "clusters overlap: max within " + within + ", min between " + between);
    }
}
