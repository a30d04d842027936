package io.voxtok.plugin.hubert.model;

import io.voxtok.modelio.StateDict;
import io.voxtok.plugin.hubert.config.HubertConfig;

/**
 * HuBERT weights under canonical names ({@link HubertKeyMapper}), checked to be exactly those the configuration
 * needs (plus ignorable extras). Immutable.
 *
 * @param config  the architecture
 * @param weights tensors by canonical name
 * @param layout  the naming the file used
 */
public record HubertCheckpoint(HubertConfig config, StateDict weights, HubertKeyMapper.Layout layout) {
}
