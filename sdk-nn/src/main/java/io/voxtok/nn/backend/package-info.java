/** Access to the DJL PyTorch engine: named engine lookup and device managers. */
package io.voxtok.nn.backend;
