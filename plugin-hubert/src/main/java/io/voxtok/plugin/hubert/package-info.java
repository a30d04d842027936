/**
 * The HuBERT plugin: {@link io.voxtok.plugin.hubert.HubertTeacherFactory} creates
 * {@link io.voxtok.plugin.hubert.HubertTeacher}s that turn 16 kHz audio into HuBERT hidden states (one layer or
 * their average) on DJL/PyTorch or ONNX Runtime.
 */
package io.voxtok.plugin.hubert;
