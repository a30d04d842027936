/** Element-wise activations used by SEANet: ELU and Snake. */
package io.voxtok.nn.activation;
