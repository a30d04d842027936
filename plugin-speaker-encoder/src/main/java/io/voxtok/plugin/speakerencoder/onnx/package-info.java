/** Speaker encoders exported to ONNX, run with ONNX Runtime, and the Kaldi-style filterbank some of them take. */
package io.voxtok.plugin.speakerencoder.onnx;
