/** USLM / VALL-E configuration ({@code config.json} of a model directory) and behaviour options. */
package io.voxtok.plugin.uslm.config;
