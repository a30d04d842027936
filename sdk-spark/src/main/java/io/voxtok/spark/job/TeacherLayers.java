package io.voxtok.spark.job;

import io.voxtok.api.teacher.LayerSelection;

/** {@code --layer N|avg} of the teacher jobs. */
final class TeacherLayers {
    private TeacherLayers() {
    }

    /** The layer selection, or a usage error naming the option. */
    static LayerSelection parse(String layer) {
        try {
            return LayerSelection.parse(layer);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--layer must be a hidden-state number or avg, got " + layer);
        }
    }
}
