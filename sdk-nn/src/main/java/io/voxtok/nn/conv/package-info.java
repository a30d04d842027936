/**
 * SEANet-style 1-D convolutions: explicit padding rules ({@link io.voxtok.nn.conv.Padding1d}), the streamable
 * convolution and transposed convolution, a polyphase transposed convolution built from {@code conv1d}
 * (DJL's PyTorch engine has no deconvolution), and weight-norm folding.
 */
package io.voxtok.nn.conv;
