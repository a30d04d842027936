/** The x-vector speaker encoder network, its configuration and its model directory. */
package io.voxtok.plugin.speakerencoder.model;
