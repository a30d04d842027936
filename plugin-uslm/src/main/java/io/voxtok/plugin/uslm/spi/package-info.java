/** The {@code uslm} and {@code valle} language-model components of the Voxtok SPI. */
package io.voxtok.plugin.uslm.spi;
