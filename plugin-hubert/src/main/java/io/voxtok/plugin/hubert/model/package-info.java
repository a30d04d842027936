/**
 * The HuBERT network: checkpoint discovery and key mapping (Hugging Face and fairseq), the DJL PyTorch
 * implementation and the ONNX Runtime runner, both returning all hidden states.
 */
package io.voxtok.plugin.hubert.model;
