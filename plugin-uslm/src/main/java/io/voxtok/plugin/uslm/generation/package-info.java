/** Inference: the official uncached AR loop, a KV-cached AR loop, token sampling and the greedy NAR. */
package io.voxtok.plugin.uslm.generation;
