package io.voxtok.cli.support;

import io.voxtok.runtime.VoxtokRuntime;
import io.voxtok.training.TrainingRecipe;
import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Finds the training recipes the loaded plugins contribute ({@code voxtok train}, {@code voxtok export},
 * {@code voxtok bench train-step}) and lists them for people.
 */
public final class TrainingRecipes {
    private TrainingRecipes() {
    }

    /**
     * The recipe called {@code name} among those of {@code rt}'s plugins.
     *
     * @throws IllegalArgumentException (a usage error) naming the recipes that exist
     */
    public static TrainingRecipe find(VoxtokRuntime rt, String name) {
        TrainingRecipe r = find(rt.registry().trainingRecipes(), name, rt.config().pluginsDir().toString());
        // Recipes run DJL inside plugin code: start the engine here first, on the host's side and with the
        // configured threads (DJL's engine discovery happens once, DESIGN-NOTES P2).
        rt.backend();
        return r;
    }

    /**
     * The recipe called {@code name} in {@code recipes}.
     *
     * @param where where the plugins came from, for the message when nothing matches
     * @throws IllegalArgumentException (a usage error) naming the recipes that exist
     */
    public static TrainingRecipe find(List<TrainingRecipe> recipes, String name, String where) {
        for (TrainingRecipe r : recipes) {
            if (r.name().equals(name)) {
                return r;
            }
        }
        if (recipes.isEmpty()) {
            throw new IllegalArgumentException("unknown training recipe '" + name + "': the loaded plugins (from "
                    + where + ") provide no training recipes");
        }
        throw new IllegalArgumentException("unknown training recipe '" + name + "' (available: "
                + recipes.stream().map(TrainingRecipe::name).collect(Collectors.joining(", ")) + ")");
    }

    /** Prints one line per recipe: its name and description (or a note that there are none). */
    public static void list(List<TrainingRecipe> recipes, String where, PrintWriter out) {
        if (recipes.isEmpty()) {
            out.printf("no training recipes (plugins from %s)%n", where);
            return;
        }
        int width = recipes.stream().mapToInt(r -> r.name().length()).max().orElse(0);
        out.println("Training recipes:");
        for (TrainingRecipe r : recipes) {
            out.printf("  %-" + width + "s  %s%n", r.name(), r.description());
        }
    }
}
