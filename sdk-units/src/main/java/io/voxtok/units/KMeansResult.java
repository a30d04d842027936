package io.voxtok.units;

/**
 * Outcome of {@link KMeans#fit}.
 *
 * @param centroids  the fitted centres
 * @param iterations Lloyd iterations, or mini-batch passes over the data, that were run
 * @param converged  true when the stopping rule fired before the iteration limit
 * @param inertia    sum over all rows of the squared distance to the nearest centroid
 */
public record KMeansResult(Centroids centroids, int iterations, boolean converged, double inertia) {
}
