/**
 * Discrete speech units from continuous teacher features: k-means fitting ({@link io.voxtok.units.KMeans}),
 * centroid files ({@link io.voxtok.units.Centroids}), unit extraction ({@link io.voxtok.units.UnitExtractor}),
 * alignment of teacher frames to a tokenizer's frames ({@link io.voxtok.units.FrameAligner}) and an on-disk
 * feature cache for a corpus ({@link io.voxtok.units.FeatureCache}). Pure Java, no native engine.
 */
package io.voxtok.units;
